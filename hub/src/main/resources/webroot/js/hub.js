// The pages' side of the wire: JSON requests with a bearer token, and the live follower of the hub
// (snapshot of GET /api/queue, then GET /api/events from its seq; reconnects by itself, with Last-Event-ID),
// and boot(), the one way a page starts: it waits for the hub, however late the hub comes.
import { loadLanguage } from './i18n.js';
import { element, sleep, whileShown } from './page.js';

export { element, sleep };

/** A refused or failed request: status 0 means the hub could not be reached. */
export class HubError extends Error {
  constructor(status, code, message, body) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/**
 * One JSON request. Returns the parsed body, or null for 204. Throws HubError. The hub writes its error messages
 * in the page's language (the document's lang unless `lang` says otherwise).
 */
export async function api(path, { method = 'GET', body, token, lang = document.documentElement.lang } = {}) {
  const headers = { Accept: 'application/json' };
  if (lang) headers['Accept-Language'] = lang;
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new HubError(0, 'unreachable', String(e));
  }
  if (res.status === 204) return null;
  let json = null;
  try {
    json = await res.json();
  } catch (e) {
    json = null;
  }
  if (!res.ok) {
    throw new HubError(res.status, (json && json.error) || 'http-' + res.status, json && json.message, json);
  }
  return json;
}

/** Every event type the hub sends (EventSource needs a listener per named event); EventTypesAgreementTest holds it to tw.queue.wire.EventTypes and the OpenAPI document. */
export const EVENT_TYPES = [
  'day.opened', 'day.closed', 'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.no-show',
  'ticket.finished', 'ticket.transferred', 'ticket.cancelled', 'clerk.signed-in', 'clerk.signed-out',
  'counter.opened', 'counter.paused', 'counter.closed', 'announcement.set', 'appointment.booked', 'staffing.hint',
  'ticket.rated', 'device.health', 'alert.raised', 'alert.acknowledged', 'print.requested', 'print.finished',
];

/**
 * Follows the hub: calls onSnapshot(queue, requestedAt) with GET /api/queue at start and shortly after every
 * burst of events (waiting counts and estimates are not in the events), onEvent(type, data) once per event in order,
 * and onConnection(true|false) when the stream is up or lost. Survives a hub restart by itself: the browser
 * (or, when it gives up, this code) reconnects and the hub replays what was missed after Last-Event-ID.
 */
export function follow({ onSnapshot, onEvent = () => {}, onConnection = () => {}, refreshMs = 300 } = {}) {
  // A page that only wants events (a phone) takes one snapshot for its seq and no more.
  const wantsSnapshots = typeof onSnapshot === 'function';
  let lastSeq = null;
  let source = null;
  let connected = null;
  let refreshTimer = null;
  let retryTimer = null;
  let staleSince = null;
  let wasDown = false;

  function setConnected(up) {
    if (up === connected) return;
    connected = up;
    if (!up) wasDown = true;
    onConnection(up);
  }

  async function snapshot() {
    const requestedAt = Date.now();
    const q = await api('/api/queue');
    if (wantsSnapshots) onSnapshot(q, requestedAt);
    return q;
  }

  function refreshSoon() {
    if (!wantsSnapshots) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => snapshot().catch(() => {}), refreshMs);
  }

  async function start() {
    clearTimeout(retryTimer);
    try {
      const q = await snapshot();
      lastSeq = q.seq;
      open();
    } catch (e) {
      setConnected(false);
      retryTimer = setTimeout(start, 2000);
    }
  }

  function open() {
    if (source) source.close();
    const es = new EventSource('/api/events?lastEventId=' + encodeURIComponent(lastSeq));
    source = es;
    es.onopen = () => {
      setConnected(true);
      if (wasDown) {
        wasDown = false;
        checkHealth();
        refreshSoon();
      }
    };
    es.onerror = () => {
      setConnected(false);
      if (es.readyState === EventSource.CLOSED && source === es) {
        // The browser gave up (for example a 5xx while the hub starts): reconnect ourselves.
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, 2000);
      }
    };
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (m) => receive(type, m));
    }
  }

  function receive(type, message) {
    const seq = Number(message.lastEventId);
    if (Number.isFinite(seq) && lastSeq !== null && seq <= lastSeq) return;
    if (Number.isFinite(seq)) lastSeq = seq;
    let data = {};
    try {
      data = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    try {
      onEvent(type, data);
    } finally {
      refreshSoon();
    }
  }

  /**
   * A watchdog for what EventSource cannot see: a silently dead connection (the hub's seq moves on but no
   * event arrives) or a hub whose log started again (its seq is behind ours): both restart from a snapshot.
   */
  async function checkHealth() {
    let h;
    try {
      h = await readHealth();
    } catch (e) {
      setConnected(false);
      return;
    }
    if (lastSeq === null) return;
    if (h.seq < lastSeq) {
      start();
    } else if (h.seq > lastSeq) {
      if (staleSince === lastSeq) {
        staleSince = null;
        open();
      } else {
        staleSince = lastSeq;
      }
    } else {
      staleSince = null;
    }
  }

  setInterval(checkHealth, 15000);
  whileShown(() => {
    clearTimeout(retryTimer);
    if (source) source.close();
    source = null;
  }, start);
  start();
  return {
    get seq() { return lastSeq; },
    get connected() { return connected === true; },
    refresh: snapshot,
  };
}

