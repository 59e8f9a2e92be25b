// /volunteer: the volunteer's tablet (1280x800, touch). The lobby at a glance for anyone (waiting and estimate per
// service, every counter's state and number, the private Turning Point counter marked), live from the event
// stream; once a volunteer (or the manager) signs in: take a number for someone with their priority class and show
// it large (and send its slip to a kiosk printer beside them), check an appointment in, cancel the number of
// someone who left, "where do I send them", and the help bell's alerts.
import { AlertPanel } from './alerts.js';
import { api, boot, element, follow, minutes, showConnection } from './hub.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch, shortName, timeOfDay } from './i18n.js';
import { counterRuns, errorText, signInCard } from './page.js';
import { storedSession, storeSession, wireSignInForm } from './signin.js';

const $ = (id) => document.getElementById(id);
const SESSION = 'queue.volunteer.session';
const PRIORITIES = ['none', 'elderly', 'disability', 'pregnant-or-infant'];
// Appointments are checked in by their code, not taken as a number (as on the kiosk).
const CHECKIN_SERVICE = 'appointment';
const JOB_POLL_MS = 5000;
const page = {
  office: null, queue: null, lang: null, languages: [], session: storedSession(SESSION), alerts: null,
  priority: 'none', ticket: null, job: null, jobTimer: null, busy: false, found: null,
};
// For the browser tests: what the tablet shows now.
window.volunteerPage = page;

