// /kiosk: the lobby's touch-screen ticket dispenser. Start screen (services, priority, check-in), the
// ticket screen (number, service, where to wait and which counters serve it, people ahead, estimate, QR code
// to /t/{id}) that stays until touched or 30 s pass, and the closed screen (outside the hours, or a day the
// manager closed). Printing is the kiosk agent's job; this page only asks the hub.
import { api, boot, follow, minutes, showConnection } from './hub.js';
import { applyTexts, dayAndTime, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch, shortName, timeOfDay } from './i18n.js';
import { deviceFor, forgetDevice } from './pairing.js';
import { counterRuns, errorText } from './page.js';
import { elsewhereHint } from './elsewhere.js';
import qrcode from '../vendor/qrcode-generator/qrcode.mjs';

// How long the slip screen stays untouched; ?slip=N (seconds, 5-120) for an installer who wants it otherwise.
const TICKET_SECONDS = slipSeconds(new URLSearchParams(location.search).get('slip'));
const IDLE_SECONDS = 60;
const PRIORITIES = ['elderly', 'disability', 'pregnant-or-infant'];
const CHECKIN_SERVICE = 'appointment';
const $ = (id) => document.getElementById(id);

const kiosk = {
  office: null,
  queue: null,
  languages: [],
  lang: null,
  device: null,
  priority: 'none',
  screen: null,
  ready: false,
  busy: false,
  pending: null,
  countdown: null,
  idleTimer: null,
  // The page's clock: wall time plus an offset a test may move on (advanceClock), so no test sleeps 30 s.
  clockOffset: 0,
  slipUntil: null,
};
// For the browser tests and for a curious installer: what the kiosk shows now.
window.kiosk = kiosk;
kiosk.reset = () => reset();
kiosk.advanceClock = (ms) => {
  kiosk.clockOffset += ms;
  tickSlip();
};

function now() {
  return Date.now() + kiosk.clockOffset;
}

function slipSeconds(param) {
  const n = Number(param);
  return Number.isFinite(n) && n >= 5 && n <= 120 ? n : 30;
}

async function main() {
  const { health: h, office } = await boot({ langs: [DEFAULT_LANG] });
  const langs = await languages();
  kiosk.office = office;
  kiosk.languages = langs.filter((l) => !l.speechOnly);
  await setLanguage(DEFAULT_LANG);
  kiosk.device = await deviceFor('kiosk', { demo: h.demo, lang: kiosk.lang, container: $('pairing'), keypad: true });
  kiosk.ready = true;
  $('top').hidden = false;
  $('bottom').hidden = false;
  wire();
  follow({
    onSnapshot: (q) => {
      kiosk.queue = q;
      render();
    },
    onConnection: (up) => showConnection($('conn'), up),
  });
  window.addEventListener('resize', () => fitStart());
  setInterval(tickClock, 1000);
  tickClock();
}

async function setLanguage(tag) {
  kiosk.lang = await loadLanguage(tag);
  applyTexts(document, kiosk.lang);
  renderLanguages();
  render();
  if (kiosk.screen === 'ticket' && kiosk.lastTicket) fillTicket(kiosk.lastTicket);
  if (kiosk.screen === 'confirm' && kiosk.pending) confirmText(kiosk.pending);
}

function wire() {
  $('checkin-open').addEventListener('click', () => openCheckin());
  $('confirm-back').addEventListener('click', () => reset());
  $('confirm-take').addEventListener('click', () => take(kiosk.pending));
  $('checkin-back').addEventListener('click', () => reset());
  $('checkin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    checkIn();
  });
  $('ticket-done').addEventListener('click', () => reset());
  // The slip screen goes when the citizen touches it (anywhere on it), or by itself after TICKET_SECONDS.
  $('ticket').addEventListener('click', () => {
    if (kiosk.screen === 'ticket') reset();
  });
  $('problem-back').addEventListener('click', () => reset());
  buildKeyboard();
  // Any touch keeps the current screen a little longer; the start screen goes back to Chinese when idle.
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => touched(), { passive: true });
  }
}

function render() {
  if (!kiosk.ready || !kiosk.office || !kiosk.lang) return;
  $('office-name').textContent = kiosk.lang.pick(kiosk.office.name);
  renderPriorities();
  renderServices();
  renderClosedHours();
  const checkin = kiosk.office.services.find((s) => s.id === CHECKIN_SERVICE);
  $('checkin-open').hidden = !checkin;
  $('checkin-name').textContent = checkin ? kiosk.lang.pick(checkin.names) : '';
  fitStart();
  const want = isClosed() || isDayClosed() ? 'closed' : 'start';
  // Only the start and closed screens follow the hours; a citizen in the middle of something is left alone.
  if (kiosk.screen !== want && (!kiosk.screen || kiosk.screen === 'start' || kiosk.screen === 'closed')) {
    show(want);
  }
}

