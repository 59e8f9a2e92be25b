// The manager's History and Evaluation tabs. manager.js mounts each once, the first time its tab is shown, with
// `api` (see managerApi there): api(path) -> JSON with the manager's token and the page's language,
// api.raw(path) -> the fetch Response (downloads), api.lang() -> the page's Language, api.office. A change of
// language redoes every data-i18n text and sends the panel a 'manager:lang' event; the rest is drawn here again.
//
// History: a range of office days (today, this week, this month, custom) -> GET /api/stats/summary by service,
// counter, clerk, hour and weekday-hour, as tables (seconds shown as minutes) and charts (Apache ECharts, vendored
// under /static/vendor/echarts/, loaded the first time the tab is shown): a weekday x hour heat map of waits, the
// distribution of waits or service times (GET /api/stats/histogram), counters side by side, and one day's queue
// length (GET /api/stats/queue-length). Every chart has a text summary as its accessible name and tells its series
// apart by pattern or line style as well as colour.
//
// Evaluation: GET /api/reports/monthly for a month, ranked by the figure the manager picks, downloads of its CSV
// and workbook (fetched with the token, saved through a Blob link) and a print stylesheet (history.css) that
// prints the report alone on A4.
import { element } from './hub.js';
import { applyTexts, shortName } from './i18n.js';
import { errorText } from './page.js';

const ECHARTS = '/static/vendor/echarts/echarts.esm.min.mjs';
const VIEWS = ['service', 'counter', 'clerk', 'hour'];
/** Colours that stay apart for colour-blind readers (Okabe and Ito), darkened where they sit on white. */
const PALETTE = ['#0a4a8f', '#b35900', '#0b6b35', '#8e3a80', '#2f6f9f', '#a4161a', '#5b4b00'];
const LINE_TYPES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [12, 4], [2, 6]];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'roundRect'];
const INK = '#111a24';
const DAY_MS = 86400000;

let chartsLib = null;
/** ECharts, loaded once, when the first chart needs it. */
function charts() {
  if (!chartsLib) chartsLib = import(ECHARTS);
  return chartsLib;
}

// ---------------------------------------------------------------------------------------------------------------
// Formats: one set per language, from Intl.