async function main() {
  const { office } = await boot({ langs: [sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG] });
  const langs = await languages();
  page.office = office;
  page.languages = langs.filter((l) => !l.speechOnly);
  page.alerts = new AlertPanel($('alerts'), {
    session: () => page.session, lang: () => page.lang, office: page.office, onExpired: expired,
  });
  wireDialogs();
  signInCard($('login'));
  await setLanguage(sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
  wireSignInForm($('login-form'), {
    lang: () => page.lang, roles: ['volunteer', 'manager'], storageKey: SESSION,
    wrongRoleText: () => page.lang.t('lobby.login.notVolunteer'),
    onSignedIn: (s) => {
      page.session = s;
      showSession();
    },
  });
  $('sign-out').addEventListener('click', signOut);
  showSession();
  follow({
    onSnapshot: (q) => {
      page.queue = q;
      render();
    },
    onEvent: (type, data) => {
      page.alerts.event(type);
      if (type === 'print.finished' && page.job && data.job === page.job.job) refreshJob();
    },
    onConnection: (up) => {
      showConnection($('conn'), up);
      if (up) page.alerts.refresh();
    },
  });
}

// --- session ---

function showSession() {
  const signed = !!page.session;
  $('login').hidden = signed;
  $('actions').hidden = !signed;
  $('alerts').hidden = !signed;
  $('session').hidden = !signed;
  $('who').textContent = signed ? page.lang.t('counter.signedInAs', { user: page.session.username }) : '';
  if (signed) page.alerts.refresh();
  else page.alerts.sound(false);
}

function signOut() {
  page.session = null;
  storeSession(SESSION, null);
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  showSession();
}

/** The token ran out: back to the sign-in form, saying why. */
function expired() {
  signOut();
  const msg = $('login-message');
  msg.className = 'notice error';
  msg.textContent = page.lang.t('signin.expired');
}

/** A staff call with the session's token and the page's language. */
function call(path, options = {}) {
  return api(path, { ...options, token: page.session && page.session.token, lang: page.lang.tag });
}

/** A refusal in the page's language, from its error code: the volunteer's own texts first (page.js errorText). */
function refusal(e) {
  return errorText(page.lang, e, { prefix: 'volunteer.error.' });
}

function say(el, kind, text) {
  el.className = text ? 'notice ' + kind : '';
  el.textContent = text || '';
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  sessionStorage.setItem('queue.staff.lang', tag);
  applyTexts(document, page.lang);
  renderLanguageSwitch($('langs'), page.languages, tag, setLanguage);
  render();
  if (page.session) {
    $('who').textContent = page.lang.t('counter.signedInAs', { user: page.session.username });
    page.alerts.render();
  }
  if ($('take-dialog').open) renderTake();
  if ($('ticket-dialog').open) renderTicket();
  if ($('where-dialog').open) renderWhere();
  if ($('cancel-dialog').open) renderFound();
}

// --- the office: which counters serve what ---

function service(id) {
  return page.office.services.find((s) => s.id === id);
}

function serviceName(id, short = true) {
  const s = service(id);
  if (!s) return id;
  const name = page.lang.pick(s.names);
  return short ? shortName(name) : name;
}

/** A counter is the private Turning Point counter when it serves a private service. */
function isPrivateCounter(def) {
  return def.services.some((id) => service(id) && service(id).private);
}

/** The counters that take the service first (where it stands highest in their order), and the others serving it. */
function countersFor(serviceId) {
  const serving = page.office.counters.filter((c) => c.services.includes(serviceId));
  if (serving.length === 0) return { first: [], also: [] };
  const best = Math.min(...serving.map((c) => c.services.indexOf(serviceId)));
  return {
    first: serving.filter((c) => c.services.indexOf(serviceId) === best),
    also: serving.filter((c) => c.services.indexOf(serviceId) !== best),
  };
}

/** "1–6, 9" for these counters' definitions. */
function runs(defs) {
  return counterRuns(defs.map((c) => c.number));
}

function areas(defs) {
  const names = [...new Set(defs.map((c) => c.area).filter((a) => a))];
  return names.map((a) => (a.length <= 2 ? page.lang.t('volunteer.area', { area: a }) : a)).join(', ');
}

function privateServiceName() {
  const s = page.office.services.find((x) => x.private);
  return s ? shortName(page.lang.pick(s.names)) : '';
}

// --- the lobby ---

function render() {
  const q = page.queue;
  const L = page.lang;
  if (!q || !L || !page.office) return;
  const body = $('services');
  body.innerHTML = '';
  for (const svc of page.office.services) {
    const s = q.services.find((x) => x.id === svc.id);
    if (!s) continue;
    const tr = document.createElement('tr');
    tr.dataset.service = svc.id;
    const th = element('th', svc.private ? 'private-service' : '', shortName(L.pick(svc.names)));
    th.scope = 'row';
    tr.append(th, element('td', 'num', String(s.waiting)), element('td', 'num', waitText(s)),
      element('td', 'num', String(s.openCounters)));
    body.append(tr);
  }
  const ul = $('counters');
  ul.innerHTML = '';
  for (const c of q.counters) {
    const def = page.office.counters.find((d) => d.number === c.number);
    const priv = def && isPrivateCounter(def);
    const li = element('li', 'lobby-counter ' + c.status + (priv ? ' private' : ''));
    li.dataset.counter = c.number;
    li.append(element('span', 'lc-number', L.t('counter.title', { n: c.number })),
      element('span', 'lc-state', L.t('counter.state.' + c.status)),
      element('span', 'lc-current num', c.current ? String(c.current.number) : ''));
    if (priv) {
      li.append(element('span', 'lc-private', privateServiceName()));
      li.title = privateServiceName() + ' · ' + L.t('volunteer.private');
    }
    ul.append(li);
  }
  if ($('take-dialog').open) renderServiceChoices();
  if ($('where-dialog').open) renderWhere();
}

function waitText(s) {
  const L = page.lang;
  if (s.openCounters === 0) return L.t('board.noCounter');
  return s.estimatedWaitSeconds == null ? '–' : L.t('board.minutes', { min: minutes(s.estimatedWaitSeconds) });
}

// --- dialogs ---

function wireDialogs() {
  for (const d of document.querySelectorAll('dialog')) {
    for (const b of d.querySelectorAll('.close')) b.addEventListener('click', () => d.close());
  }
  $('ticket-dialog').addEventListener('close', () => {
    clearInterval(page.jobTimer);
    page.jobTimer = null;
  });
  $('open-take').addEventListener('click', openTake);
  $('open-checkin').addEventListener('click', () => {
    $('checkin-code').value = '';
    say($('checkin-message'), '', '');
    $('checkin-dialog').showModal();
    $('checkin-code').focus();
  });
  $('open-cancel').addEventListener('click', () => {
    $('cancel-number').value = '';
    page.found = null;
    renderFound();
    $('cancel-dialog').showModal();
    $('cancel-number').focus();
  });
  $('open-where').addEventListener('click', () => {
    renderWhere();
    $('where-dialog').showModal();
  });
  $('checkin-form').addEventListener('submit', checkIn);
  $('cancel-form').addEventListener('submit', findNumber);
  $('cancel-yes').addEventListener('click', cancelFound);
  $('cancel-no').addEventListener('click', () => {
    page.found = null;
    $('cancel-number').value = '';
    renderFound();
  });
  buildKeypad();
}

// --- take a number for someone ---

function openTake() {
  page.priority = 'none';
  say($('take-message'), '', '');
  renderTake();
  $('take-dialog').showModal();
  $('take-dialog').querySelector('input[name=priority]:checked').focus();
}

function renderTake() {
  const L = page.lang;
  const box = $('priorities');
  for (const old of box.querySelectorAll('label')) old.remove();
  for (const p of PRIORITIES) {
    const label = element('label', 'choice');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'priority';
    input.value = p;
    input.checked = p === page.priority;
    input.addEventListener('change', () => {
      page.priority = p;
    });
    label.append(input, element('span', '', L.t('priority.' + p)));
    box.append(label);
  }
  renderServiceChoices();
}

function renderServiceChoices() {
  const L = page.lang;
  const box = $('service-choices');
  box.innerHTML = '';
  for (const svc of page.office.services) {
    if (svc.id === CHECKIN_SERVICE) continue;
    const s = page.queue && page.queue.services.find((x) => x.id === svc.id);
    const b = element('button', 'service-choice' + (svc.private ? ' private-service' : ''));
    b.type = 'button';
    b.dataset.service = svc.id;
    b.disabled = page.busy;
    b.append(element('span', 'sc-name', shortName(L.pick(svc.names))));
    if (s) b.append(element('span', 'sc-wait', L.t('volunteer.take.waiting', { n: s.waiting, wait: waitText(s) })));
    b.addEventListener('click', () => take(svc));
    box.append(b);
  }
}

async function take(svc) {
  if (page.busy) return;
  page.busy = true;
  renderServiceChoices();
  say($('take-message'), 'warn', page.lang.t('volunteer.take.busy'));
  const priority = svc.priorityEligible ? page.priority : 'none';
  try {
    const ticket = await call('/api/tickets', {
      method: 'POST', body: { service: svc.id, priority, lang: page.lang.tag },
    });
    $('take-dialog').close();
    showTicket(ticket);
  } catch (e) {
    if (e.status === 401) expired();
    else say($('take-message'), 'error', refusal(e));
  } finally {
    page.busy = false;
    if ($('take-dialog').open) renderServiceChoices();
  }
}

// --- their number, large ---

function showTicket(ticket) {
  page.ticket = ticket;
  page.job = null;
  clearInterval(page.jobTimer);
  page.jobTimer = null;
  say($('print-status'), '', '');
  renderTicket();
  $('ticket-dialog').showModal();
  $('ticket-done').focus();
  loadKiosks();
}

function renderTicket() {
  const t = page.ticket;
  const L = page.lang;
  if (!t) return;
  $('big-number').textContent = String(t.number);
  $('big-service').textContent = serviceName(t.service, false);
  $('big-priority').textContent = L.t('priority.' + t.priority);
  $('big-priority').hidden = t.priority === 'none';
  $('big-due').hidden = !t.dueAt;
  if (t.dueAt) $('big-due').textContent = L.t('volunteer.checkin.at', { time: timeOfDay(L, page.office.timezone, new Date(t.dueAt)) });
  const ahead = t.ahead > 0 ? L.t('kiosk.ticket.ahead', { n: t.ahead }) : L.t('kiosk.ticket.aheadNone');
  const wait = t.estimatedWaitSeconds == null ? L.t('kiosk.ticket.noEstimate')
    : L.t('kiosk.ticket.wait', { min: minutes(t.estimatedWaitSeconds) });
  $('big-wait').textContent = ahead + ' · ' + wait;
  const { first } = countersFor(t.service);
  const svc = service(t.service);
  $('big-where').textContent = svc && svc.private
    ? L.t('volunteer.ticket.private', { name: privateServiceName(), counters: runs(first) })
    : L.t('volunteer.ticket.where', { areas: areas(first), counters: runs(first) });
  $('big-where').classList.toggle('private-service', !!(svc && svc.private));
  renderKiosks();
  if (page.job) showJob();
}

async function loadKiosks() {
  page.kiosks = null;
  try {
    page.kiosks = await call('/api/kiosks');
  } catch (e) {
    if (e.status === 401) {
      expired();
      return;
    }
    page.kiosks = [];
  }
  renderKiosks();
}

function renderKiosks() {
  const L = page.lang;
  const box = $('print-kiosks');
  box.innerHTML = '';
  if (!page.kiosks) return;
  const usable = page.kiosks.filter((k) => k.canPrint);
  if (usable.length === 0) {
    box.append(element('p', 'print-none', L.t('volunteer.print.none')));
  }
  for (const k of page.kiosks) {
    if (k.canPrint) {
      const b = element('button', 'print-at', L.t('volunteer.print.at', { kiosk: k.id }));
      b.type = 'button';
      b.dataset.kiosk = k.id;
      b.addEventListener('click', () => print(k.id));
      box.append(b);
    } else if (k.status !== 'offline') {
      box.append(element('p', 'print-cannot', L.t('volunteer.print.cannot', { kiosk: k.id, state: stateText(k.printer) })));
    }
  }
}

function stateText(state) {
  const key = 'devices.state.' + state;
  return page.lang.has(key) ? page.lang.t(key) : String(state || '');
}

async function print(kiosk) {
  if (!page.ticket) return;
  try {
    page.job = await call('/api/tickets/' + encodeURIComponent(page.ticket.id) + '/print', {
      method: 'POST', body: { kiosk },
    });
    showJob();
    clearInterval(page.jobTimer);
    // The stream's print.finished answers at once; this also notices a job no kiosk took in time.
    page.jobTimer = setInterval(refreshJob, JOB_POLL_MS);
  } catch (e) {
    if (e.status === 401) expired();
    else say($('print-status'), 'error', refusal(e));
  }
}

async function refreshJob() {
  if (!page.job) return;
  try {
    page.job = await call('/api/print-jobs/' + encodeURIComponent(page.job.job));
  } catch (e) {
    if (e.status === 401) expired();
    return;
  }
  showJob();
}

function showJob() {
  const j = page.job;
  const L = page.lang;
  const vars = { kiosk: j.kiosk, reason: stateText(j.reason) };
  const kind = { queued: 'warn', printed: 'ok', failed: 'error', expired: 'error' }[j.status] || 'warn';
  say($('print-status'), kind, L.t('volunteer.print.' + j.status, vars));
  if (j.status !== 'queued') {
    clearInterval(page.jobTimer);
    page.jobTimer = null;
  }
}

// --- appointment check-in ---

async function checkIn(e) {
  e.preventDefault();
  const L = page.lang;
  const code = $('checkin-code').value.trim().toUpperCase();
  const message = $('checkin-message');
  if (!code) {
    say(message, 'error', L.t('volunteer.checkin.empty'));
    return;
  }
  if (page.busy) return;
  page.busy = true;
  try {
    const ticket = await call('/api/appointments/check-in', { method: 'POST', body: { code, lang: L.tag } });
    $('checkin-dialog').close();
    showTicket(ticket);
  } catch (err) {
    if (err.status === 401) expired();
    // A code of the wrong shape is refused by the hub's validation before it is looked up.
    else say(message, 'error', err.code === 'invalid-request' ? L.t('volunteer.checkin.badCode') : refusal(err));
  } finally {
    page.busy = false;
  }
}

// --- cancel the number of someone who left ---

function buildKeypad() {
  const pad = $('cancel-keypad');
  const input = $('cancel-number');
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'backspace'];
  for (const k of keys) {
    const b = element('button', 'key ' + k);
    b.type = 'button';
    b.dataset.key = k;
    if (k === 'clear') {
      b.dataset.i18n = 'volunteer.cancel.clear';
    } else if (k === 'backspace') {
      b.textContent = '⌫';
      b.dataset.i18nAttr = 'aria-label:volunteer.cancel.backspace';
    } else {
      b.textContent = k;
    }
    b.addEventListener('click', () => {
      if (k === 'clear') input.value = '';
      else if (k === 'backspace') input.value = input.value.slice(0, -1);
      else if (input.value.length < 5) input.value += k;
    });
    pad.append(b);
  }
}