/**
 * On the full-size kiosk the start screen must fit between header and footer, check-in button included, in
 * every language: when its texts are too long for that, the services' hints (the second line) give way.
 * Zoomed in, the page scrolls whole instead and keeps them.
 */
function fitStart() {
  const start = $('start');
  const main = $('main');
  start.classList.remove('compact');
  if (start.hidden || getComputedStyle(main).overflowY !== 'auto') return;
  if (main.scrollHeight > main.clientHeight + 1) start.classList.add('compact');
}

function renderLanguages() {
  renderLanguageSwitch($('langs'), kiosk.languages, kiosk.lang.tag, setLanguage);
}

function renderPriorities() {
  const box = $('priorities');
  if (box.dataset.lang !== kiosk.lang.tag) {
    box.innerHTML = '';
    box.dataset.lang = kiosk.lang.tag;
    for (const p of PRIORITIES) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'priority-button';
      b.dataset.priority = p;
      b.textContent = kiosk.lang.t('priority.' + p);
      b.addEventListener('click', () => {
        kiosk.priority = kiosk.priority === p ? 'none' : p;
        renderPriorities();
        armIdle();
      });
      box.append(b);
    }
  }
  for (const b of box.querySelectorAll('button')) {
    b.setAttribute('aria-pressed', String(kiosk.priority === b.dataset.priority));
  }
}

function serviceQueue(id) {
  return (kiosk.queue && kiosk.queue.services.find((s) => s.id === id)) || null;
}

function renderServices() {
  const list = $('services');
  if (list.dataset.lang !== kiosk.lang.tag) {
    list.innerHTML = '';
    list.dataset.lang = kiosk.lang.tag;
    for (const svc of kiosk.office.services) {
      if (svc.id === CHECKIN_SERVICE) continue;
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'service';
      b.dataset.service = svc.id;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = shortName(kiosk.lang.pick(svc.names));
      const hint = document.createElement('span');
      hint.className = 'hint';
      hint.textContent = kiosk.lang.pick(svc.hints);
      const status = document.createElement('span');
      status.className = 'status';
      b.append(name, hint, status);
      b.addEventListener('click', () => choose(svc));
      li.append(b);
      list.append(li);
    }
  }
  // Only the waiting figures change with the queue, so focus and touch stay where they are.
  for (const status of list.querySelectorAll('.service .status')) {
    const q = serviceQueue(status.parentElement.dataset.service);
    status.classList.toggle('warn', !!q && q.openCounters === 0);
    if (!q) {
      status.textContent = '';
    } else if (q.openCounters === 0) {
      status.textContent = kiosk.lang.t('kiosk.service.noCounter');
    } else {
      status.textContent = q.estimatedWaitSeconds == null
        ? kiosk.lang.t('kiosk.service.waiting', { n: q.waiting })
        : kiosk.lang.t('kiosk.service.waitingFor', { n: q.waiting, min: minutes(q.estimatedWaitSeconds) });
    }
  }
}

function isClosed() {
  const q = kiosk.queue;
  return !!q && q.officeOpen === false && q.hoursEnforced !== false;
}

/** The manager closed today's office day (or the hub has not opened it): no numbers until it opens again. */
function isDayClosed() {
  const q = kiosk.queue;
  return !!q && q.dayOpen === false;
}

function renderClosedHours() {
  const q = kiosk.queue;
  const tz = kiosk.office.timezone;
  $('closed-title').textContent = kiosk.lang.t(isDayClosed() && !isClosed() ? 'kiosk.dayClosed.title' : 'kiosk.closed.title');
  $('closed-next').textContent = q && q.nextOpening
    ? kiosk.lang.t('kiosk.closed.next', { when: dayAndTime(kiosk.lang, tz, new Date(q.nextOpening)) })
    : '';
  const body = $('closed-hours').querySelector('tbody');
  body.innerHTML = '';
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) {
    const ranges = (kiosk.office.hours && kiosk.office.hours[day]) || [];
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = kiosk.lang.t('day.' + day);
    const td = document.createElement('td');
    td.className = 'num';
    td.textContent = ranges.length ? ranges.join(', ') : kiosk.lang.t('kiosk.closed.dayOff');
    tr.append(th, td);
    body.append(tr);
  }
}

function show(screen) {
  kiosk.screen = screen;
  for (const id of ['start', 'confirm', 'checkin', 'ticket', 'closed', 'problem']) {
    $(id).hidden = id !== screen;
  }
  document.body.dataset.screen = screen;
  if (screen === 'start') fitStart();
  armIdle();
}