function formats(L) {
  const one = new Intl.NumberFormat(L.tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const minUnit = new Intl.NumberFormat(L.tag, {
    style: 'unit', unit: 'minute', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1,
  });
  const pct = new Intl.NumberFormat(L.tag, { style: 'percent', maximumFractionDigits: 0 });
  const int = new Intl.NumberFormat(L.tag, { maximumFractionDigits: 0 });
  const none = '–';
  return {
    none,
    /** Seconds as minutes, one decimal, no unit (the column says it). */
    minutes: (s) => (s === null || s === undefined ? none : one.format(s / 60)),
    /** Seconds as minutes with the unit, for sentences and tooltips. */
    minutesUnit: (s) => (s === null || s === undefined ? none : minUnit.format(s / 60)),
    share: (x) => (x === null || x === undefined ? none : pct.format(x)),
    int: (n) => (n === null || n === undefined ? none : int.format(n)),
    weekday: (wd) => new Intl.DateTimeFormat(L.tag, { weekday: 'short', timeZone: 'UTC' })
      .format(new Date(Date.UTC(2024, 0, wd))), // 1 January 2024 was a Monday
    date: (iso) => new Intl.DateTimeFormat(L.tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(utc(iso)),
    range: (from, to) => new Intl.DateTimeFormat(L.tag, { dateStyle: 'medium', timeZone: 'UTC' })
      .formatRange(utc(from), utc(to)),
    month: (ym) => new Intl.DateTimeFormat(L.tag, { year: 'numeric', month: 'long', timeZone: 'UTC' })
      .format(utc(ym + '-01')),
    hour: (h) => String(h).padStart(2, '0') + ':00',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Office days: ISO dates (YYYY-MM-DD) in the office's time zone.

function utc(iso) {
  return new Date(iso + 'T00:00:00Z');
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

/** Today in the office's time zone. */
function today(timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

/** The range of a preset: today, this week (from Monday), this month; each up to today. */
function presetRange(preset, timeZone) {
  const t = today(timeZone);
  const d = utc(t);
  if (preset === 'week') return { from: iso(new Date(d - ((d.getUTCDay() + 6) % 7) * DAY_MS)), to: t };
  if (preset === 'month') return { from: t.slice(0, 8) + '01', to: t };
  return { from: t, to: t };
}

function previousMonth(timeZone) {
  const [y, m] = today(timeZone).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces.

/** The display name of a group key in a view. */
function groupName(view, key, L, office) {
  if (view === 'service') {
    const s = (office.services || []).find((x) => x.id === key);
    return s ? shortName(L.pick(s.names)) : key;
  }
  if (view === 'counter') return L.t('history.counterName', { n: key });
  if (view === 'hour') return L.t('history.hourRange', { from: formats(L).hour(+key), to: formats(L).hour(+key + 1) });
  return key;
}

/**
 * Fills a table: columns [{head: text key, cell: (row) -> text, th?: the row's header, col?: data-col, cls?,
 * sort?: its aria-sort}], one row per item (data-key its key), or one "none" row.
 */
function fillTable(table, columns, rows, L, { empty } = {}) {
  table.innerHTML = '';
  const head = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const c of columns) {
    const th = element('th', c.cls || '', typeof c.head === 'function' ? c.head() : L.t(c.head));
    th.scope = 'col';
    if (c.sort) th.setAttribute('aria-sort', c.sort);
    hr.append(th);
  }
  head.append(hr);
  const body = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    if (r.key !== undefined) tr.dataset.key = r.key;
    for (const c of columns) {
      const cell = element(c.th ? 'th' : 'td', c.cls || '', c.cell(r));
      if (c.th) cell.scope = 'row';
      if (c.col) cell.dataset.col = c.col;
      tr.append(cell);
    }
    body.append(tr);
  }
  if (!rows.length && empty) {
    const tr = document.createElement('tr');
    const td = element('td', 'table-empty', empty);
    td.colSpan = columns.length;
    tr.append(td);
    body.append(tr);
  }
  table.append(head, body);
}

function satisfactionCell(L, f, satisfied, rated) {
  if (!rated) return f.none;
  return L.t('history.satisfaction.cell', { share: f.share(satisfied / rated), rated: f.int(rated) });
}

function ratedOf(r) {
  return r.satisfied + r.neutral + r.dissatisfied;
}

/**
 * A status line: show(text or (Language) -> text, kind?) where kind is 'error' or 'ok'; a text made from the
 * bundles is made again in the new language by redraw(). (The hub's own messages stay in the language asked.)
 */
function statusLine(el, api, baseClass) {
  let last = { make: '', kind: null };
  const render = () => {
    el.textContent = typeof last.make === 'function' ? last.make(api.lang()) : last.make;
    el.className = [baseClass, last.kind ? 'notice ' + last.kind : ''].filter(Boolean).join(' ');
  };
  const show = (make, kind = null) => {
    last = { make, kind };
    render();
  };
  show.redraw = render;
  return show;
}

/** A chart on a div: made once, resized with its box, its accessible name the given summary. */
class Chart {
  constructor(box) {
    this.box = box;
    this.chart = null;
  }

  /** Draws the option; {decals: false} for a chart whose marks carry their value as text (the heat map). */
  async draw(option, summary, { decals = true } = {}) {
    const ec = await charts();
    if (!this.chart) {
      this.chart = ec.init(this.box, null, { renderer: 'canvas' });
      new ResizeObserver(() => this.chart && this.chart.resize()).observe(this.box);
    }
    const font = getComputedStyle(document.documentElement).fontFamily;
    this.chart.setOption({
      animation: false,
      textStyle: { fontFamily: font, color: INK, fontSize: 13 },
      color: PALETTE,
      aria: { enabled: true, label: { enabled: true, description: summary }, decal: { show: decals } },
      ...option,
    }, { notMerge: true });
    // ECharts writes the description as the box's aria-label; kept here too for a chart drawn before it does.
    // An image only once it has its name: a chart still loading is an empty box, not a nameless image.
    this.box.setAttribute('aria-label', summary);
    this.box.setAttribute('role', 'img');
    this.box.hidden = false;
  }

  /** No chart: the box hidden, the note (a sentence everyone reads) shown instead. */
  clear() {
    if (this.chart) this.chart.clear();
    this.box.hidden = true;
  }
}

/** Axis and grid settings shared by the bar and line charts. */
function axes(L, xName, yName, categories, extra = {}) {
  return {
    grid: { left: 56, right: 24, top: 48, bottom: 56, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 32,
      axisLabel: { color: INK }, axisLine: { lineStyle: { color: INK } }, ...extra.x,
    },
    yAxis: {
      type: 'value', name: yName, nameTextStyle: { color: INK, align: 'left' },
      axisLabel: { color: INK }, splitLine: { lineStyle: { color: '#c9d1d9' } }, ...extra.y,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// History.

const HISTORY_HTML = `
  <section class="history-head" aria-labelledby="history-title">
    <h2 id="history-title" data-i18n="history.title"></h2>
    <form id="history-range" class="range-form" novalidate>
      <fieldset class="presets">
        <legend data-i18n="history.range.label"></legend>
        <label><input type="radio" name="preset" value="today"> <span data-i18n="history.range.today"></span></label>
        <label><input type="radio" name="preset" value="week"> <span data-i18n="history.range.week"></span></label>
        <label><input type="radio" name="preset" value="month"> <span data-i18n="history.range.month"></span></label>
        <label><input type="radio" name="preset" value="custom"> <span data-i18n="history.range.custom"></span></label>
      </fieldset>
      <span class="range-dates">
        <label for="history-from" data-i18n="history.range.from"></label>
        <input type="date" id="history-from" required>
        <label for="history-to" data-i18n="history.range.to"></label>
        <input type="date" id="history-to" required>
        <button type="submit" id="history-show" data-i18n="history.range.show"></button>
      </span>
    </form>
    <p id="history-status" class="history-status" role="status"></p>
  </section>
  <div class="history-charts">
    <figure class="chart-card" aria-labelledby="heatmap-title">
      <figcaption>
        <h3 id="heatmap-title" data-i18n="history.heatmap.title"></h3>
        <p class="chart-note" data-i18n="history.heatmap.note"></p>
      </figcaption>
      <div class="chart" id="chart-heatmap"></div>
      <p class="chart-empty" id="chart-heatmap-empty" hidden></p>
    </figure>
    <figure class="chart-card" aria-labelledby="histogram-title">
      <figcaption>
        <h3 id="histogram-title" data-i18n="history.histogram.title"></h3>
        <div class="chart-controls">
          <label for="histogram-measure" data-i18n="history.histogram.measure"></label>
          <select id="histogram-measure">
            <option value="wait" data-i18n="history.histogram.wait"></option>
            <option value="service" data-i18n="history.histogram.service"></option>
          </select>
          <label for="histogram-service" data-i18n="history.histogram.serviceFilter"></label>
          <select id="histogram-service"></select>
        </div>
        <p class="chart-note" id="histogram-note"></p>
      </figcaption>
      <div class="chart" id="chart-histogram"></div>
      <p class="chart-empty" id="chart-histogram-empty" hidden></p>
    </figure>
    <figure class="chart-card" aria-labelledby="counters-title">
      <figcaption>
        <h3 id="counters-title" data-i18n="history.counters.title"></h3>
        <p class="chart-note" data-i18n="history.counters.note"></p>
      </figcaption>
      <div class="chart" id="chart-counters"></div>
      <p class="chart-empty" id="chart-counters-empty" hidden></p>
    </figure>
    <figure class="chart-card" aria-labelledby="queue-title">
      <figcaption>
        <h3 id="queue-title" data-i18n="history.queue.title"></h3>
        <div class="chart-controls">
          <label for="queue-date" data-i18n="history.queue.date"></label>
          <input type="date" id="queue-date">
        </div>
        <p class="chart-note" data-i18n="history.queue.note"></p>
      </figcaption>
      <div class="chart" id="chart-queue"></div>
      <p class="chart-empty" id="chart-queue-empty" hidden></p>
    </figure>
  </div>
  <section class="history-tables" aria-labelledby="tables-title">
    <h3 id="tables-title" data-i18n="history.tables.title"></h3>
    <p class="chart-note" id="tables-note"></p>
    <h4 id="table-service-title" data-i18n="history.view.service"></h4>
    <div class="table-scroll"><table class="stats-table" id="history-table-service" aria-labelledby="table-service-title"></table></div>
    <h4 id="table-counter-title" data-i18n="history.view.counter"></h4>
    <div class="table-scroll"><table class="stats-table" id="history-table-counter" aria-labelledby="table-counter-title"></table></div>
    <h4 id="table-clerk-title" data-i18n="history.view.clerk"></h4>
    <div class="table-scroll"><table class="stats-table" id="history-table-clerk" aria-labelledby="table-clerk-title"></table></div>
    <h4 id="table-hour-title" data-i18n="history.view.hour"></h4>
    <div class="table-scroll"><table class="stats-table" id="history-table-hour" aria-labelledby="table-hour-title"></table></div>
  </section>`;

/** The columns of a history table (rows of GET /api/stats/summary). */
function summaryColumns(view, L, office, target) {
  const f = formats(L);
  return [
    { head: 'history.col.' + view, th: true, col: 'key', cell: (r) => groupName(view, r.key, L, office) },
    { head: 'history.col.count', col: 'count', cell: (r) => f.int(r.count) },
    { head: 'history.col.waitMean', col: 'waitMean', cell: (r) => f.minutes(r.waitMean) },
    { head: 'history.col.waitP50', col: 'waitP50', cell: (r) => f.minutes(r.waitP50) },
    { head: 'history.col.waitP90', col: 'waitP90', cell: (r) => f.minutes(r.waitP90) },
    { head: 'history.col.waitMax', col: 'waitMax', cell: (r) => f.minutes(r.waitMax) },
    { head: () => L.t('history.col.withinTarget', { target: f.int(target / 60) }), col: 'withinTarget', cell: (r) => f.share(r.withinTarget) },
    { head: 'history.col.serviceMean', col: 'serviceMean', cell: (r) => f.minutes(r.serviceMean) },
    { head: 'history.col.noShows', col: 'noShows', cell: (r) => f.int(r.noShows) },
    { head: 'history.col.transfers', col: 'transfers', cell: (r) => f.int(r.transfers) },
    { head: 'history.col.satisfaction', col: 'satisfaction',
      cell: (r) => satisfactionCell(L, f, r.ratings.satisfied, ratedOf(r.ratings)) },
  ];
}

export function mountHistory(panel, api) {
  panel.classList.add('history-panel');
  panel.innerHTML = HISTORY_HTML;
  const $ = (id) => panel.querySelector('#' + id);
  const office = api.office;
  const tz = office.timezone;
  const state = {
    generation: 0, from: null, to: null, targetSeconds: 900,
    summary: {}, histogram: {}, queue: null, queueDate: null,
  };
  const chart = {
    heatmap: new Chart($('chart-heatmap')), histogram: new Chart($('chart-histogram')),
    counters: new Chart($('chart-counters')), queue: new Chart($('chart-queue')),
  };
  applyTexts(panel, api.lang());

  const form = $('history-range');
  const presets = [...form.querySelectorAll('input[name=preset]')];
  function usePreset(preset) {
    for (const p of presets) p.checked = p.value === preset;
    if (preset === 'custom') {
      $('history-from').focus();
      return;
    }
    const r = presetRange(preset, tz);
    $('history-from').value = r.from;
    $('history-to').value = r.to;
    load();
  }
  for (const p of presets) p.addEventListener('change', () => usePreset(p.value));
  for (const id of ['history-from', 'history-to']) {
    $(id).addEventListener('input', () => usePresetQuietly('custom'));
  }
  function usePresetQuietly(preset) {
    for (const p of presets) p.checked = p.value === preset;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('histogram-measure').addEventListener('change', () => loadHistogram(state.generation));
  $('histogram-service').addEventListener('change', () => drawHistogram());
  $('queue-date').addEventListener('change', () => loadQueue(state.generation));
  panel.addEventListener('manager:lang', () => {
    status.redraw();
    drawAll();
  });

  const status = statusLine($('history-status'), api, 'history-status');

  async function load() {
    const L = api.lang();
    const from = $('history-from').value;
    const to = $('history-to').value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
      status((l) => l.t('history.range.missing'), 'error');
      return;
    }
    const generation = ++state.generation;
    delete panel.dataset.loaded; // set again once this range is drawn (the tests wait on it)
    state.from = from;
    state.to = to;
    status((l) => l.t('history.loading'));
    const q = 'from=' + from + '&to=' + to;
    try {
      const views = [...VIEWS, 'weekday-hour'];
      const answers = await Promise.all(views.map((by) => api('/api/stats/summary?' + q + '&by=' + by)));
      if (generation !== state.generation) return;
      views.forEach((by, i) => { state.summary[by] = answers[i].rows; });
      state.targetSeconds = answers[0].targetSeconds;
    } catch (e) {
      if (generation !== state.generation) return;
      state.summary = {};
      drawAll();
      status(errorText(L, e), 'error');
      return;
    }
    if (!$('queue-date').value || $('queue-date').value < from || $('queue-date').value > to) $('queue-date').value = to;
    drawAll();
    const visits = state.summary.service.reduce((n, r) => n + r.count, 0);
    status((l) => l.t('history.status', { range: formats(l).range(from, to), visits: formats(l).int(visits) }));
    panel.dataset.loaded = from + '/' + to;
    loadHistogram(generation);
    loadQueue(generation);
  }

  /** An optional endpoint: its answer, or null when the hub has none (404) or answers an error (noted). */
  async function optional(path) {
    try {
      return { body: await api(path) };
    } catch (e) {
      return { error: e.status === 404 ? api.lang().t('history.chart.unavailable') : errorText(api.lang(), e) };
    }
  }

  async function loadHistogram(generation) {
    const measure = $('histogram-measure').value;
    const key = measure + ':' + state.from + '/' + state.to;
    if (!state.histogram[key]) {
      state.histogram[key] = await optional('/api/stats/histogram?from=' + state.from + '&to=' + state.to
        + '&measure=' + measure);
    }
    if (generation === state.generation) drawHistogram();
  }

  async function loadQueue(generation) {
    const date = $('queue-date').value;
    if (!date) return;
    const answer = await optional('/api/stats/queue-length?date=' + date);
    if (generation !== state.generation || date !== $('queue-date').value) return;
    state.queue = answer;
    state.queueDate = date;
    drawQueue();
  }

  function drawAll() {
    const L = api.lang();
    const f = formats(L);
    $('tables-note').textContent = L.t('history.tables.note', { target: f.int(state.targetSeconds / 60) });
    for (const view of VIEWS) {
      const rows = view === 'service' ? inOfficeOrder(state.summary.service || []) : state.summary[view] || [];
      fillTable($('history-table-' + view), summaryColumns(view, L, office, state.targetSeconds), rows, L, { empty: L.t('history.none') });
    }
    fillServiceFilter();
    drawHeatmap();
    drawCounters();
    drawHistogram();
    drawQueue();
  }

  /** Service rows in the order the office lists its services (the kiosk's order), others after. */
  function inOfficeOrder(rows) {
    const ids = (office.services || []).map((s) => s.id);
    const at = (r) => (ids.includes(r.key) ? ids.indexOf(r.key) : ids.length);
    return [...rows].sort((a, b) => at(a) - at(b));
  }

  function noChart(name, text) {
    chart[name].clear();
    const note = $('chart-' + name + '-empty');
    note.textContent = text;
    note.hidden = false;
  }

  function chartShown(name) {
    $('chart-' + name + '-empty').hidden = true;
  }

  function drawHeatmap() {
    const L = api.lang();
    const f = formats(L);
    const rows = (state.summary['weekday-hour'] || []).filter((r) => r.waitMean !== null);
    if (!rows.length) {
      noChart('heatmap', L.t('history.none'));
      return;
    }
    const hours = range(Math.min(...rows.map((r) => r.hour)), Math.max(...rows.map((r) => r.hour)));
    const days = range(1, Math.max(5, ...rows.map((r) => r.weekday)));
    const target = state.targetSeconds / 60;
    const data = rows.map((r) => [hours.indexOf(r.hour), days.indexOf(r.weekday), +(r.waitMean / 60).toFixed(1), r.count]);
    // The colours span this range's own waits (the ▲ marks those past the target), so differences show.
    const min = Math.min(...data.map((d) => d[2]));
    const max = Math.max(...data.map((d) => d[2]));
    const worst = rows.reduce((a, b) => (b.waitMean > a.waitMean ? b : a));
    const best = rows.reduce((a, b) => (b.waitMean < a.waitMean ? b : a));
    const over = rows.filter((r) => r.waitMean > state.targetSeconds).length;
    const at = (r) => L.t('history.heatmap.at', { day: f.weekday(r.weekday), hour: f.hour(r.hour) });
    const summary = L.t('history.heatmap.summary', {
      worst: at(worst), worstWait: f.minutesUnit(worst.waitMean), best: at(best),
      bestWait: f.minutesUnit(best.waitMean), over: f.int(over), target: f.int(target),
    });
    chartShown('heatmap');
    chart.heatmap.draw({
      grid: { left: 56, right: 24, top: 16, bottom: 88, containLabel: true },
      tooltip: {
        formatter: (p) => L.t('history.heatmap.tooltip', {
          at: L.t('history.heatmap.at', { day: f.weekday(days[p.value[1]]), hour: f.hour(hours[p.value[0]]) }),
          wait: f.minutesUnit(p.value[2] * 60), visits: f.int(p.value[3]),
        }),
      },
      xAxis: { type: 'category', data: hours.map(f.hour), name: L.t('history.axis.hour'), nameLocation: 'middle',
        nameGap: 28, axisLabel: { color: INK }, splitArea: { show: true } },
      yAxis: { type: 'category', data: days.map(f.weekday), inverse: true, axisLabel: { color: INK },
        splitArea: { show: true } },
      visualMap: {
        dimension: 2, min: Math.floor(min), max: Math.max(Math.ceil(max), Math.floor(min) + 1), calculable: false, orient: 'horizontal', left: 'center', bottom: 4,
        text: [L.t('history.heatmap.long'), L.t('history.heatmap.short')], textStyle: { color: INK },
        inRange: { color: ['#f7fbff', '#9ecae1', '#4292c6', '#08519c', '#08306b'] },
      },
      series: [{
        type: 'heatmap', data,
        label: {
          show: true, color: INK, textBorderColor: '#fff', textBorderWidth: 3, fontWeight: 700,
          formatter: (p) => f.minutes(p.value[2] * 60) + (p.value[2] > target ? ' ▲' : ''),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      }],
    }, summary, { decals: false });
  }

  function drawCounters() {
    const L = api.lang();
    const f = formats(L);
    const rows = (state.summary.counter || []).filter((r) => r.waitMean !== null || r.serviceMean !== null);
    if (!rows.length) {
      noChart('counters', L.t('history.none'));
      return;
    }
    const withWait = rows.filter((r) => r.waitMean !== null);
    const withService = rows.filter((r) => r.serviceMean !== null);
    const worst = withWait.reduce((a, b) => (b.waitMean > a.waitMean ? b : a), withWait[0]);
    const best = withWait.reduce((a, b) => (b.waitMean < a.waitMean ? b : a), withWait[0]);
    const slow = withService.reduce((a, b) => (b.serviceMean > a.serviceMean ? b : a), withService[0]);
    const name = (r) => (r ? groupName('counter', r.key, L, office) : f.none);
    const summary = L.t('history.counters.summary', {
      counters: f.int(rows.length), worst: name(worst), worstWait: f.minutesUnit(worst && worst.waitMean),
      best: name(best), bestWait: f.minutesUnit(best && best.waitMean), slow: name(slow),
      slowService: f.minutesUnit(slow && slow.serviceMean),
    });
    const min = (s) => (s === null ? null : +(s / 60).toFixed(1));
    chartShown('counters');
    chart.counters.draw({
      // The axis reaches past the target, so that its line is always there to compare with.
      ...axes(L, L.t('history.axis.counter'), L.t('history.axis.minutes'), rows.map((r) => r.key), {
        y: { max: (v) => Math.ceil((Math.max(v.max, state.targetSeconds / 60) + 1) / 5) * 5 },
      }),
      legend: { top: 0, textStyle: { color: INK } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => f.minutesUnit(v === null ? null : v * 60) },
      series: [
        { type: 'bar', name: L.t('history.series.waitMean'), data: rows.map((r) => min(r.waitMean)),
          markLine: { symbol: 'none', silent: true, lineStyle: { color: INK, type: 'dashed', width: 2 },
            label: { formatter: L.t('history.target', { target: f.int(state.targetSeconds / 60) }), color: INK,
              position: 'insideEndTop' },
            data: [{ yAxis: state.targetSeconds / 60 }] } },
        { type: 'bar', name: L.t('history.series.serviceMean'), data: rows.map((r) => min(r.serviceMean)) },
      ],
    }, summary);
  }

  function fillServiceFilter() {
    const L = api.lang();
    const select = $('histogram-service');
    const value = select.value;
    select.innerHTML = '';
    select.append(new Option(L.t('history.histogram.allServices'), ''));
    for (const s of office.services || []) select.append(new Option(shortName(L.pick(s.names)), s.id));
    select.value = value;
  }

  function drawHistogram() {
    const L = api.lang();
    const f = formats(L);
    const measure = $('histogram-measure').value;
    const answer = state.histogram[measure + ':' + state.from + '/' + state.to];
    $('histogram-note').textContent = measure === 'wait'
      ? L.t('history.histogram.noteWait', { target: f.int(state.targetSeconds / 60) })
      : L.t('history.histogram.noteService');
    if (!answer) return;
    if (answer.error) {
      noChart('histogram', answer.error);
      return;
    }
    const service = $('histogram-service').value;
    const rows = (answer.body.rows || []).filter((r) => !service || r.key === service);
    const bucket = answer.body.bucketSeconds || 60;
    const len = Math.max(0, ...rows.map((r) => r.counts.length));
    const counts = new Array(len).fill(0);
    let over = 0;
    for (const r of rows) {
      r.counts.forEach((n, i) => { counts[i] += n; });
      over += r.over || 0;
    }
    const total = counts.reduce((a, b) => a + b, 0) + over;
    if (!total) {
      noChart('histogram', L.t('history.none'));
      return;
    }
    const step = bucket / 60;
    const labels = counts.map((_, i) => f.int(i * step));
    labels.push(L.t('history.histogram.over', { minutes: f.int(len * step) }));
    const all = [...counts, over];
    const targetBucket = measure === 'wait' ? Math.ceil(state.targetSeconds / bucket) : Infinity;
    const within = counts.slice(0, Math.min(len, targetBucket)).reduce((a, b) => a + b, 0);
    const mode = all.indexOf(Math.max(...all));
    const modeText = mode < len ? L.t('history.histogram.bucket', { from: f.int(mode * step), to: f.int((mode + 1) * step) })
      : labels[len];
    const summary = L.t(measure === 'wait' ? 'history.histogram.summaryWait' : 'history.histogram.summaryService', {
      visits: f.int(total), within: f.share(within / total), target: f.int(state.targetSeconds / 60), mode: modeText,
    });
    // Past the target: another colour and a hatch, so it reads without colour too.
    const late = { color: PALETTE[1], decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4,
      color: 'rgba(255, 255, 255, 0.7)' } };
    const onTime = { color: PALETTE[0], decal: { symbol: 'none' } };
    chartShown('histogram');
    chart.histogram.draw({
      ...axes(L, L.t(measure === 'wait' ? 'history.axis.waitMinutes' : 'history.axis.serviceMinutes'),
        L.t('history.axis.visits'), labels),
      tooltip: { trigger: 'axis', valueFormatter: (v) => f.int(v) },
      series: [{
        type: 'bar', name: L.t('history.axis.visits'), barCategoryGap: '10%',
        data: all.map((n, i) => ({ value: n, itemStyle: i >= targetBucket ? late : onTime })),
      }],
    }, summary);
  }

  function drawQueue() {
    const L = api.lang();
    const f = formats(L);
    const answer = state.queue;
    if (!answer) return;
    if (answer.error) {
      noChart('queue', answer.error);
      return;
    }
    const points = answer.body.points || [];
    if (!points.length || points.every((p) => !p.total)) {
      noChart('queue', L.t('history.queue.empty', { date: f.date(state.queueDate) }));
      return;
    }
    const services = (office.services || []).filter((s) => points.some((p) => p.byService && p.byService[s.id]));
    const peak = points.reduce((a, b) => (b.total > a.total ? b : a));
    const summary = L.t('history.queue.summary', { date: f.date(state.queueDate), peak: f.int(peak.total), at: peak.at });
    const series = [{
      type: 'line', name: L.t('history.queue.total'), data: points.map((p) => p.total), color: INK,
      lineStyle: { width: 3 }, symbol: 'none',
    }];
    services.forEach((s, i) => series.push({
      type: 'line', name: shortName(L.pick(s.names)), data: points.map((p) => (p.byService && p.byService[s.id]) || 0),
      color: PALETTE[i % PALETTE.length], symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 6, showAllSymbol: false,
      lineStyle: { width: 1.5, type: LINE_TYPES[i % LINE_TYPES.length] },
    }));
    // The total and the three services with the longest queues are drawn; the legend turns the others on.
    const peakOf = (s) => Math.max(...points.map((p) => (p.byService && p.byService[s.id]) || 0));
    const shown = new Set([...services].sort((a, b) => peakOf(b) - peakOf(a)).slice(0, 3).map((s) => s.id));
    const selected = {};
    services.forEach((s) => { selected[shortName(L.pick(s.names))] = shown.has(s.id); });
    chartShown('queue');
    chart.queue.draw({
      ...axes(L, L.t('history.axis.time'), L.t('history.axis.waiting'), points.map((p) => p.at)),
      legend: { top: 0, type: 'scroll', textStyle: { color: INK }, selected },
      grid: { left: 56, right: 24, top: 72, bottom: 56, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => f.int(v) },
      series,
    }, summary);
  }

  usePreset('month');
}

function range(a, b) {
  const out = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Monthly counter evaluation.

const EVALUATION_HTML = `
  <section class="evaluation-head no-print" aria-labelledby="evaluation-title">
    <h2 id="evaluation-title" data-i18n="evaluation.title"></h2>
    <form id="evaluation-form" class="range-form" novalidate>
      <label for="evaluation-month" data-i18n="evaluation.month"></label>
      <input type="month" id="evaluation-month" required pattern="[0-9]{4}-[0-9]{2}" placeholder="YYYY-MM">
      <label for="evaluation-rank" data-i18n="evaluation.rankBy"></label>
      <select id="evaluation-rank">
        <option value="served" data-i18n="evaluation.rank.served"></option>
        <option value="serviceMean" data-i18n="evaluation.rank.serviceMean"></option>
        <option value="waitMean" data-i18n="evaluation.rank.waitMean"></option>
        <option value="waitP90" data-i18n="evaluation.rank.waitP90"></option>
        <option value="noShowRate" data-i18n="evaluation.rank.noShowRate"></option>
        <option value="withinTarget" data-i18n="evaluation.rank.withinTarget"></option>
        <option value="satisfiedShare" data-i18n="evaluation.rank.satisfiedShare"></option>
      </select>
      <button type="submit" id="evaluation-show" data-i18n="evaluation.show"></button>
    </form>
    <div class="evaluation-actions">
      <button type="button" class="secondary" id="evaluation-csv" data-i18n="evaluation.download.csv"></button>
      <button type="button" class="secondary" id="evaluation-xlsx" data-i18n="evaluation.download.xlsx"></button>
      <button type="button" class="secondary" id="evaluation-print" data-i18n="evaluation.print"></button>
    </div>
    <p id="evaluation-status" role="status"></p>
  </section>
  <article id="evaluation-report" class="evaluation-report" aria-labelledby="evaluation-report-title" hidden>
    <header>
      <h3 id="evaluation-report-title"></h3>
      <p id="evaluation-report-notes" class="report-notes"></p>
    </header>
    <h4 id="evaluation-counters-title" data-i18n="evaluation.view.counters"></h4>
    <table class="stats-table report-table" id="evaluation-counters" aria-labelledby="evaluation-counters-title"></table>
    <h4 id="evaluation-clerks-title" data-i18n="evaluation.view.clerks"></h4>
    <table class="stats-table report-table" id="evaluation-clerks" aria-labelledby="evaluation-clerks-title"></table>
  </article>`;

/** How each figure ranks: higher is better, or lower is. Missing figures go last. */
const RANKINGS = {
  served: -1, serviceMean: 1, waitMean: 1, waitP90: 1, noShowRate: 1, withinTarget: -1, satisfiedShare: -1,
};

/** The lines in the order of the chosen figure, ties sharing a rank (1, 2, 2, 4) as the hub ranks by served. */
function ranked(lines, by) {
  if (by === 'served') return lines.map((l) => ({ ...l, place: l.rank }));
  const dir = RANKINGS[by];
  const sorted = [...lines].sort((a, b) => {
    if (a[by] === null && b[by] === null) return a.rank - b.rank;
    if (a[by] === null) return 1;
    if (b[by] === null) return -1;
    return dir * (a[by] - b[by]) || a.rank - b.rank;
  });
  const out = [];
  sorted.forEach((l, i) => {
    const tie = i > 0 && l[by] !== null && l[by] === sorted[i - 1][by];
    out.push({ ...l, place: l[by] === null ? null : tie ? out[i - 1].place : i + 1 });
  });
  return out;
}

function evaluationColumns(view, by, L, office, report) {
  const f = formats(L);
  const sort = (key) => (key === by ? (RANKINGS[key] < 0 ? 'descending' : 'ascending') : undefined);
  return [
    { head: 'evaluation.col.rank', col: 'rank', cls: 'rank', cell: (l) => (l.place === null ? f.none : f.int(l.place)) },
    { head: 'evaluation.col.' + view, th: true, col: 'key', cell: (l) => groupName(view === 'counters' ? 'counter' : 'clerk', l.key, L, office) },
    { head: 'evaluation.col.served', col: 'served', sort: sort('served'), cell: (l) => f.int(l.served) },
    { head: 'evaluation.col.serviceMean', col: 'serviceMean', sort: sort('serviceMean'), cell: (l) => f.minutes(l.serviceMean) },
    { head: 'evaluation.col.waitMean', col: 'waitMean', sort: sort('waitMean'), cell: (l) => f.minutes(l.waitMean) },
    { head: 'evaluation.col.waitP90', col: 'waitP90', sort: sort('waitP90'), cell: (l) => f.minutes(l.waitP90) },
    { head: 'evaluation.col.noShowRate', col: 'noShowRate', sort: sort('noShowRate'),
      cell: (l) => (l.noShowRate === null ? f.none
        : L.t('evaluation.noShowCell', { rate: f.share(l.noShowRate), n: f.int(l.noShows) })) },
    { head: () => L.t('evaluation.col.withinTarget', { target: f.int(report.targetSeconds / 60) }), col: 'withinTarget', sort: sort('withinTarget'), cell: (l) => f.share(l.withinTarget) },
    { head: 'evaluation.col.satisfaction', col: 'satisfaction', sort: sort('satisfiedShare'),
      cell: (l) => satisfactionCell(L, f, l.satisfied, l.rated) },
    { head: () => L.t('evaluation.col.suspicious', { below: f.int(report.suspiciousBelowSeconds) }), col: 'suspicious', cell: (l) => f.int(l.suspicious) },
  ];
}

export function mountEvaluation(panel, api) {
  panel.classList.add('evaluation-panel');
  panel.innerHTML = EVALUATION_HTML;
  const $ = (id) => panel.querySelector('#' + id);
  const office = api.office;
  const state = { month: null, report: null, generation: 0 };
  applyTexts(panel, api.lang());
  $('evaluation-month').value = previousMonth(office.timezone);

  $('evaluation-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('evaluation-rank').addEventListener('change', () => draw());
  $('evaluation-csv').addEventListener('click', () => download('csv'));
  $('evaluation-xlsx').addEventListener('click', () => download('xlsx'));
  $('evaluation-print').addEventListener('click', () => window.print());
  panel.addEventListener('manager:lang', () => {
    status.redraw();
    draw();
  });

  const status = statusLine($('evaluation-status'), api, '');

  function month() {
    const m = $('evaluation-month').value.trim();
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
  }

  async function load() {
    const L = api.lang();
    const m = month();
    if (!m) {
      status((l) => l.t('evaluation.monthMissing'), 'error');
      return;
    }
    const generation = ++state.generation;
    delete panel.dataset.loaded;
    status((l) => l.t('history.loading'));
    try {
      const report = await api('/api/reports/monthly?month=' + m);
      if (generation !== state.generation) return;
      state.month = m;
      state.report = report;
    } catch (e) {
      if (generation !== state.generation) return;
      status(errorText(L, e), 'error');
      return;
    }
    status('');
    draw();
    panel.dataset.loaded = m;
  }

  function draw() {
    const r = state.report;
    if (!r) return;
    const L = api.lang();
    const f = formats(L);
    const by = $('evaluation-rank').value;
    const suspicious = r.counters.reduce((n, l) => n + l.suspicious, 0);
    const served = r.counters.reduce((n, l) => n + l.served, 0);
    $('evaluation-report-title').textContent = L.t('evaluation.report.title', {
      office: L.pick(office.name), month: f.month(r.month),
    });
    $('evaluation-report-notes').textContent = L.t('evaluation.report.notes', {
      served: f.int(served), target: f.int(r.targetSeconds / 60), below: f.int(r.suspiciousBelowSeconds),
      suspicious: f.int(suspicious), rankBy: L.t($('evaluation-rank').selectedOptions[0].dataset.i18n),
    });
    for (const view of ['counters', 'clerks']) {
      fillTable($('evaluation-' + view), evaluationColumns(view, by, L, office, r), ranked(r[view], by), L, {
        empty: L.t('evaluation.none'),
      });
    }
    $('evaluation-report').hidden = false;
  }

  /** The report as a file: fetched with the manager's token (a plain link cannot carry it), saved through a Blob. */
  async function download(format) {
    const L = api.lang();
    const m = month();
    if (!m) {
      status((l) => l.t('evaluation.monthMissing'), 'error');
      return;
    }
    status((l) => l.t('evaluation.downloading'));
    let res;
    try {
      res = await api.raw('/api/reports/monthly?month=' + m + '&format=' + format);
    } catch (e) {
      status((l) => errorText(l, e), 'error');
      return;
    }
    if (!res.ok) {
      let body = null;
      try {
        body = await res.json();
      } catch (e) {
        // not JSON: the text for its status
      }
      status(errorText(L, { status: res.status, code: body && body.error, body }), 'error');
      return;
    }
    const disposition = res.headers.get('Content-Disposition') || '';
    const named = /filename="?([^";]+)"?/.exec(disposition);
    const file = named ? named[1] : 'counter-evaluation-' + m + '.' + format;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status((l) => l.t('evaluation.downloaded', { file }), 'ok');
  }

  load();
}
