// /manager (a first piece): sign in, issue pairing codes for kiosks and boards, set the boards' scrolling
// announcement. Dashboards and statistics come in later issues.
import { api } from './hub.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch, timeOfDay } from './i18n.js';

const $ = (id) => document.getElementById(id);
const page = { office: null, queue: null, lang: null, languages: [], session: null };

async function main() {
  const [office, queue, langs] = await Promise.all([api('/api/office'), api('/api/queue'), languages()]);
  page.office = office;
  page.queue = queue;
  page.languages = langs.filter((l) => !l.speechOnly);
  try {
    page.session = JSON.parse(sessionStorage.getItem('queue.manager.session'));
  } catch (e) {
    page.session = null;
  }
  await setLanguage(sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    login();
  });
  $('pairing-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pair();
  });
  $('announce-form').addEventListener('submit', (e) => {
    e.preventDefault();
    announce();
  });
  show();
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  sessionStorage.setItem('queue.staff.lang', tag);
  applyTexts(document, page.lang);
  renderLanguageSwitch($('langs'), page.languages, tag, setLanguage);
  renderAnnouncementFields();
}

function show() {
  const signed = !!page.session;
  $('login').hidden = signed;
  $('pairing').hidden = !signed;
  $('announce').hidden = !signed;
}

function renderAnnouncementFields() {
  const box = $('announce-fields');
  const current = {};
  for (const ta of box.querySelectorAll('textarea')) current[ta.dataset.lang] = ta.value;
  box.innerHTML = '';
  for (const l of page.languages) {
    const label = document.createElement('label');
    label.htmlFor = 'announce-' + l.tag;
    label.textContent = l.name;
    label.lang = l.tag;
    const ta = document.createElement('textarea');
    ta.id = 'announce-' + l.tag;
    ta.dataset.lang = l.tag;
    ta.lang = l.tag;
    ta.maxLength = 500;
    ta.value = current[l.tag] ?? ((page.queue.announcement || {})[l.tag] || '');
    box.append(label, ta);
  }
}

async function login() {
  const msg = $('login-message');
  try {
    const r = await api('/api/login', {
      method: 'POST', lang: page.lang.tag,
      body: { username: $('username').value.trim(), password: $('password').value },
    });
    if (r.role !== 'manager') {
      msg.className = 'notice error';
      msg.textContent = page.lang.t('manager.notManager');
      return;
    }
    page.session = { token: r.token, username: r.username };
    sessionStorage.setItem('queue.manager.session', JSON.stringify(page.session));
    show();
  } catch (e) {
    msg.className = 'notice error';
    msg.textContent = e.message || page.lang.t('error.generic');
  }
}

async function pair() {
  const out = $('pairing-result');
  const type = document.querySelector('#pairing-form input[name=type]:checked').value;
  try {
    const r = await api('/api/pairings', {
      method: 'POST', token: page.session.token, lang: page.lang.tag,
      body: { type, name: $('device-name').value.trim().toLowerCase() },
    });
    out.className = 'notice ok';
    out.innerHTML = '';
    const code = document.createElement('span');
    code.className = 'code num';
    code.textContent = r.code;
    const text = document.createElement('span');
    text.textContent = ' ' + page.lang.t('manager.pairing.code', {
      code: r.code, time: timeOfDay(page.lang, page.office.timezone, new Date(r.expiresAt)),
    });
    out.append(code, text);
  } catch (e) {
    out.className = 'notice error';
    out.textContent = e.message || page.lang.t('error.generic');
  }
}

async function announce() {
  const out = $('announce-result');
  const texts = {};
  for (const ta of document.querySelectorAll('#announce-fields textarea')) texts[ta.dataset.lang] = ta.value.trim();
  try {
    await api('/api/announcement', { method: 'PUT', token: page.session.token, lang: page.lang.tag, body: { texts } });
    out.className = 'notice ok';
    out.textContent = page.lang.t('manager.announce.done');
  } catch (e) {
    out.className = 'notice error';
    out.textContent = e.message || page.lang.t('error.generic');
  }
}

main();
