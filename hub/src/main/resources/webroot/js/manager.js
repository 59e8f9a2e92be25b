// /manager: sign in, then three tabs. Live: the staffing hint, waits against the target, counters and acting on
// them, the office day (live.js), the bookings import (bookings.js), the help bell's alerts (with a sound until
// taken on), devices that are missing or faulty, pairing codes for kiosks and boards, the boards' scrolling
// announcement. History and Evaluation are history.js's, mounted the first time their tab is shown.
import { AlertPanel } from './alerts.js';
import { wireBookingImport } from './bookings.js';
import { mountEvaluation, mountHistory } from './history.js';
import { api, boot, follow, showConnection } from './hub.js';
import { mountPlan } from './plan.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch, timeOfDay } from './i18n.js';
import { errorText, signInCard } from './page.js';
import { storedSession, storeSession, wireSignInForm } from './signin.js';
import { LivePanel } from './live.js';
import { wireTabs } from './tabs.js';

const $ = (id) => document.getElementById(id);
const SESSION = 'queue.manager.session';
const DEVICES_EVERY_MS = 15000;
const PREVIEWS_EVERY_MS = 5000;
const page = {
  office: null, queue: null, lang: null, languages: [], session: null, alerts: null, devices: [], tabs: null,
  live: null,
};
window.managerPage = page;

/**
 * The authenticated fetch helper handed to the tabs' modules (history.js): managerApi(path, options) is hub.js's
 * api() (JSON in and out; throws HubError with status and code) with the signed-in manager's token and the
 * page's language filled in, signing the page out on a 401. Also: managerApi.raw(path, init) -> the fetch
 * Response itself with the Authorization header (for downloads such as the xlsx), managerApi.lang() -> the
 * page's i18n Language now, managerApi.office -> GET /api/office. When the language changes, texts with
 * data-i18n anywhere in the page are redone and each mounted panel gets a 'manager:lang' event ({detail: {lang}}).
 */
async function managerApi(path, options = {}) {
  try {
    return await api(path, { ...options, token: page.session && page.session.token, lang: page.lang.tag });
  } catch (e) {
    if (e.status === 401) expired();
    throw e;
  }
}
managerApi.raw = async (path, init = {}) => {
  const headers = { ...(init.headers || {}), 'Accept-Language': page.lang.tag };
  if (page.session) headers.Authorization = 'Bearer ' + page.session.token;
  const r = await fetch(path, { cache: 'no-store', ...init, headers });
  if (r.status === 401) expired();
  return r;
};
managerApi.lang = () => page.lang;

/** The tabs other than Live, mounted once each, the first time they are shown. */
const MOUNTS = { 'tab-history': mountHistory, 'tab-evaluation': mountEvaluation };
const mounted = new Set();
const LIVE_SECTIONS = ['waits', 'day', 'bookings', 'live-counters', 'plan', 'alerts', 'devices', 'pairing', 'announce'];

function tabShown(panel) {
  const mount = MOUNTS[panel.id];
  if (!mount || mounted.has(panel.id)) return;
  mounted.add(panel.id);
  mount(panel, managerApi);
}

