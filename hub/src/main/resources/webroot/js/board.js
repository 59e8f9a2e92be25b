// /board: the lobby TV. Now calling (number -> counter) large, the last calls, waiting per service, and the
// manager's scrolling announcement; every text in two languages at once. A new call flashes, chimes and is
// spoken (see announcer.js). Options in the address: ?lang=zh-TW,en (shown, first is main),
// ?speak=zh-TW,en (spoken, in order), ?voice=auto|clips|speech|off, ?pace=1 (the announcer's pauses; tests: less).
import { api, boot, element, follow, minutes, showConnection } from './hub.js';
import { DEFAULT_LANG, loadLanguage, shortName, timeOfDay } from './i18n.js';
import { deviceFor } from './pairing.js';
import { Announcer } from './announcer.js';

// Ten last calls: ten counters calling at once all stay on the board (the newest on the big panel, nine here).
const RECENT = 10;
const STALE_MS = 2 * 60 * 1000;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const list = (name, fallback) => (params.get(name) || fallback).split(',').map((s) => s.trim()).filter(Boolean);
// view=waiting: the waiting table alone, in letters that read from 8 m (see board.css), pages taking turns.
const VIEW = params.get('view') === 'waiting' ? 'waiting' : 'calls';
const PAGE_MS = (Number(params.get('pageSeconds')) || 8) * 1000;

const board = {
  office: null,
  queue: null,
  langs: [],
  recent: [],
  current: null,
  announced: [],
  announcer: null,
  waitingPage: 0,
};
// For the browser tests and for an installer checking the voice: what was announced, and how.
window.board = board;

async function main() {
  const { health: h, office } = await boot({ langs: list('lang', 'zh-TW,en') });
  board.office = office;
  board.langs = await Promise.all(list('lang', 'zh-TW,en').map(loadLanguage));
  const speak = await Promise.all(list('speak', board.langs.map((l) => l.tag).join(',')).map(loadLanguage));
  document.documentElement.lang = board.langs[0].tag;
  document.title = board.langs.map((l) => l.t('board.pageTitle')).join(' · ');
  document.body.classList.add('view-' + VIEW);
  fillBilingual(document);

  board.device = await deviceFor('board', { demo: h.demo, lang: board.langs[0], container: $('pairing') });
  $('board').hidden = false;
  $('now-panel').addEventListener('animationend', (e) => e.target.classList.remove('flash'));

  board.announcer = new Announcer({
    languages: speak,
    // The waiting view is a second screen: the calls are spoken by the first.
    mode: VIEW === 'waiting' ? 'off' : params.get('voice') || 'auto',
    pace: Number(params.get('pace')) || 1,
    onQueue: (speaking, pending) => {
      // What the voice is saying and what it will say next, for the tests and an installer: "2001@5", "2001@5!".
      const key = (c) => c.number + '@' + c.counter + (c.recall ? '!' : '');
      const el = $('board');
      if (speaking) el.dataset.speaking = key(speaking);
      else delete el.dataset.speaking;
      el.dataset.speechQueue = pending.map(key).join(' ');
    },
    onDone: (call, how, clips) => {
      board.announced.push({ number: call.number, counter: call.counter, recall: call.recall, how, clips });
      if (board.announced.length > 200) board.announced.shift();
    },
  });
  const sound = $('sound');
  sound.addEventListener('click', () => {
    board.announcer.unblock();
    sound.hidden = true;
  });
  setTimeout(() => { sound.hidden = !board.announcer.blocked; }, 1500);

  follow({
    onSnapshot: (q) => snapshot(q),
    onEvent: (type, data) => event(type, data),
    onConnection: (up) => showConnection($('conn'), up),
  });
  setInterval(tickClock, 1000);
  tickClock();
  setInterval(nextWaitingPage, PAGE_MS);
  window.addEventListener('resize', () => paginateWaiting());
}

/** Writes a text in every board language: one span per language, the first one main. */
function bilingual(el, key, vars = {}) {
  el.innerHTML = '';
  board.langs.forEach((lang, i) => {
    const span = document.createElement('span');
    span.lang = lang.tag;
    span.className = i === 0 ? 'l1' : 'l2';
    span.textContent = lang.t(key, vars);
    el.append(span);
  });
}