/** GET /health once, retrying until the hub answers (a page may start before the hub). */
export async function health() {
  for (;;) {
    try {
      return await readHealth();
    } catch (e) {
      await sleep(2000);
    }
  }
}

/** The pause after the first failed try; it doubles up to the last, so a hub that comes is seen within a second. */
const BOOT_PAUSES_MS = { first: 125, max: 1000 };

/**
 * How every page starts: until the hub answers both GET /health (a 503 with its body counts: the hub answers,
 * only its disk cannot save) and GET /api/office, tries again with a growing pause, showing "connecting to the
 * hub" in the page's language(s) (`langs`, tags; the board shows two) instead of a blank page. Resolves to
 * {health, office}.
 */
export async function boot({ langs = [document.documentElement.lang || 'zh-TW'] } = {}) {
  let pause = BOOT_PAUSES_MS.first;
  let notice = null;
  for (;;) {
    try {
      const [h, office] = await Promise.all([readHealth(), api('/api/office')]);
      if (notice) notice.remove();
      return { health: h, office };
    } catch (e) {
      if (!notice) {
        notice = element('div', 'boot-wait');
        notice.id = 'boot-wait';
        notice.setAttribute('role', 'status');
        document.body.append(notice);
      }
      await connectingText(notice, langs);
      await sleep(pause);
      pause = Math.min(BOOT_PAUSES_MS.max, pause * 2);
    }
  }
}

/** Fills the waiting notice: one line per language whose texts could be read (they are the hub's files too). */
async function connectingText(notice, langs) {
  const lines = [];
  for (const tag of langs) {
    const lang = await loadLanguage(tag);
    if (!lang.has('common.connecting')) continue;
    const title = element('p', 'boot-title', lang.t('common.connecting'));
    const help = element('p', 'boot-help', lang.t('common.connectingHelp'));
    for (const p of [title, help]) p.lang = lang.tag;
    lines.push(title, help);
  }
  notice.replaceChildren(element('span', 'boot-spinner'), ...lines);
}

/**
 * GET /health: its body on 200, and on 503 too (the hub answers and streams, only its disk cannot save now:
 * status store-unavailable, with the reason). Throws when the hub does not answer.
 */
async function readHealth() {
  try {
    return await api('/health');
  } catch (e) {
    if (e.status === 503 && e.body && e.body.seq !== undefined) return e.body;
    throw e;
  }
}

/** Minutes, rounded up, at least 1, from seconds. */
export function minutes(seconds) {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The stored device credential of a paired kiosk or board: {token, deviceId}, or null. */
export function storedDevice(type) {
  try {
    return JSON.parse(localStorage.getItem('queue.device.' + type));
  } catch (e) {
    return null;
  }
}

export function storeDevice(type, device) {
  if (device) localStorage.setItem('queue.device.' + type, JSON.stringify(device));
  else localStorage.removeItem('queue.device.' + type);
}

/** Shows or hides the page's "reconnecting" banner (an element with role=status). */
export function showConnection(banner, up) {
  banner.hidden = up;
  document.body.classList.toggle('offline', !up);
}
