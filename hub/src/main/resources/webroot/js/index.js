// The hub's front page: where each page is.
import { boot } from './hub.js';
import { applyTexts, DEFAULT_LANG, languages, loadLanguage, renderLanguageSwitch } from './i18n.js';

async function setLanguage(offered, tag) {
  applyTexts(document, await loadLanguage(tag));
  sessionStorage.setItem('queue.staff.lang', tag);
  renderLanguageSwitch(document.getElementById('langs'), offered, tag, (picked) => setLanguage(offered, picked));
}

await boot({ langs: [sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG] });
const offered = (await languages()).filter((l) => !l.speechOnly);
setLanguage(offered, sessionStorage.getItem('queue.staff.lang') || DEFAULT_LANG);
