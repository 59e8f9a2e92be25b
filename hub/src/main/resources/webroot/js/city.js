// /city: every office of the city with its waits (GET /api/public/city, read again every few seconds), sorted
// for the errand the citizen picks, shortest wait first; which errands each office takes from any district
// (跨區申辦); an office the city has not heard from lately is marked "no data since HH:MM" and sorted last.
import { api, minutes } from './hub.js';
import { applyTexts, bestLanguage, languages, loadLanguage, renderLanguageSwitch, shortName, timeOfDay } from './i18n.js';
import { $, element } from './page.js';

const REFRESH_MS = 3000;
const page = { lang: null, languages: [], view: null, service: null, error: null, open: new Set(), readings: 0 };
window.cityPage = page;

async function main() {
  page.languages = (await languages()).filter((l) => !l.speechOnly);
  const params = new URLSearchParams(location.search);
  page.service = params.get('service') || localStorage.getItem('queue.city.service');
  const asked = params.get('lang') || localStorage.getItem('queue.city.lang');
  const tag = page.languages.some((l) => l.tag === asked) ? asked : bestLanguage(page.languages);
  $('service').addEventListener('change', () => {
    page.service = $('service').value;
    localStorage.setItem('queue.city.service', page.service);
    render();
  });
  await setLanguage(tag);
  refresh();
}

async function setLanguage(tag) {
  page.lang = await loadLanguage(tag);
  localStorage.setItem('queue.city.lang', tag);
  applyTexts(document, page.lang);
  renderLanguageSwitch($('langs'), page.languages, tag, setLanguage);
  render();
}

async function refresh() {
  try {
    page.view = await api('/api/public/city');
    page.error = null;
    page.readings++;
  } catch (e) {
    page.error = e.status === 404 && e.code === 'no-city' ? 'city.none' : 'city.unreachable';
  }
  render();
  if (page.error !== 'city.none') setTimeout(refresh, REFRESH_MS);
}

/** Every service any office offers: the city's cross-district ones first (in the city's order), then the rest. */
function services(view) {
  const names = new Map();
  for (const o of view.offices) {
    for (const s of o.services) if (!names.has(s.service)) names.set(s.service, s.name);
  }
  const cross = view.crossDistrictServices.filter((id) => names.has(id));
  const rest = [...names.keys()].filter((id) => !cross.includes(id));
  return [...cross, ...rest].map((id) => ({ id, name: names.get(id), cross: cross.includes(id) }));
}

/** Where an office stands for the chosen service: fresh with an estimate first (shortest), stale last. */
function standing(office, serviceId) {
  const s = office.services.find((x) => x.service === serviceId) || null;
  let rank;
  if (office.staleSince) rank = 4;
  else if (!s) rank = 3;
  else if (office.officeOpen === false) rank = 2;
  else if (s.estimatedWaitSeconds === null || s.estimatedWaitSeconds === undefined) rank = 1;
  else rank = 0;
  return { s, rank, wait: s && s.estimatedWaitSeconds !== null && s.estimatedWaitSeconds !== undefined ? s.estimatedWaitSeconds : Infinity };
}

function waitText(lang, s) {
  if (!s) return lang.t('city.notOffered');
  if (s.estimatedWaitSeconds === null || s.estimatedWaitSeconds === undefined) return lang.t('city.noCounter');
  if (s.estimatedWaitSeconds === 0) return lang.t('city.noWait');
  return lang.t('city.waitAbout', { n: minutes(s.estimatedWaitSeconds) });
}

function list(lang, items) {
  try {
    return new Intl.ListFormat(lang.tag, { type: 'conjunction' }).format(items);
  } catch (e) {
    return items.join(', ');
  }
}

function render() {
  const lang = page.lang;
  if (!lang) return;
  const message = $('message');
  const view = page.view;
  message.hidden = !page.error && view && view.offices.length > 0;
  if (page.error) message.textContent = lang.t(page.error);
  else if (view && view.offices.length === 0) message.textContent = lang.t('city.noOffices');
  if (!view || page.error === 'city.none') {
    $('offices').replaceChildren();
    return;
  }
  $('city-name').textContent = lang.pick(view.city.name);
  const all = services(view);
  if (!all.some((s) => s.id === page.service)) page.service = all.length ? all[0].id : null;
  const select = $('service');
  select.replaceChildren(...all.map((s) => {
    const option = element('option', '', shortName(lang.pick(s.name)) + (s.cross ? ' — ' + lang.t('city.anyOffice') : ''));
    option.value = s.id;
    option.selected = s.id === page.service;
    return option;
  }));
  const chosen = all.find((s) => s.id === page.service);
  $('sorted').textContent = chosen ? lang.t('city.sortedBy', { service: shortName(lang.pick(chosen.name)) }) : '';
  const offices = view.offices.map((o) => ({ o, st: standing(o, page.service), name: lang.pick(o.office.name) }));
  offices.sort((a, b) => a.st.rank - b.st.rank || a.st.wait - b.st.wait
    || (a.st.s ? a.st.s.waiting : 0) - (b.st.s ? b.st.s.waiting : 0) || a.name.localeCompare(b.name, lang.tag));
  $('offices').replaceChildren(...offices.map(({ o, st, name }) => officeItem(lang, o, st, name)));
  $('updated').textContent = lang.t('city.updated', { time: timeOfDay(lang, undefined, new Date(view.asOf)) });
}

function officeItem(lang, o, st, name) {
  const li = element('li', 'city-office');
  li.dataset.office = o.office.id;
  li.dataset.wait = st.wait === Infinity ? '' : String(st.wait);
  if (o.staleSince) li.classList.add('stale');
  else if (!st.s) li.classList.add('not-offered');
  else if (st.rank === 1) li.classList.add('no-counter');
  li.append(element('h2', '', name));
  if (o.staleSince) {
    li.append(element('p', 'co-stale', lang.t('city.stale', { time: timeOfDay(lang, undefined, new Date(o.staleSince)) })));
  }
  if (o.officeOpen === false) li.append(element('p', 'co-waiting', lang.t('city.closed')));
  li.append(element('p', 'co-wait', waitText(lang, st.s)));
  if (st.s) li.append(element('p', 'co-waiting', lang.t('city.waiting', { n: st.s.waiting })));
  const cross = o.services.filter((s) => s.crossDistrict).map((s) => shortName(lang.pick(s.name)));
  li.append(element('p', 'co-cross', cross.length ? lang.t('city.crossDistrict', { services: list(lang, cross) })
    : lang.t('city.noCrossDistrict')));
  const details = element('details', '');
  // the list is drawn again with every reading: an office the citizen opened stays open
  details.open = page.open.has(o.office.id);
  details.addEventListener('toggle', () => {
    if (details.open) page.open.add(o.office.id);
    else page.open.delete(o.office.id);
  });
  details.append(element('summary', '', lang.t('city.allWaits')));
  const table = element('table', 'co-table');
  const head = element('tr', '');
  for (const key of ['city.col.service', 'city.col.waiting', 'city.col.estimate']) {
    const th = element('th', '', lang.t(key));
    th.scope = 'col';
    head.append(th);
  }
  const thead = element('thead', '');
  thead.append(head);
  const tbody = element('tbody', '');
  for (const s of o.services) {
    const tr = element('tr', s.service === page.service ? 'chosen' : '');
    const th = element('th', '', shortName(lang.pick(s.name)));
    th.scope = 'row';
    tr.append(th, element('td', '', String(s.waiting)), element('td', '', waitText(lang, s)));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  details.append(table);
  li.append(details);
  return li;
}

main();
