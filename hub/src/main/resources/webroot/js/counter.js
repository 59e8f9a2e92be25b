// /counter: the clerk's terminal. Sign in, choose the counter, then one big call-next button and recall,
// no-show, finish, transfer, pause and close, all from the keyboard too. Shows the current ticket, how long
// it waited and how long it has been at the counter, and what is waiting that this counter may serve.
// The sign-in is kept for this browser tab only (sessionStorage).
import { api, boot, element, follow, minutes, showConnection } from './hub.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch } from './i18n.js';
import { $, errorText, signInCard } from './page.js';
import { endSession, signIn } from './signin.js';

const KEYS = { r: 'recall', n: 'no-show', f: 'finish', t: 'transfer', p: 'pause', c: 'close' };
const store = {
  get(key) {
    try {
      return JSON.parse(sessionStorage.getItem('queue.counter.' + key));
    } catch (e) {
      return null;
    }
  },
  set(key, value) {
    if (value === null || value === undefined) sessionStorage.removeItem('queue.counter.' + key);
    else sessionStorage.setItem('queue.counter.' + key, JSON.stringify(value));
  },
};

const page = {
  office: null,
  queue: null,
  lang: null,
  languages: [],
  session: store.get('session'),
  counter: store.get('number'),
  ticket: store.get('ticket'),
  screen: null,
  busy: false,
  actedAt: 0,
};
window.counterPage = page;

async function main() {
  const { health: h, office } = await boot({ langs: [store.get('lang') || DEFAULT_LANG] });
  const langs = await languages();
  page.office = office;
  page.languages = langs.filter((l) => !l.speechOnly);
  page.demo = h.demo;
  signInCard($('login'));
  await setLanguage(store.get('lang') || DEFAULT_LANG);
  wire();
  follow({
    onSnapshot: (q, requestedAt) => {
      // A snapshot asked for before our last action's answer does not know that action yet: keep our
      // counter as we know it, and take only the rest from it.
      const stale = requestedAt < page.actedAt;
      if (stale && page.queue && page.counter) {
        const mine = counterState(page.counter);
        q.counters = q.counters.map((c) => (c.number === page.counter ? mine : c));
      }
      page.queue = q;
      if (!stale) reconcile();
      render();
    },
    onEvent: (type, data) => event(type, data),
    onConnection: (up) => showConnection($('conn'), up),
  });
  if (!signedIn()) show('login');
  else if (page.counter) show('work');
  else show('pick');
  setInterval(tick, 1000);
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  store.set('lang', tag);
  applyTexts(document, page.lang);
  renderLanguageSwitch($('langs'), page.languages, tag, setLanguage);
  render();
}

function signedIn() {
  const s = page.session;
  return !!s && (!s.expiresAt || s.expiresAt > Date.now());
}

function wire() {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    login();
  });
  for (const b of document.querySelectorAll('#work [data-action]')) {
    b.addEventListener('click', () => act(b.dataset.action));
  }
  $('sign-out').addEventListener('click', () => signOut());
  document.addEventListener('keydown', hotkey);
  $('transfer-dialog').addEventListener('close', () => {
    if ($('transfer-dialog').returnValue === 'ok') transfer();
    focusCallNext();
  });
  $('close-dialog').addEventListener('close', () => {
    if ($('close-dialog').returnValue === 'ok') closeCounter();
    else focusCallNext();
  });
}

function show(screen) {
  page.screen = screen;
  for (const id of ['login', 'pick', 'work']) $(id).hidden = id !== screen;
  document.body.dataset.screen = screen;
  render();
  if (screen === 'login') $('username').focus();
  if (screen === 'work') focusCallNext();
  if (screen === 'pick') {
    const mine = document.querySelector('#counters button.mine') || document.querySelector('#counters button');
    if (mine) mine.focus();
  }
}

function render() {
  if (!page.lang || !page.office) return;
  $('login-demo').hidden = !page.demo;
  $('who').hidden = !signedIn();
  $('sign-out').hidden = !signedIn();
  $('who').textContent = signedIn() ? page.lang.t('counter.signedInAs', { user: page.session.username }) : '';
  if (page.screen === 'pick') renderPick();
  if (page.screen === 'work') renderWork();
}