function bilingualPick(el, texts, shorten = false) {
  el.innerHTML = '';
  const seen = new Set();
  board.langs.forEach((lang, i) => {
    const text = shorten ? shortName(lang.pick(texts)) : lang.pick(texts);
    if (!text || seen.has(text)) return;
    seen.add(text);
    const span = document.createElement('span');
    span.lang = lang.tag;
    span.className = i === 0 ? 'l1' : 'l2';
    span.textContent = text;
    el.append(span);
  });
}

function fillBilingual(root) {
  for (const el of root.querySelectorAll('[data-bi]')) bilingual(el, el.dataset.bi);
}

function snapshot(q) {
  board.queue = q;
  bilingualPick($('office-name'), board.office.name);
  reconcile(q.counters);
  renderRecent();
  // The marquee first: it takes height from the panels the waiting rows are paged into.
  renderAnnouncement(q.announcement);
  renderWaiting();
}

/**
 * Each counter's current number from GET /api/queue, for a board that has just started or reconnected: a call
 * the board has not seen (or one newer than the last it saw at that counter) goes in; the newest of all is
 * the big panel's. A snapshot older than the events already shown changes nothing.
 */
function reconcile(counters) {
  const shown = board.current ? [board.current, ...board.recent] : board.recent;
  const latest = new Map();
  for (const c of shown) if (!(latest.get(c.counter) >= c.when)) latest.set(c.counter, c.when);
  const missing = counters.filter((c) => c.current && c.current.calledAt)
    .map((c) => ({ number: c.current.number, service: c.current.service, counter: c.number,
      ...moment(c.current.calledAt) }))
    .filter((c) => !shown.some((s) => s.number === c.number && s.counter === c.counter)
      && !(latest.get(c.counter) >= c.when));
  if (!missing.length) return;
  const all = [...shown.filter((s) => !missing.some((m) => m.number === s.number)), ...missing]
    .sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
  const newest = all[0];
  board.recent = all.slice(0, RECENT + 1);
  if (!board.current || newest.when > board.current.when) showNow(newest, false);
}

/**
 * An instant of the hub's (ISO 8601, UTC, up to nanoseconds) as {at: ms, when: a key that sorts as the instants
 * do}: calls made in the same millisecond keep their order, which Date.parse alone would lose.
 */
function moment(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(String(iso || ''));
  const at = Date.parse(iso) || Date.now();
  return m ? { at, when: m[1] + '.' + (m[2] || '').padEnd(9, '0') } : moment(new Date(at).toISOString());
}

function event(type, data) {
  if (type === 'ticket.called' || type === 'ticket.recalled') {
    const call = { number: data.number, service: data.service, counter: data.counter, recall: type === 'ticket.recalled',
      ...moment(data.at) };
    // One line per number: a recall or a transferred ticket's new call replaces its old line.
    board.recent = [call, ...board.recent.filter((c) => c.number !== call.number)].slice(0, RECENT + 1);
    // The picture first, at once; the voice follows in its own time.
    showNow(call, true);
    const age = Date.now() - call.at;
    // Calls replayed after a long outage are shown but not announced again.
    if (!(age > STALE_MS)) board.announcer.enqueue(call);
  } else if (type === 'ticket.finished' || type === 'ticket.no-show' || type === 'ticket.cancelled'
    || type === 'ticket.transferred') {
    board.announcer.drop(data.number);
  } else if (type === 'announcement.set') {
    renderAnnouncement(data.texts);
    paginateWaiting();
  } else if (type === 'day.opened') {
    // A new day: yesterday's last call is no one's call now.
    board.recent = [];
    board.current = null;
    $('now-empty').hidden = false;
    for (const id of ['now-number', 'now-arrow', 'now-counter']) $(id).hidden = true;
    delete $('now').dataset.number;
    delete $('now').dataset.counter;
    renderRecent();
  }
}

function showNow(call, flash = true) {
  board.current = call;
  $('now-empty').hidden = true;
  $('now-number').hidden = false;
  $('now-arrow').hidden = false;
  $('now-counter').hidden = false;
  $('now-number').textContent = String(call.number);
  bilingual($('now-counter'), 'board.counter', { n: call.counter });
  const now = $('now');
  now.dataset.number = call.number;
  now.dataset.counter = call.counter;
  renderRecent();
  // A call during a flash does not restart it: ten calls in a second still flash the panel once a second,
  // under the three-flashes-a-second limit (WCAG 2.3.1).
  if (flash) $('now-panel').classList.add('flash');
}

