// A kiosk or board is paired once with its device: the manager issues an 8-digit code (POST /api/pairings),
// someone types it here, the hub answers with the device's bearer token, and the browser keeps it
// (localStorage). With --demo the demo devices' tokens are used at once.
import { api, storeDevice, storedDevice } from './hub.js';
import { errorText } from './page.js';

const DEMO_TOKENS = { kiosk: 'demo-kiosk-1', board: 'demo-board-1' };

/**
 * The device credential for this page: the stored one, the demo one, or (after the form) a paired one.
 * `container` is where the pairing form goes; it is emptied again afterwards.
 */
export async function deviceFor(type, { demo, lang, container, keypad = false }) {
  const params = new URLSearchParams(location.search);
  if (demo && params.get('device')) {
    return { token: params.get('device'), deviceId: params.get('device') };
  }
  const stored = storedDevice(type);
  if (stored && stored.token) return stored;
  if (demo) return { token: DEMO_TOKENS[type], deviceId: DEMO_TOKENS[type] };
  return pairingForm(type, lang, container, keypad);
}

/** Forgets the device token (it was refused), so the next start asks for a pairing code again. */
export function forgetDevice(type) {
  storeDevice(type, null);
}

function pairingForm(type, lang, container, keypad) {
  return new Promise((resolve) => {
    container.hidden = false;
    container.innerHTML = '';
    const form = document.createElement('form');
    form.className = 'pairing';
    form.noValidate = true;
    const title = document.createElement('h1');
    title.textContent = lang.t('pairing.title.' + type);
    const help = document.createElement('p');
    help.id = 'pairing-help';
    help.textContent = lang.t('pairing.help');
    const label = document.createElement('label');
    label.htmlFor = 'pairing-code';
    label.textContent = lang.t('pairing.code');
    const input = document.createElement('input');
    input.id = 'pairing-code';
    input.name = 'code';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.maxLength = 8;
    input.setAttribute('aria-describedby', 'pairing-help pairing-message');
    const message = document.createElement('p');
    message.id = 'pairing-message';
    message.setAttribute('role', 'status');
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = lang.t('pairing.submit');
    form.append(title, help, label, input);
    if (keypad) form.append(digitKeypad(input, lang));
    form.append(submit, message);
    container.append(form);
    input.focus();

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const code = input.value.replace(/\D/g, '');
      if (code.length !== 8) {
        message.className = 'notice error';
        message.textContent = lang.t('pairing.eightDigits');
        return;
      }
      submit.disabled = true;
      try {
        const r = await api('/api/pairings/claim', { method: 'POST', body: { code }, lang: lang.tag });
        if (r.role && r.role !== type) {
          message.className = 'notice error';
          message.textContent = lang.t('pairing.wrongType');
          return;
        }
        const device = { token: r.token, deviceId: r.deviceId };
        storeDevice(type, device);
        container.innerHTML = '';
        container.hidden = true;
        resolve(device);
      } catch (err) {
        message.className = 'notice error';
        message.textContent = err.status === 404 ? lang.t('pairing.unknown') : errorText(lang, err);
      } finally {
        submit.disabled = false;
      }
    });
  });
}

/** On-screen digits for a touch screen without a keyboard. */
export function digitKeypad(input, lang) {
  const pad = document.createElement('div');
  pad.className = 'keypad';
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'];
  for (const k of keys) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    if (k === 'clear' || k === 'back') {
      b.textContent = lang.t('keypad.' + k);
    } else {
      b.textContent = k;
    }
    b.addEventListener('click', () => {
      if (k === 'clear') input.value = '';
      else if (k === 'back') input.value = input.value.slice(0, -1);
      else if (input.value.length < (input.maxLength > 0 ? input.maxLength : 99)) input.value += k;
      input.dispatchEvent(new Event('input'));
    });
    pad.append(b);
  }
  return pad;
}