function counterState(n) {
  return (page.queue && page.queue.counters.find((c) => c.number === n)) || { number: n, status: 'closed', current: null };
}

function renderPick() {
  const ul = $('counters');
  const mine = /^clerk(\d+)$/.exec((page.session && page.session.username) || '');
  // The grid is redrawn with every change in the lobby: keep the keyboard focus where it was.
  const focused = ul.contains(document.activeElement) ? document.activeElement.dataset.counter : null;
  ul.innerHTML = '';
  for (const c of page.office.counters) {
    const state = counterState(c.number);
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'counter-choice ' + state.status;
    if (mine && Number(mine[1]) === c.number) b.classList.add('mine');
    b.dataset.counter = c.number;
    b.append(element('span', 'choice-number num', String(c.number)),
      element('span', 'choice-state', page.lang.t('counter.state.' + state.status)));
    b.addEventListener('click', () => openCounter(c.number));
    li.append(b);
    ul.append(li);
    if (focused === String(c.number)) b.focus();
  }
}

function renderWork() {
  const n = page.counter;
  if (!n) return;
  const state = counterState(n);
  $('work-title').textContent = page.lang.t('counter.title', { n });
  const pill = $('state');
  pill.textContent = page.lang.t('counter.state.' + state.status);
  pill.className = 'state ' + state.status;
  $('pause-label').textContent = page.lang.t(state.status === 'paused' ? 'counter.action.resume' : 'counter.action.pause');
  const t = page.ticket;
  $('current-none').hidden = !!t;
  $('current-ticket').hidden = !t;
  for (const id of ['recall', 'no-show', 'finish', 'transfer']) $(id).disabled = !t;
  if (t) {
    $('current-number').textContent = String(t.number);
    $('current-service').textContent = serviceName(t.service);
    const pri = $('current-priority');
    pri.hidden = !t.priority || t.priority === 'none';
    pri.textContent = pri.hidden ? '' : page.lang.t('priority.' + t.priority);
    const recalls = $('current-recalls');
    recalls.hidden = !t.recalls;
    recalls.textContent = t.recalls ? page.lang.t('counter.recalls', { n: t.recalls }) : '';
  }
  tick();
  renderQueue(n);
}

function renderQueue(n) {
  const def = page.office.counters.find((c) => c.number === n);
  const body = $('queue');
  body.innerHTML = '';
  let total = 0;
  for (const id of (def && def.services) || []) {
    const q = page.queue && page.queue.services.find((s) => s.id === id);
    if (!q) continue;
    total += q.waiting;
    const tr = document.createElement('tr');
    tr.dataset.service = id;
    if (q.waiting > 0) tr.className = 'has-waiting';
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = serviceName(id);
    const w = document.createElement('td');
    w.className = 'num';
    w.textContent = page.lang.t('counter.queue.people', { n: q.waiting });
    const est = document.createElement('td');
    est.className = 'num';
    est.textContent = q.estimatedWaitSeconds == null ? '–'
      : page.lang.t('counter.queue.minutes', { min: minutes(q.estimatedWaitSeconds) });
    tr.append(th, w, est);
    body.append(tr);
  }
  $('queue-total').textContent = page.lang.t('counter.queue.total', { n: total });
}

function serviceName(id) {
  const svc = page.office.services.find((s) => s.id === id);
  return svc ? page.lang.pick(svc.names) : id;
}

/** Times that move: how long the citizen waited before the call, and how long they have been at the counter. */
function tick() {
  if (page.session && !signedIn() && page.screen !== 'login') {
    expired({ status: 401 });
    return;
  }
  const t = page.ticket;
  if (page.screen !== 'work' || !t) return;
  const called = t.calledAt ? Date.parse(t.calledAt) : null;
  const issued = t.issuedAt ? Date.parse(t.issuedAt) : null;
  $('current-waited').textContent = issued && called
    ? page.lang.t('counter.waited', { min: Math.max(0, Math.round((called - issued) / 60000)) }) : '';
  if (called) {
    const s = Math.max(0, Math.floor((Date.now() - called) / 1000));
    const mmss = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
    $('current-serving').textContent = page.lang.t('counter.serving', { time: mmss });
  } else {
    $('current-serving').textContent = '';
  }
}