async function findNumber(e) {
  e.preventDefault();
  const raw = $('cancel-number').value.trim();
  page.found = null;
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) < 1) {
    page.found = { error: page.lang.t('volunteer.cancel.empty') };
    renderFound();
    return;
  }
  const number = Number(raw);
  try {
    const tickets = await call('/api/tickets?number=' + number);
    page.found = { number, ticket: tickets.find((t) => t.status === 'waiting') || tickets[0] || null };
  } catch (err) {
    if (err.status === 401) {
      expired();
      return;
    }
    page.found = { error: refusal(err) };
  }
  renderFound();
}

function renderFound() {
  const L = page.lang;
  const f = page.found;
  const out = $('cancel-found');
  $('cancel-confirm').hidden = true;
  if (!f) {
    say(out, '', '');
  } else if (f.error) {
    say(out, 'error', f.error);
  } else if (f.done) {
    say(out, 'ok', L.t('volunteer.cancel.done', { number: f.number }));
  } else if (!f.ticket) {
    say(out, 'error', L.t('volunteer.cancel.notFound', { number: f.number }));
  } else if (f.ticket.status !== 'waiting') {
    say(out, 'error', L.t('volunteer.cancel.notWaiting', { number: f.number, status: statusText(f.ticket) }));
  } else {
    say(out, 'warn', L.t('volunteer.cancel.found', {
      number: f.number, service: serviceName(f.ticket.service),
      time: timeOfDay(L, page.office.timezone, new Date(f.ticket.issuedAt)),
    }));
    $('cancel-yes').textContent = L.t('volunteer.cancel.confirm', { number: f.number });
    $('cancel-confirm').hidden = false;
  }
}

