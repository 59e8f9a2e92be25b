// The hub's front page: where each page is.
import { applyTexts, DEFAULT_LANG, languages, loadLanguage } from './i18n.js';

async function setLanguage(offered, tag) {
  applyTexts(document, await loadLanguage(tag));
  sessionStorage.setItem('queue.staff.lang', tag);
  const nav = document.getElementById('langs');
  nav.innerHTML = '';
  for (const l of offered) {
    const b = document.createElement('button');
    b.type = 'button';
    b.lang = l.tag;
    b.textContent = l.name;
    b.setAttribute('aria-pressed', String(l.tag === tag));
    b.addEventListener('click', () => setLanguage(offered, l.tag));
    nav.append(b);
  }
}

const offered = (await languages()).filter((l) => !l.speechOnly);
setLanguage(offered, sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
