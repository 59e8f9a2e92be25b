// User-facing texts come from /static/i18n/<tag>.json, one file per language. Adding a file (and its
// "language.name") adds the language everywhere: the hub lists the files at /static/i18n/index.json.
// A missing text falls back to the file's "language.fallback", then to zh-TW. Service names and hints come
// from the office config (GET /api/office), with the same fallbacks.

export const DEFAULT_LANG = 'zh-TW';
const cache = new Map();

async function messages(tag) {
  if (!cache.has(tag)) {
    // A file that could not be read (the hub not up yet) is asked for again next time, not kept as empty.
    cache.set(tag, fetch('/static/i18n/' + encodeURIComponent(tag) + '.json', { cache: 'no-cache' })
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => {
        cache.delete(tag);
        return {};
      }));
  }
  return cache.get(tag);
}

/** The languages on offer, in their own names: [{tag, name}], zh-TW first. */
export async function languages() {
  try {
    const r = await fetch('/static/i18n/index.json', { cache: 'no-cache' });
    if (r.ok) return await r.json();
  } catch (e) {
    // fall through
  }
  return [{ tag: 'zh-TW', name: '中文' }, { tag: 'en', name: 'English' }];
}

/** The best of the offered tags for a browser's preferences (navigator.languages), or zh-TW. */
export function bestLanguage(offered, preferred = navigator.languages || []) {
  const tags = offered.map((l) => l.tag);
  for (const p of preferred) {
    const exact = tags.find((t) => t.toLowerCase() === p.toLowerCase());
    if (exact) return exact;
    const base = p.split('-')[0].toLowerCase();
    if (base === 'zh') return DEFAULT_LANG;
    const loose = tags.find((t) => t.split('-')[0].toLowerCase() === base);
    if (loose) return loose;
  }
  return DEFAULT_LANG;
}

/** Loads one language with its fallbacks. */
export async function loadLanguage(tag) {
  const chain = [];
  let next = tag;
  while (next && !chain.includes(next) && chain.length < 4) {
    chain.push(next);
    next = (await messages(next))['language.fallback'];
  }
  if (!chain.includes(DEFAULT_LANG)) chain.push(DEFAULT_LANG);
  const files = await Promise.all(chain.map(messages));
  return new Language(tag, chain, files);
}

const pluralRules = new Map();

/** The form of a plural text ({one, other, ...}) for the count in vars; "other" when the language has no such form. */
export function pluralForm(forms, tag, vars = {}) {
  let count = vars.n !== undefined ? vars.n : vars.count;
  if (count === undefined) count = Object.values(vars).find((v) => typeof v === 'number');
  const number = Number(count);
  if (count === undefined || count === null || Number.isNaN(number)) return forms.other;
  if (!pluralRules.has(tag)) {
    let rules;
    try {
      rules = new Intl.PluralRules(tag);
    } catch (e) {
      rules = new Intl.PluralRules(DEFAULT_LANG);
    }
    pluralRules.set(tag, rules);
  }
  const form = forms[pluralRules.get(tag).select(number)];
  return typeof form === 'string' ? form : forms.other;
}

export class Language {
  constructor(tag, chain, files) {
    this.tag = tag;
    this.chain = chain;
    this.files = files;
  }

  has(key) {
    return this.files.some((f) => f[key] !== undefined);
  }

  raw(key) {
    for (const f of this.files) {
      if (f[key] !== undefined) return f[key];
    }
    return undefined;
  }

  /**
   * The text for key with {name} placeholders filled in; the key itself when no file has it. A text may be
   * plural forms ({"one": ..., "other": ...}, see i18n/README.md): the form is the one Intl.PluralRules picks,
   * in the language of the file the text came from, for the count (vars.n, else vars.count, else the first
   * number among vars).
   */
  t(key, vars = {}) {
    let text;
    let tag = this.tag;
    for (let i = 0; i < this.files.length; i++) {
      if (this.files[i][key] !== undefined) {
        text = this.files[i][key];
        tag = this.chain[i] || this.tag;
        break;
      }
    }
    if (text && typeof text === 'object' && !Array.isArray(text)) text = pluralForm(text, tag, vars);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] !== undefined ? String(vars[name]) : m));
  }

  /** A localised text map from the office config ({"zh-TW": ..., "en": ...}) in this language. */
  pick(texts) {
    if (!texts) return '';
    for (const tag of this.chain) {
      if (texts[tag]) return texts[tag];
    }
    return texts[DEFAULT_LANG] || Object.values(texts)[0] || '';
  }

  /** The language's own speech settings, if it has any (see the board). */
  get speech() {
    const own = this.files[0] && this.files[0].speech;
    return own || null;
  }
}

/** Fills every element under root that has data-i18n="key" (its text) or data-i18n-attr="attr:key ...". */
export function applyTexts(root, lang, vars = {}) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = lang.t(el.dataset.i18n, vars);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(/\s+/)) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr, lang.t(key, vars));
    }
  }
  if (root === document || root === document.documentElement) {
    document.documentElement.lang = lang.tag;
  }
}

/**
 * A service's name without its trailing parenthesised examples ("戶籍登記（出生、結婚…）" -> "戶籍登記"), for
 * screens where the hint or the room is short; the full name stays for the ticket itself.
 */
export function shortName(name) {
  const short = String(name || '').replace(/\s*[（(][^）)]*[）)]\s*$/, '');
  return short || name;
}

/** Hours and minutes of an instant in the office's time zone, 24-hour clock (08:05). */
export function timeOfDay(lang, timeZone, date = new Date()) {
  return new Intl.DateTimeFormat(lang.tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(date);
}

/** A day and time in the office's time zone, for "we open again on ...". */
export function dayAndTime(lang, timeZone, date) {
  return new Intl.DateTimeFormat(lang.tag, {
    timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date);
}

/**
 * Fills a nav element with one button per language (its own name, marked pressed when current);
 * pressing one calls onPick with its tag.
 */
export function renderLanguageSwitch(nav, offered, current, onPick) {
  nav.innerHTML = '';
  for (const l of offered) {
    const b = document.createElement('button');
    b.type = 'button';
    b.lang = l.tag;
    b.dataset.lang = l.tag;
    b.textContent = l.name;
    b.setAttribute('aria-pressed', String(l.tag === current));
    b.addEventListener('click', () => onPick(l.tag));
    nav.append(b);
  }
}