/** Back to the start screen, in Chinese, with no priority chosen: ready for the next citizen. */
async function reset() {
  clearInterval(kiosk.countdown);
  kiosk.slipUntil = null;
  kiosk.priority = 'none';
  kiosk.pending = null;
  kiosk.busy = false;
  $('checkin-code').value = '';
  $('checkin-message').textContent = '';
  $('checkin-message').className = '';
  kiosk.screen = null;
  if (kiosk.lang.tag !== DEFAULT_LANG) {
    await setLanguage(DEFAULT_LANG);
  } else {
    render();
  }
  window.scrollTo(0, 0);
}

function touched() {
  armIdle();
}

function armIdle() {
  clearTimeout(kiosk.idleTimer);
  if (kiosk.screen === 'ticket' || kiosk.screen === 'closed') return;
  const needed = kiosk.screen !== 'start' || kiosk.priority !== 'none' || (kiosk.lang && kiosk.lang.tag !== DEFAULT_LANG);
  if (needed) kiosk.idleTimer = setTimeout(() => reset(), IDLE_SECONDS * 1000);
}

function choose(svc) {
  if (kiosk.busy) return;
  const q = serviceQueue(svc.id);
  if (q && q.openCounters === 0) {
    kiosk.pending = svc;
    confirmText(svc);
    show('confirm');
    $('confirm-take').focus();
    return;
  }
  take(svc);
}

function confirmText(svc) {
  $('confirm-text').textContent = kiosk.lang.t('kiosk.noCounter.text', { service: shortName(kiosk.lang.pick(svc.names)) });
}

async function take(svc) {
  if (kiosk.busy || !svc) return;
  kiosk.busy = true;
  const priority = svc.priorityEligible ? kiosk.priority : 'none';
  try {
    const ticket = await api('/api/tickets', {
      method: 'POST', token: kiosk.device.token, lang: kiosk.lang.tag,
      body: { service: svc.id, priority, lang: kiosk.lang.tag },
    });
    showTicket(ticket, priority);
  } catch (e) {
    failed(e);
  } finally {
    kiosk.busy = false;
  }
}

function failed(e) {
  if (e.status === 401) {
    forgetDevice('kiosk');
    location.reload();
    return;
  }
  $('problem-text').textContent = errorText(kiosk.lang, e);
  show('problem');
}

/** @param chosen the priority class the citizen pressed here (the hub tells a kiosk only that it has one) */
function showTicket(ticket, chosen) {
  kiosk.lastTicket = ticket;
  kiosk.lastChosen = chosen;
  fillTicket(ticket);
  show('ticket');
  // Focus goes to 「完成」 for keyboards and switches, but the number stays where the eye is: at any zoom the
  // page scrolls to the number, never to the button.
  $('ticket-done').focus({ preventScroll: true });
  showNumber();
  requestAnimationFrame(() => requestAnimationFrame(showNumber));
  kiosk.slipShownAt = now();
  kiosk.slipUntil = kiosk.slipShownAt + TICKET_SECONDS * 1000;
  clearInterval(kiosk.countdown);
  tickSlip();
  kiosk.countdown = setInterval(tickSlip, 250);
}

/** Scrolls (the page at 200-400% zoom, else the main area) so that the whole number is in view. */
function showNumber() {
  if (kiosk.screen !== 'ticket') return;
  $('ticket-number').scrollIntoView({ block: 'center', inline: 'nearest' });
}

function tickSlip() {
  if (kiosk.screen !== 'ticket' || kiosk.slipUntil == null) return;
  const left = Math.max(0, Math.ceil((kiosk.slipUntil - now()) / 1000));
  $('ticket-countdown').textContent = kiosk.lang.t('kiosk.ticket.countdown', { s: left });
  if (left <= 0) reset();
}

