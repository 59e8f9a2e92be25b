// /t/{id}: one ticket on a citizen's phone (the kiosk's QR code leads here). Number, people ahead and the
// estimate, kept live from the ticket's own stream (GET /api/tickets/{id}/events: its status now, then each
// change, nothing of other tickets); when it is called, a loud notice with the counter, a vibration and (if
// the citizen turned it on) a sound.
import { api, boot, minutes, showConnection } from './hub.js';
import { applyTexts, bestLanguage, languages, loadLanguage, renderLanguageSwitch, timeOfDay } from './i18n.js';
import { $, errorText, whileShown } from './page.js';
import { elsewhereHint } from './elsewhere.js';

/** Above this estimate the page says plainly that the wait is long and the citizen may come back later. */
const LONG_WAIT_MINUTES = 60;
const id = decodeURIComponent(location.pathname.split('/').pop());
const page = { office: null, ticket: null, lang: null, languages: [], audio: null, alerted: null, timer: null, stream: null, retry: null };
window.ticketPage = page;

async function main() {
  const saved = localStorage.getItem('queue.phone.lang');
  const { office } = await boot({ langs: [saved || bestLanguage(await languages())] });
  const langs = await languages();
  page.office = office;
  page.languages = langs.filter((l) => !l.speechOnly);
  let ticket = null;
  try {
    ticket = await api('/api/tickets/' + encodeURIComponent(id));
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const fromTicket = ticket && ticket.lang && page.languages.some((l) => l.tag === ticket.lang) ? ticket.lang : null;
  await setLanguage(saved || fromTicket || bestLanguage(page.languages));
  if (!ticket) {
    $('unknown').hidden = false;
    return;
  }
  page.ticket = ticket;
  $('main').hidden = false;
  render();
  $('sound').addEventListener('click', enableSound);
  for (const b of document.querySelectorAll('#rating-buttons button')) {
    b.addEventListener('click', () => rate(b.dataset.rating));
  }
  followTicket();
  whileShown(() => {
    clearTimeout(page.retry);
    if (page.stream) page.stream.close();
    page.stream = null;
  }, followTicket);
}

// The browser reconnects by itself; the hub's first message on each connection is the status as it is then.
function followTicket() {
  const es = new EventSource('/api/tickets/' + encodeURIComponent(id) + '/events');
  page.stream = es;
  es.onopen = () => showConnection($('conn'), true);
  es.onerror = () => {
    showConnection($('conn'), false);
    if (es.readyState === EventSource.CLOSED && page.stream === es) page.retry = setTimeout(followTicket, 2000);
  };
  es.addEventListener('ticket.status', (m) => {
    try {
      show(JSON.parse(m.data));
    } catch (e) {
      // a broken message: the next one says it all again
    }
  });
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  applyTexts(document, page.lang);
  $('office-name').textContent = page.lang.pick(page.office.name);
  renderLanguageSwitch($('langs'), page.languages, tag, (picked) => {
    localStorage.setItem('queue.phone.lang', picked);
    setLanguage(picked);
  });
  if (page.ticket) render();
}

function show(fresh) {
  if (page.ticket && fresh.service !== page.ticket.service && fresh.status === 'waiting') fresh.transferredFrom = page.ticket.service;
  else if (page.ticket && page.ticket.transferredFrom && fresh.status === 'waiting') fresh.transferredFrom = page.ticket.transferredFrom;
  page.ticket = fresh;
  render();
}

function serviceName(sid) {
  const svc = page.office.services.find((s) => s.id === sid);
  return svc ? page.lang.pick(svc.names) : sid;
}

function render() {
  const t = page.ticket;
  const L = page.lang;
  $('number').textContent = String(t.number);
  $('service').textContent = serviceName(t.service);
  const pri = $('priority');
  pri.hidden = !t.priority || t.priority === 'none';
  pri.textContent = pri.hidden ? '' : L.t('priority.' + t.priority);
  const called = t.status === 'called';
  $('called').hidden = !called;
  document.body.dataset.status = t.status;
  const ahead = $('ahead');
  const wait = $('wait');
  const note = $('note');
  ahead.textContent = '';
  wait.textContent = '';
  note.textContent = '';
  $('why').hidden = true;
  $('long-wait').hidden = true;
  $('elsewhere').hidden = true;
  $('next-step').hidden = t.status !== 'no-show';
  if (called) {
    $('called-title').textContent = L.t(t.recalls ? 'ticket.recalled' : 'ticket.called');
    $('called-counter').textContent = L.t('ticket.goTo', { counter: t.counter });
    document.title = L.t('ticket.goTo', { counter: t.counter });
    const key = t.number + '@' + t.counter + '#' + (t.recalls || 0);
    if (page.alerted !== key) {
      page.alerted = key;
      alertCitizen();
    }
  } else if (t.status === 'waiting') {
    document.title = L.t('ticket.pageTitle') + ' ' + t.number;
    renderWaiting(t, ahead, wait);
    if (t.transferredFrom) note.textContent = L.t('ticket.transferred', { service: serviceName(t.service) });
  } else {
    document.title = L.t('ticket.pageTitle') + ' ' + t.number;
    ahead.textContent = L.t('ticket.' + t.status);
  }
  $('sound').hidden = called || t.status !== 'waiting';
  // After a visit that ended as served: how was it? Once.
  $('rating').hidden = t.status !== 'served';
  $('rating-buttons').hidden = !!t.rated;
  if (t.rated && !$('rating-thanks').textContent) $('rating-thanks').textContent = L.t('ticket.rating.thanks');
}

/**
 * Where a waiting ticket stands, from the hub's own fields (one definition of ahead and of the estimate):
 * with no counter open, its place in line and when counters open, not minutes; an online appointment, its booked
 * time; why "ahead" grew, if it did; and plainly, when the wait is long, that one may come back later.
 */
function renderWaiting(t, ahead, wait) {
  const L = page.lang;
  const at = (iso) => timeOfDay(L, page.office.timezone, new Date(iso));
  if (t.estimatedWaitSeconds == null) {
    ahead.textContent = L.t('ticket.position', { n: t.ahead + 1 });
    wait.textContent = t.opensAt ? L.t('ticket.opensAt', { time: at(t.opensAt) }) : L.t('ticket.noEstimate');
  } else {
    ahead.textContent = t.ahead === 0 ? L.t('ticket.aheadNone') : L.t('ticket.ahead', { n: t.ahead });
    wait.textContent = t.dueAt && t.calledAround ? L.t('ticket.calledAround', { time: at(t.calledAround) })
      : L.t('ticket.wait', { min: minutes(t.estimatedWaitSeconds) });
  }
  if (t.aheadChangedBecause) {
    const why = $('why');
    why.hidden = false;
    why.textContent = L.t(t.aheadChangedBecause === 'appointment' ? 'ticket.aheadGrew.appointment' : 'ticket.aheadGrew.priority');
  }
  const min = t.estimatedWaitSeconds == null ? 0 : minutes(t.estimatedWaitSeconds);
  if (!t.dueAt && min > LONG_WAIT_MINUTES) {
    const long = $('long-wait');
    long.hidden = false;
    long.textContent = L.t('ticket.longWait', { min, time: t.calledAround ? at(t.calledAround) : '' });
  }
  showElsewhere(t);
}

/** When the wait here is long for an errand any office takes, the offices of the city where it is shorter. */
async function showElsewhere(t) {
  const hint = t.dueAt ? null : await elsewhereHint(page.lang, page.office.id, t.service, t.estimatedWaitSeconds);
  const p = $('elsewhere');
  p.hidden = !hint || page.ticket !== t || t.status !== 'waiting';
  p.textContent = p.hidden ? '' : hint;
  p.dataset.checked = 'true';
}

async function rate(rating) {
  try {
    await api('/api/tickets/' + encodeURIComponent(id) + '/rating', { method: 'POST', body: { rating }, lang: page.lang.tag });
  } catch (e) {
    if (e.code !== 'already-rated') {
      $('rating-thanks').textContent = errorText(page.lang, e);
      return;
    }
  }
  page.ticket = { ...page.ticket, rated: true };
  $('rating-thanks').textContent = page.lang.t('ticket.rating.thanks');
  render();
}

function alertCitizen() {
  if (navigator.vibrate) navigator.vibrate([500, 200, 500, 200, 800]);
  const ctx = page.audio;
  if (!ctx || ctx.state !== 'running') return;
  const t0 = ctx.currentTime + 0.05;
  [0, 0.35, 0.7].forEach((d) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t0 + d);
    gain.gain.exponentialRampToValueAtTime(0.5, t0 + d + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + d + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + d);
    osc.stop(t0 + d + 0.32);
  });
}

/** Phones play sound only after a tap: this button is that tap. */
function enableSound() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  page.audio = page.audio || new Ctx();
  page.audio.resume();
  const b = $('sound');
  b.textContent = page.lang.t('ticket.soundOn');
  b.setAttribute('aria-pressed', 'true');
  b.dataset.i18n = 'ticket.soundOn';
}

main();