/** The snapshot is the truth: another device (the counter's button panel, the manager) may act here too. */
function reconcile() {
  if (!page.counter || !page.queue) return;
  const state = counterState(page.counter);
  if (state.status === 'closed') {
    if (page.screen === 'work') {
      setTicket(null);
      page.counter = null;
      store.set('number', null);
      show('pick');
    }
    return;
  }
  const cur = state.current;
  if (!cur) setTicket(null);
  else if (!page.ticket || page.ticket.number !== cur.number || page.ticket.service !== cur.service) {
    setTicket({ number: cur.number, service: cur.service });
  }
}

function event(type, data) {
  if (!page.counter || data.counter !== page.counter) return;
  if (type === 'counter.closed' && page.screen === 'work') {
    // Closed elsewhere (the manager, or the day's end).
    setTicket(null);
    page.counter = null;
    store.set('number', null);
    show('pick');
    return;
  }
  if (type === 'ticket.called' && (!page.ticket || page.ticket.number !== data.number)) {
    setTicket({ number: data.number, service: data.service, calledAt: data.at });
    message(page.lang.t('counter.msg.calledElsewhere', { number: data.number }), 'ok');
    render();
  }
}

function setTicket(t) {
  page.ticket = t;
  store.set('ticket', t);
}

async function login() {
  const username = $('username').value.trim();
  const password = $('password').value;
  const msg = $('login-message');
  msg.textContent = '';
  msg.className = '';
  try {
    page.session = await signIn(username, password, { lang: page.lang.tag, roles: ['clerk', 'manager'] });
    store.set('session', page.session);
    $('password').value = '';
    show('pick');
  } catch (e) {
    msg.className = 'notice error';
    msg.textContent = e.code === 'wrong-role' ? page.lang.t('counter.login.notClerk') : errorText(page.lang, e);
  }
}

async function openCounter(n) {
  const msg = $('pick-message');
  msg.textContent = '';
  msg.className = '';
  try {
    const state = await call('/api/counters/' + n + '/open');
    page.actedAt = Date.now();
    page.counter = n;
    store.set('number', n);
    patchCounter(state);
    reconcile();
    show('work');
  } catch (e) {
    if (!expired(e)) {
      msg.className = 'notice error';
      msg.textContent = errorText(page.lang, e);
    }
  }
}

function call(path, body) {
  return api(path, { method: 'POST', token: page.session.token, lang: page.lang.tag, body });
}

/** A 401: the hub no longer takes this sign-in (expired, ended, revoked). Back to the sign-in, saying why. */
function expired(e) {
  if (e.status !== 401) return false;
  forget();
  const msg = $('login-message');
  msg.className = 'notice error';
  msg.textContent = page.lang.t('signin.expired');
  return true;
}

/** Forgets the sign-in, the counter and its ticket on this page, and shows the sign-in form. */
function forget() {
  for (const d of document.querySelectorAll('dialog[open]')) d.close('cancel');
  page.session = null;
  store.set('session', null);
  page.counter = null;
  store.set('number', null);
  setTicket(null);
  show('login');
}

/**
 * Signs out: the hub ends the token (POST /api/logout), so it is refused from then on, and this page forgets it.
 * The counter stays as it is (close it first to end its service); the page says whether the hub heard it.
 */
async function signOut() {
  const session = page.session;
  forget();
  const msg = $('login-message');
  try {
    await endSession(session && session.token);
    msg.className = 'notice ok';
    msg.textContent = page.lang.t('signin.signedOut');
  } catch (e) {
    msg.className = 'notice error';
    msg.textContent = page.lang.t('signin.signedOutHere', { reason: errorText(page.lang, e) });
  }
}

