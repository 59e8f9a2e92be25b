// /volunteer: the lobby at a glance for volunteers walking the floor (waiting per service, every counter),
// and, once a volunteer (or manager) signs in, the help bell's alerts with a sound until one is taken on.
// Taking numbers for visitors and appointment check-in come in a later issue.
import { AlertPanel } from './alerts.js';
import { api, follow, minutes, showConnection } from './hub.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch } from './i18n.js';
import { storedSession, storeSession, wireSignInForm } from './signin.js';

const $ = (id) => document.getElementById(id);
const SESSION = 'queue.volunteer.session';
const page = { office: null, queue: null, lang: null, languages: [], session: storedSession(SESSION), alerts: null };
window.lobbyPage = page;

async function main() {
  const [office, langs] = await Promise.all([api('/api/office'), languages()]);
  page.office = office;
  page.languages = langs.filter((l) => !l.speechOnly);
  page.alerts = new AlertPanel($('alerts'), {
    session: () => page.session, lang: () => page.lang, office: page.office, onExpired: signOut,
  });
  await setLanguage(sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
  wireSignInForm($('login-form'), {
    lang: () => page.lang, roles: ['volunteer', 'manager'], storageKey: SESSION,
    wrongRoleText: () => page.lang.t('lobby.login.notVolunteer'),
    onSignedIn: (s) => {
      page.session = s;
      showSession();
    },
  });
  showSession();
  follow({
    onSnapshot: (q) => {
      page.queue = q;
      render();
    },
    onEvent: (type) => page.alerts.event(type),
    onConnection: (up) => {
      showConnection($('conn'), up);
      if (up) page.alerts.refresh();
    },
  });
}

function showSession() {
  const signed = !!page.session;
  $('login').hidden = signed;
  $('alerts').hidden = !signed;
  $('who').hidden = !signed;
  $('who').textContent = signed ? page.lang.t('counter.signedInAs', { user: page.session.username }) : '';
  if (signed) page.alerts.refresh();
  else page.alerts.sound(false);
}

function signOut() {
  page.session = null;
  storeSession(SESSION, null);
  showSession();
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
}

function render() {
  const q = page.queue;
  const L = page.lang;
  if (!q || !L) return;
  const body = $('services');
  body.innerHTML = '';
  for (const svc of page.office.services) {
    const s = q.services.find((x) => x.id === svc.id);
    if (!s) continue;
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = L.pick(svc.names);
    const w = document.createElement('td');
    w.className = 'num';
    w.textContent = String(s.waiting);
    const e = document.createElement('td');
    e.className = 'num';
    e.textContent = s.openCounters === 0 ? L.t('board.noCounter')
      : s.estimatedWaitSeconds == null ? '–' : L.t('board.minutes', { min: minutes(s.estimatedWaitSeconds) });
    tr.append(th, w, e);
    body.append(tr);
  }
  const ul = $('counters');
  ul.innerHTML = '';
  for (const c of q.counters) {
    const li = document.createElement('li');
    li.className = 'lobby-counter ' + c.status;
    const n = document.createElement('span');
    n.className = 'lc-number';
    n.textContent = L.t('counter.title', { n: c.number });
    const st = document.createElement('span');
    st.textContent = L.t('counter.state.' + c.status);
    const cur = document.createElement('span');
    cur.className = 'lc-current num';
    cur.textContent = c.current ? String(c.current.number) : '';
    li.append(n, st, cur);
    ul.append(li);
  }
}

main();