function statusText(t) {
  return page.lang.t('volunteer.status.' + t.status, { counter: t.counter });
}

async function cancelFound() {
  const f = page.found;
  if (!f || !f.ticket) return;
  try {
    await call('/api/tickets/' + encodeURIComponent(f.ticket.id) + '/cancel', { method: 'POST' });
    page.found = { number: f.number, done: true };
    $('cancel-number').value = '';
  } catch (err) {
    if (err.status === 401) {
      expired();
      return;
    }
    page.found = { error: refusal(err) };
  }
  renderFound();
}

// --- where do I send them ---

function renderWhere() {
  const L = page.lang;
  const body = $('where');
  body.innerHTML = '';
  const open = new Set((page.queue ? page.queue.counters : []).filter((c) => c.status === 'open').map((c) => c.number));
  for (const svc of page.office.services) {
    const { first, also } = countersFor(svc.id);
    const tr = element('tr', svc.private ? 'private-service' : '');
    tr.dataset.service = svc.id;
    const th = element('th', '', shortName(L.pick(svc.names)));
    th.scope = 'row';
    const firstText = first.length === 0 ? L.t('volunteer.where.none')
      : L.t('volunteer.where.counters', { list: runs(first) }) + (areas(first) ? ' · ' + areas(first) : '');
    const openNow = [...first, ...also].filter((c) => open.has(c.number));
    tr.append(th, element('td', 'where-first', firstText),
      element('td', 'where-also', also.length ? L.t('volunteer.where.counters', { list: runs(also) }) : L.t('volunteer.where.none')),
      element('td', 'where-open', openNow.length ? runs(openNow) : L.t('volunteer.where.none')));
    body.append(tr);
  }
}

main();