function hotkey(e) {
  if (page.screen !== 'work' || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  if (document.querySelector('dialog[open]')) return;
  const target = e.target;
  if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
  if (e.key === ' ' || e.key === 'Enter') {
    // A focused button answers Space and Enter itself; elsewhere they mean "call next".
    if (target && target.tagName === 'BUTTON') return;
    e.preventDefault();
    act('call-next');
    return;
  }
  const action = KEYS[e.key.toLowerCase()];
  if (action) {
    e.preventDefault();
    act(action);
  }
}

function focusCallNext() {
  $('call-next').focus();
}

async function act(action) {
  if (page.busy) return;
  const n = page.counter;
  const t = page.ticket;
  if (['recall', 'no-show', 'finish', 'transfer'].includes(action) && !t) return;
  if (action === 'transfer') {
    openTransfer();
    return;
  }
  if (action === 'close') {
    $('close-dialog').showModal();
    $('close-cancel').focus();
    return;
  }
  page.busy = true;
  try {
    if (action === 'call-next') {
      const r = await call('/api/counters/' + n + '/call-next');
      if (r && r.ticket) {
        setTicket(r.ticket);
        message(page.lang.t('counter.msg.called', { number: r.ticket.number }), 'ok');
      } else {
        setTicket(null);
        message(page.lang.t('counter.msg.nobody'), 'warn');
      }
    } else if (action === 'recall') {
      await call('/api/counters/' + n + '/recall');
      setTicket({ ...t, recalls: (t.recalls || 0) + 1 });
      message(page.lang.t('counter.msg.recalled', { number: t.number }), 'ok');
    } else if (action === 'no-show') {
      await call('/api/counters/' + n + '/no-show');
      setTicket(null);
      message(page.lang.t('counter.msg.noShow', { number: t.number }), 'ok');
    } else if (action === 'finish') {
      await call('/api/counters/' + n + '/finish');
      setTicket(null);
      message(page.lang.t('counter.msg.finished', { number: t.number }), 'ok');
    } else if (action === 'pause') {
      const paused = counterState(n).status === 'paused';
      const state = await call('/api/counters/' + n + (paused ? '/open' : '/pause'));
      patchCounter(state);
      message(page.lang.t(paused ? 'counter.msg.resumed' : 'counter.msg.paused'), paused ? 'ok' : 'warn');
    }
  } catch (e) {
    if (!expired(e)) refused(e, t);
  } finally {
    page.actedAt = Date.now();
    page.busy = false;
    render();
    if (page.screen === 'work') focusCallNext();
  }
}

/**
 * A refusal in words, in the page's language, from the hub's error code (counter.refused.<code>); the hub's
 * own message for codes the page has no text for. A refused second press is a warning, not a failure.
 */
function refused(e, t) {
  const key = 'counter.refused.' + e.code;
  if (e.code && page.lang.has(key)) {
    message(page.lang.t(key, { number: t ? t.number : '' }), 'warn');
    return;
  }
  message(errorText(page.lang, e, { vars: { number: t ? t.number : '' } }), 'error');
}

/** The counter's new state from an action's answer, until the next snapshot. */
function patchCounter(state) {
  if (!page.queue || !state) return;
  page.queue.counters = page.queue.counters.map((c) => (c.number === state.number ? state : c));
}

function openTransfer() {
  const box = $('transfer-options');
  box.innerHTML = '';
  let first = null;
  for (const svc of page.office.services) {
    if (page.ticket && svc.id === page.ticket.service) continue;
    const label = document.createElement('label');
    label.className = 'option';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'service';
    input.value = svc.id;
    if (!first) {
      first = input;
      input.checked = true;
    }
    label.append(input, document.createTextNode(page.lang.pick(svc.names)));
    box.append(label);
  }
  $('transfer-dialog').showModal();
  if (first) first.focus();
}

async function transfer() {
  const chosen = document.querySelector('#transfer-options input:checked');
  const t = page.ticket;
  if (!chosen || !t) return;
  page.busy = true;
  try {
    await call('/api/counters/' + page.counter + '/transfer', { service: chosen.value });
    setTicket(null);
    message(page.lang.t('counter.msg.transferred', { number: t.number, service: serviceName(chosen.value) }), 'ok');
  } catch (e) {
    if (!expired(e)) message(errorText(page.lang, e), 'error');
  } finally {
    page.actedAt = Date.now();
    page.busy = false;
    render();
    focusCallNext();
  }
}

/** 「關閉櫃檯並登出？」: the counter closes (its ticket recorded as served), then the clerk is signed out. */
async function closeCounter() {
  try {
    await call('/api/counters/' + page.counter + '/close');
    page.actedAt = Date.now();
  } catch (e) {
    if (!expired(e)) message(errorText(page.lang, e), 'error');
    return;
  }
  await signOut();
}

function message(text, kind) {
  const m = $('message');
  m.textContent = text;
  m.className = 'message notice ' + kind;
}

main();