async function main() {
  const { office } = await boot({ langs: [sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG] });
  const [queue, langs] = await Promise.all([api('/api/queue'), languages()]);
  page.office = office;
  page.queue = queue;
  page.languages = langs.filter((l) => !l.speechOnly);
  page.session = storedSession(SESSION);
  managerApi.office = office;
  page.alerts = new AlertPanel($('alerts'), {
    session: () => page.session, lang: () => page.lang, office: page.office, onExpired: expired,
  });
  page.live = new LivePanel({ api: managerApi, office, lang: () => page.lang });
  wireBookingImport({ api: managerApi, office, lang: () => page.lang });
  signInCard($('login'));
  await setLanguage(sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
  page.tabs = wireTabs($('tabs'), { onSelect: tabShown });
  wireSignInForm($('login-form'), {
    lang: () => page.lang, roles: ['manager'], storageKey: SESSION,
    wrongRoleText: () => page.lang.t('manager.notManager'),
    onSignedIn: (s) => {
      page.session = s;
      show();
    },
  });
  follow({
    onSnapshot: (q) => {
      page.queue = q;
      if (page.session) page.live.snapshot(q);
    },
    onEvent: (type, data) => {
      page.alerts.event(type);
      if (page.session) page.live.event(type, data);
      if (type === 'device.health') loadDevices();
    },
    onConnection: (up) => {
      showConnection($('conn'), up);
      if (up) refreshAll();
    },
  });
  // Going offline is an event too, but a device never heard from, or silent since the page opened, is seen here.
  setInterval(loadDevices, DEVICES_EVERY_MS);
  setInterval(loadPreviews, PREVIEWS_EVERY_MS);
  $('pairing-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pair();
  });
  $('announce-form').addEventListener('submit', (e) => {
    e.preventDefault();
    announce();
  });
  show();
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  sessionStorage.setItem('queue.staff.lang', tag);
  applyTexts(document, page.lang);
  renderLanguageSwitch($('langs'), page.languages, tag, setLanguage);
  renderAnnouncementFields();
  for (const id of mounted) $(id).dispatchEvent(new CustomEvent('manager:lang', { detail: { lang: page.lang } }));
  if (page.session) {
    page.alerts.render();
    renderDevices();
    page.live.render();
  }
}

function show() {
  const signed = !!page.session;
  $('login').hidden = signed;
  $('tabs').hidden = !signed;
  if (!signed) {
    page.tabs.select('tab-live');
    $('tab-live').hidden = true;
  } else if (page.tabs.selected().hidden) {
    page.tabs.select('tab-live');
  }
  for (const id of LIVE_SECTIONS) $(id).hidden = !signed;
  if (signed && !mounted.has('plan')) {
    mounted.add('plan'); // so language changes reach it as 'manager:lang', like the tabs
    mountPlan($('plan'), managerApi);
  }
  if (signed) refreshAll();
  else {
    page.alerts.sound(false);
    $('staffing-hint').hidden = true;
  }
}

function refreshAll() {
  if (!page.session) return;
  page.alerts.refresh();
  loadDevices();
  page.live.loadStaff();
  page.live.snapshot(page.queue);
}

function signOut() {
  page.session = null;
  storeSession(SESSION, null);
  show();
}

/** The hub refused the token (expired, ended, revoked): the sign-in again, saying why. */
function expired() {
  if (!page.session) return;
  signOut();
  const msg = $('login-message');
  msg.className = 'notice error';
  msg.textContent = page.lang.t('signin.expired');
}

async function loadDevices() {
  if (!page.session) return;
  try {
    page.devices = await managerApi('/api/devices');
  } catch (e) {
    return;
  }
  renderDevices();
}

/** Devices missing or faulty, worst first; those never heard from in one line; the rest only counted. */
function renderDevices() {
  const L = page.lang;
  const order = { fault: 0, offline: 1, warning: 2, ok: 3 };
  const seen = page.devices.filter((d) => d.lastSeen);
  const never = page.devices.filter((d) => !d.lastSeen);
  const problems = seen.filter((d) => d.status !== 'ok').sort((a, b) => order[a.status] - order[b.status]);
  const body = $('device-problems');
  body.innerHTML = '';
  for (const d of problems) {
    const tr = document.createElement('tr');
    tr.dataset.device = d.id;
    tr.className = 'device-' + d.status;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = L.t('devices.type.' + d.type) + ' ' + d.id;
    const st = document.createElement('td');
    st.textContent = L.t('devices.status.' + d.status);
    const comp = document.createElement('td');
    comp.textContent = Object.entries(d.components || {})
      .filter(([, state]) => state !== 'ok')
      .map(([c, state]) => (L.has('devices.state.' + state) ? L.t('devices.state.' + state) : state) + ' (' + c + ')')
      .join(', ');
    const last = document.createElement('td');
    last.textContent = timeOfDay(L, page.office.timezone, new Date(d.lastSeen));
    tr.append(name, st, comp, last);
    body.append(tr);
  }
  const ok = seen.length - problems.length;
  $('devices-summary').textContent = L.t('devices.summary', { ok, problems: problems.length, never: never.length });
  $('devices-never').textContent = never.length ? L.t('devices.never', { ids: never.map((d) => d.id).join(', ') }) : '';
  renderPreviews();
}