/** The ticket's texts in the kiosk's language (again when the citizen switches language on this screen). */
function fillTicket(ticket) {
  const svc = kiosk.office.services.find((s) => s.id === ticket.service);
  $('ticket-number').textContent = String(ticket.number);
  $('ticket-service').textContent = svc ? kiosk.lang.pick(svc.names) : ticket.service;
  $('ticket-where').textContent = whereText(svc);
  const pri = $('ticket-priority');
  pri.hidden = !ticket.priority || ticket.priority === 'none';
  pri.textContent = pri.hidden ? '' : ticket.dueAt
    ? kiosk.lang.t('kiosk.ticket.appointmentAt', { time: timeOfDay(kiosk.lang, kiosk.office.timezone, new Date(ticket.dueAt)) })
    : kiosk.lang.t('priority.' + (kiosk.lastChosen && kiosk.lastChosen !== 'none' ? kiosk.lastChosen : ticket.priority));
  $('ticket-ahead').textContent = ticket.ahead === 0
    ? kiosk.lang.t('kiosk.ticket.aheadNone') : kiosk.lang.t('kiosk.ticket.ahead', { n: ticket.ahead });
  $('ticket-wait').textContent = ticket.estimatedWaitSeconds == null
    ? kiosk.lang.t('kiosk.ticket.noEstimate')
    : kiosk.lang.t('kiosk.ticket.wait', { min: minutes(ticket.estimatedWaitSeconds) });
  const elsewhere = $('ticket-elsewhere');
  elsewhere.hidden = true;
  elsewhereHint(kiosk.lang, kiosk.office.id, ticket.service, ticket.dueAt ? null : ticket.estimatedWaitSeconds)
    .then((hint) => {
      elsewhere.hidden = !hint || kiosk.lastTicket !== ticket;
      elsewhere.textContent = elsewhere.hidden ? '' : hint;
    });
  drawQr(new URL('/t/' + encodeURIComponent(ticket.id), location.origin).href);
}

/** Where to wait, from the office's counters: the counters that take the service first and their areas. */
function whereText(svc) {
  if (!svc) return '';
  const serving = kiosk.office.counters.filter((c) => c.services.includes(svc.id));
  if (serving.length === 0) return '';
  const best = Math.min(...serving.map((c) => c.services.indexOf(svc.id)));
  const first = serving.filter((c) => c.services.indexOf(svc.id) === best);
  const counters = counterRuns(first.map((c) => c.number));
  if (svc.private) {
    return kiosk.lang.t('kiosk.ticket.private', { counters, n: first.length });
  }
  const areas = [...new Set(first.map((c) => c.area).filter((a) => a))]
    .map((a) => (a.length <= 2 ? kiosk.lang.t('kiosk.ticket.area', { area: a }) : a)).join(', ');
  return areas ? kiosk.lang.t('kiosk.ticket.where', { areas, counters, n: first.length })
    : kiosk.lang.t('kiosk.ticket.counters', { counters, n: first.length });
}


function drawQr(url) {
  const qr = qrcode(0, 'M');
  qr.addData(url);
  qr.make();
  const box = $('ticket-qr');
  box.innerHTML = qr.createSvgTag({ cellSize: 8, margin: 2, scalable: true });
  box.setAttribute('aria-label', kiosk.lang.t('kiosk.ticket.qrLabel'));
  box.dataset.url = url;
}

function openCheckin() {
  $('checkin-code').value = '';
  $('checkin-message').textContent = '';
  $('checkin-message').className = '';
  show('checkin');
  $('checkin-code').focus();
}

function buildKeyboard() {
  const rows = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL-', 'ZXCVBNM'];
  const box = $('checkin-keys');
  const input = $('checkin-code');
  rows.forEach((row, i) => {
    const r = document.createElement('div');
    r.className = 'key-row';
    for (const ch of row) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'key secondary';
      b.textContent = ch;
      b.addEventListener('click', () => {
        if (input.value.length < 16) input.value += ch;
      });
      r.append(b);
    }
    if (i === rows.length - 1) {
      const back = document.createElement('button');
      back.type = 'button';
      back.className = 'key wide secondary';
      back.dataset.i18n = 'keypad.back';
      back.textContent = kiosk.lang.t('keypad.back');
      back.addEventListener('click', () => { input.value = input.value.slice(0, -1); });
      r.append(back);
    }
    box.append(r);
  });
}

async function checkIn() {
  const code = $('checkin-code').value.trim().toUpperCase();
  const message = $('checkin-message');
  if (!code) {
    message.className = 'notice error';
    message.textContent = kiosk.lang.t('kiosk.checkin.empty');
    return;
  }
  if (kiosk.busy) return;
  kiosk.busy = true;
  try {
    const ticket = await api('/api/appointments/check-in', {
      method: 'POST', token: kiosk.device.token, lang: kiosk.lang.tag, body: { code, lang: kiosk.lang.tag },
    });
    showTicket(ticket);
  } catch (e) {
    if (e.status === 401) {
      failed(e);
      return;
    }
    // A code of the wrong shape (400) is, to the citizen, just an unknown code.
    const key = 'kiosk.checkin.' + (e.status === 400 ? 'unknown-appointment' : e.code);
    message.className = 'notice error';
    message.textContent = kiosk.lang.has(key) ? kiosk.lang.t(key) : errorText(kiosk.lang, e);
  } finally {
    kiosk.busy = false;
  }
}

function tickClock() {
  if (kiosk.office && kiosk.lang) $('clock').textContent = timeOfDay(kiosk.lang, kiosk.office.timezone);
}

main();
