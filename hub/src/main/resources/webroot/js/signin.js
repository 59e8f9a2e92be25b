// Staff sign-in, shared by /counter, /volunteer and /manager: POST /api/login, the roles the page accepts,
// and the session kept for this browser tab only (sessionStorage), until the token expires.
import { api, HubError } from './hub.js';
import { errorText } from './page.js';

/** Signs in; resolves to {token, username, role, expiresAt} or throws HubError (code 'wrong-role' too). */
export async function signIn(username, password, { lang, roles }) {
  const r = await api('/api/login', { method: 'POST', body: { username, password }, lang });
  if (!roles.includes(r.role)) throw new HubError(403, 'wrong-role');
  return {
    token: r.token, username: r.username || username, role: r.role,
    expiresAt: r.expiresInSeconds ? Date.now() + r.expiresInSeconds * 1000 : null,
  };
}

/** The session stored under key, or null when there is none or it has expired. */
export function storedSession(key) {
  let s = null;
  try {
    s = JSON.parse(sessionStorage.getItem(key));
  } catch (e) {
    s = null;
  }
  return s && (!s.expiresAt || s.expiresAt > Date.now()) ? s : null;
}

/**
 * Keeps the session under key; with null, forgets it and ends it at the hub too (POST /api/logout), so the token
 * is refused from then on even if someone copied it. After a 401 the hub refused it already: the answer is ignored.
 */
export function storeSession(key, session) {
  if (session) {
    sessionStorage.setItem(key, JSON.stringify(session));
    return;
  }
  const old = storedSession(key);
  sessionStorage.removeItem(key);
  if (old && old.token) {
    fetch('/api/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + old.token }, keepalive: true })
      .catch(() => {});
  }
}

/**
 * Ends a staff token at the hub (POST /api/logout) and waits for its answer: from then on the hub refuses it.
 * A token the hub refused already (401) counts as ended. Throws HubError when the hub could not be told.
 */
export async function endSession(token) {
  if (!token) return;
  try {
    await api('/api/logout', { method: 'POST', token });
  } catch (e) {
    if (e.status !== 401) throw e;
  }
}

/**
 * Wires a sign-in form (#username, #password, a status element) to signIn: calls onSignedIn(session), or
 * shows wrongRoleText / the hub's message in the page's language.
 */
export function wireSignInForm(form, { lang, roles, storageKey, wrongRoleText, onSignedIn }) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = form.querySelector('#username');
    const pass = form.querySelector('#password');
    const msg = form.querySelector('#login-message');
    msg.textContent = '';
    msg.className = '';
    try {
      const session = await signIn(user.value.trim(), pass.value, { lang: lang().tag, roles });
      storeSession(storageKey, session);
      pass.value = '';
      onSignedIn(session);
    } catch (err) {
      msg.className = 'notice error';
      msg.textContent = err.code === 'wrong-role' ? wrongRoleText() : errorText(lang(), err);
    }
  });
}