/** Each LED board as its agent draws it (GET /api/devices/{id}/preview.png), beside its health. */
function renderPreviews() {
  const L = page.lang;
  const box = $('board-previews');
  const boards = page.devices.filter((d) => d.type === 'board');
  for (const fig of [...box.children]) {
    if (!boards.some((d) => d.id === fig.dataset.device)) fig.remove();
  }
  for (const d of boards) {
    let fig = box.querySelector(`figure[data-device="${d.id}"]`);
    if (!fig) {
      fig = document.createElement('figure');
      fig.dataset.device = d.id;
      fig.append(document.createElement('img'), document.createElement('figcaption'));
      box.append(fig);
    }
    const img = fig.querySelector('img');
    img.alt = L.t('devices.preview.alt', { id: d.id });
    img.hidden = !img.src;
    fig.querySelector('figcaption').textContent = d.id + ': ' + L.t('devices.status.' + d.status)
      + (img.src ? '' : ' (' + L.t('devices.preview.none') + ')');
  }
  loadPreviews();
}

async function loadPreviews() {
  if (!page.session) return;
  for (const fig of $('board-previews').querySelectorAll('figure')) {
    const img = fig.querySelector('img');
    try {
      const r = await fetch('/api/devices/' + encodeURIComponent(fig.dataset.device) + '/preview.png', {
        headers: { Authorization: 'Bearer ' + page.session.token },
      });
      if (!r.ok) continue;
      const url = URL.createObjectURL(await r.blob());
      if (img.src) URL.revokeObjectURL(img.src);
      img.src = url;
      img.hidden = false;
      const caption = fig.querySelector('figcaption');
      caption.textContent = caption.textContent.replace(' (' + page.lang.t('devices.preview.none') + ')', '');
    } catch (e) {
      // the hub is away; the next round tries again
    }
  }
}

function renderAnnouncementFields() {
  const box = $('announce-fields');
  const current = {};
  for (const ta of box.querySelectorAll('textarea')) current[ta.dataset.lang] = ta.value;
  box.innerHTML = '';
  for (const l of page.languages) {
    const label = document.createElement('label');
    label.htmlFor = 'announce-' + l.tag;
    label.textContent = l.name;
    label.lang = l.tag;
    const ta = document.createElement('textarea');
    ta.id = 'announce-' + l.tag;
    ta.dataset.lang = l.tag;
    ta.lang = l.tag;
    ta.maxLength = 500;
    ta.value = current[l.tag] ?? ((page.queue.announcement || {})[l.tag] || '');
    box.append(label, ta);
  }
}

async function pair() {
  const out = $('pairing-result');
  const type = document.querySelector('#pairing-form input[name=type]:checked').value;
  try {
    const r = await managerApi('/api/pairings', {
      method: 'POST',
      body: { type, name: $('device-name').value.trim().toLowerCase() },
    });
    out.className = 'notice ok';
    out.innerHTML = '';
    const code = document.createElement('span');
    code.className = 'code num';
    code.textContent = r.code;
    const text = document.createElement('span');
    text.textContent = ' ' + page.lang.t('manager.pairing.code', {
      code: r.code, time: timeOfDay(page.lang, page.office.timezone, new Date(r.expiresAt)),
    });
    out.append(code, text);
  } catch (e) {
    out.className = 'notice error';
    out.textContent = errorText(page.lang, e);
  }
}

async function announce() {
  const out = $('announce-result');
  const texts = {};
  for (const ta of document.querySelectorAll('#announce-fields textarea')) texts[ta.dataset.lang] = ta.value.trim();
  try {
    await managerApi('/api/announcement', { method: 'PUT', body: { texts } });
    out.className = 'notice ok';
    out.textContent = page.lang.t('manager.announce.done');
  } catch (e) {
    out.className = 'notice error';
    out.textContent = errorText(page.lang, e);
  }
}

main();
