// What every page shares besides the wire (hub.js) and the texts (i18n.js): finding and building elements,
// waiting, and saying what went wrong in the page's own language.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** A new element with a class and, when given, its text: element('span', 'recent-number num', '2001'). */
export function element(tag, className, text) {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * For a page's event stream: `close` when the page is hidden, `reopen` when it is shown again from the browser's
 * back/forward cache. A page left for another may stay in that cache with its stream open, holding one of the
 * six connections a browser allows per host: a clerk going from page to page would find the seventh page
 * waiting a minute for a connection.
 */
export function whileShown(close, reopen) {
  addEventListener('pagehide', close);
  addEventListener('pageshow', (e) => {
    if (e.persisted) reopen();
  });
}

/** Texts by HTTP status for codes the bundles have no text of their own for. */
const BY_STATUS = { 401: 'error.unauthenticated', 403: 'error.role-forbidden', 429: 'error.too-many', 503: 'error.store-unavailable' };

/**
 * What went wrong, for the citizen or clerk, in the page's language: a request that never reached the hub
 * (status 0, or fetch's own TypeError) is "cannot reach the hub"; the hub's error code (its JSON {"error",
 * "message"}) is looked up as error.<code>; failing that, the hub's own message, which it wrote in the language
 * the page asked for (Accept-Language); failing that, a text for the status. Never a raw exception's words.
 * `prefix` names the page's own texts for some codes (e.g. 'volunteer.error.'), tried first; `vars` fill them.
 */
export function errorText(lang, e, { vars = {}, prefix = null } = {}) {
  if (!e) return lang.t('error.generic');
  const unreachable = e instanceof TypeError || e.status === 0 || e.code === 'unreachable';
  const code = unreachable ? 'unreachable' : e.code;
  // A page's own wording for a code (volunteer.error.<code>) comes before the common one.
  if (prefix && code && lang.has(prefix + code)) return lang.t(prefix + code, vars);
  if (unreachable) return lang.t('error.unreachable');
  if (code && lang.has('error.' + code)) return lang.t('error.' + code, vars);
  const hubSaid = e.body && typeof e.body.message === 'string' && e.body.message.trim();
  if (e.status > 0 && hubSaid) return hubSaid;
  if (BY_STATUS[e.status]) return lang.t(BY_STATUS[e.status]);
  return lang.t('error.generic');
}

/** True when the hub refused the page's login (expired, signed out elsewhere, revoked): sign in again. */
export function loginRefused(e) {
  return !!e && e.status === 401;
}

/**
 * The staff sign-in card, one markup for /counter, /volunteer and /manager, built into the page's
 * `<section id="login" data-signin-title="KEY">`: its heading (data-signin-level, h2 unless told), an optional
 * warning (data-signin-note="KEY"), the form #login-form (class data-signin-form, "stack" unless told) with
 * #username, #password, #login-submit and #login-message, and an optional hint #login-demo, hidden until the
 * page shows it (data-signin-hint="KEY"). Texts come from data-i18n, so build it before applying them.
 */
export function signInCard(section) {
  const d = section.dataset;
  section.setAttribute('aria-labelledby', 'login-title');
  const h = document.createElement(d.signinLevel || 'h2');
  h.id = 'login-title';
  h.dataset.i18n = d.signinTitle;
  const parts = [h];
  if (d.signinNote) {
    const note = element('p', 'notice warn');
    note.dataset.i18n = d.signinNote;
    parts.push(note);
  }
  const form = element('form', d.signinForm ?? 'stack');
  form.id = 'login-form';
  const field = (id, attrs) => {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.dataset.i18n = 'signin.' + id;
    const input = document.createElement('input');
    input.id = id;
    input.name = id;
    input.required = true;
    for (const [k, v] of Object.entries(attrs)) input.setAttribute(k, v);
    form.append(label, input);
  };
  field('username', { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  field('password', { type: 'password', autocomplete: 'current-password' });
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.id = 'login-submit';
  submit.dataset.i18n = 'signin.submit';
  const message = document.createElement('p');
  message.id = 'login-message';
  message.setAttribute('role', 'status');
  form.append(submit, message);
  if (d.signinHint) {
    const hint = element('p', 'hint');
    hint.id = 'login-demo';
    hint.hidden = true;
    hint.dataset.i18n = d.signinHint;
    form.append(hint);
  }
  parts.push(form);
  section.replaceChildren(...parts);
  return form;
}

/** "1–6, 9": counter numbers with runs joined (the kiosk's slip screen, the volunteer's "where to go"). */
export function counterRuns(numbers) {
  const n = [...numbers].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < n.length; i++) {
    let j = i;
    while (j + 1 < n.length && n[j + 1] === n[j] + 1) j++;
    out.push(j > i ? n[i] + '–' + n[j] : String(n[i]));
    i = j;
  }
  return out.join(', ');
}