function renderRecent() {
  const ol = $('recent');
  ol.innerHTML = '';
  const shown = board.recent.filter((c) => !(board.current && c.number === board.current.number
    && c.counter === board.current.counter)).slice(0, RECENT);
  for (const c of shown) {
    const li = document.createElement('li');
    li.dataset.number = c.number;
    li.dataset.counter = c.counter;
    const arrow = element('span', 'recent-arrow', '➜');
    arrow.setAttribute('aria-hidden', 'true');
    li.append(element('span', 'recent-number num', String(c.number)), arrow,
      element('span', 'recent-counter', board.langs[0].t('board.counter', { n: c.counter })));
    ol.append(li);
  }
}

function renderWaiting() {
  const body = $('waiting');
  body.innerHTML = '';
  for (const svc of board.office.services) {
    const q = board.queue.services.find((s) => s.id === svc.id);
    if (!q) continue;
    const tr = document.createElement('tr');
    tr.dataset.service = svc.id;
    const name = document.createElement('th');
    name.scope = 'row';
    name.className = 'bi';
    bilingualPick(name, svc.names, true);
    const waiting = document.createElement('td');
    waiting.className = 'waiting-count num';
    waiting.textContent = String(q.waiting);
    const est = document.createElement('td');
    est.className = 'waiting-estimate bi';
    if (q.openCounters === 0) {
      est.classList.add('closed');
      bilingual(est, 'board.noCounter');
    } else if (q.waiting > 0 && q.estimatedWaitSeconds != null) {
      // No one waiting, no minutes: the next to come is called when a counter is free.
      est.textContent = board.langs[0].t('board.minutes', { min: minutes(q.estimatedWaitSeconds) });
    }
    tr.append(name, waiting, est);
    body.append(tr);
  }
  paginateWaiting();
}

/**
 * The waiting rows in pages that fit the panel (the TV's own view, or a small monitor), taking turns every
 * PAGE_MS: a row is never cut off. One page that fits shows all and never turns.
 */
function paginateWaiting() {
  const rows = [...$('waiting').rows];
  if (!rows.length) return;
  const panel = document.querySelector('.waiting');
  rows.forEach((r) => { r.hidden = false; });
  const room = panel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(panel).paddingBottom)
    - $('waiting').getBoundingClientRect().top - 1;
  const pages = [];
  let used = room + 1;
  for (const r of rows) {
    const h = r.getBoundingClientRect().height;
    if (used + h > room) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(r);
    used += h;
  }
  board.waitingPages = pages.length;
  if (board.waitingPage >= pages.length) board.waitingPage = 0;
  pages.forEach((page, i) => page.forEach((r) => { r.hidden = i !== board.waitingPage; }));
  const label = $('waiting-page');
  label.hidden = pages.length < 2;
  label.textContent = (board.waitingPage + 1) + ' / ' + pages.length;
}

function nextWaitingPage() {
  if (!(board.waitingPages > 1)) return;
  board.waitingPage = (board.waitingPage + 1) % board.waitingPages;
  paginateWaiting();
}

function renderAnnouncement(texts) {
  const parts = [];
  for (const lang of board.langs) {
    const text = texts && (texts[lang.tag] || '').trim();
    if (text && !parts.includes(text)) parts.push(text);
  }
  const marquee = $('marquee');
  const span = $('marquee-text');
  marquee.hidden = parts.length === 0;
  if (span.textContent === parts.join('　　｜　　')) return;
  span.textContent = parts.join('　　｜　　');
  // A steady reading speed whatever the length: about 120 px a second.
  requestAnimationFrame(() => {
    const distance = span.offsetWidth + marquee.offsetWidth;
    span.style.animationDuration = Math.max(10, distance / 120) + 's';
  });
}

function tickClock() {
  if (board.office) $('clock').textContent = timeOfDay(board.langs[0] || { tag: DEFAULT_LANG }, board.office.timezone);
}

main();
