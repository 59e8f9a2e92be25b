// The staffing planner on /manager's Live tab (GET /api/plan): pick a day (the next office day to begin with)
// and see, hour by hour, the citizens forecast per service, the counters to open and the simulated share called
// within the target wait. Self-contained: mountPlan(section, managerApi) with manager.js's managerApi.
import { applyTexts, shortName } from './i18n.js';
import { errorText } from './page.js';

const PLAN_HTML = `
  <h2 id="plan-title" data-i18n="plan.title"></h2>
  <p class="hint" data-i18n="plan.intro"></p>
  <form id="plan-form">
    <label for="plan-date" data-i18n="plan.date"></label>
    <input id="plan-date" type="date" required>
    <button type="submit" data-i18n="plan.show"></button>
  </form>
  <p id="plan-status" role="status"></p>
  <div id="plan-table-box"></div>
  <p id="plan-summary"></p>
  <p class="hint" id="plan-method"></p>`;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** YYYY-MM-DD of a moment in the office's time zone. */
function isoDay(date, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date);
}

/** The first day after today on which the office has hours. */
function nextOfficeDay(office) {
  const today = isoDay(new Date(), office.timezone);
  const d = new Date(today + 'T12:00:00Z');
  for (let i = 1; i <= 7; i++) {
    const next = new Date(d.getTime() + i * 86400000);
    const hours = (office.hours || {})[WEEKDAYS[next.getUTCDay()]];
    if (!office.hours || (hours && hours.length)) return next.toISOString().slice(0, 10);
  }
  return new Date(d.getTime() + 86400000).toISOString().slice(0, 10);
}

const percent = (v) => (v === null || v === undefined ? '–' : (100 * v).toFixed(0) + '%');

/** Counter numbers 1,2,3,5 as "1–3, 5". */
function ranges(numbers) {
  const out = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(j > i ? numbers[i] + '–' + numbers[j] : String(numbers[i]));
    i = j;
  }
  return out.join(', ');
}

export function mountPlan(section, api) {
  section.innerHTML = PLAN_HTML;
  section.setAttribute('aria-labelledby', 'plan-title');
  const $ = (id) => section.querySelector('#' + id);
  const office = api.office;
  const state = { plan: null, generation: 0 };
  $('plan-date').value = nextOfficeDay(office);
  applyTexts(section, api.lang());

  async function load() {
    const L = api.lang();
    const generation = ++state.generation;
    const date = $('plan-date').value;
    $('plan-status').className = '';
    $('plan-status').textContent = L.t('plan.loading');
    try {
      const plan = await api('/api/plan?date=' + encodeURIComponent(date));
      if (generation !== state.generation) return;
      state.plan = plan;
      $('plan-status').textContent = '';
      render();
    } catch (e) {
      if (generation !== state.generation) return;
      state.plan = null;
      render();
      $('plan-status').className = 'notice error';
      $('plan-status').textContent = errorText(L, e);
    }
  }

  function render() {
    const L = api.lang();
    const plan = state.plan;
    const box = $('plan-table-box');
    box.innerHTML = '';
    $('plan-summary').textContent = '';
    $('plan-method').textContent = '';
    if (!plan) return;
    if (plan.closed) {
      $('plan-summary').textContent = L.t('plan.closed', { date: plan.date });
      return;
    }
    const services = office.services.map((s) => s.id)
      .filter((id) => plan.hours.some((h) => h.arrivals[id] !== undefined));
    const name = (id) => {
      const s = office.services.find((x) => x.id === id);
      return s ? shortName(L.pick(s.names)) : id;
    };
    const table = document.createElement('table');
    table.className = 'lobby-table plan-table';
    const caption = document.createElement('caption');
    caption.textContent = L.t('plan.caption', { date: plan.date });
    table.append(caption);
    const head = document.createElement('tr');
    const headings = [L.t('plan.col.hour'), ...services.map(name), L.t('plan.col.total'), L.t('plan.col.counters'),
      L.t('plan.col.within', { minutes: Math.round(plan.targetWaitSeconds / 60) }), L.t('plan.col.open')];
    for (const text of headings) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const body = document.createElement('tbody');
    for (const h of plan.hours) {
      const tr = document.createElement('tr');
      tr.dataset.hour = h.hour;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = h.from + '–' + h.to;
      tr.append(th);
      const cells = [...services.map((id) => (h.arrivals[id] === undefined ? '0' : h.arrivals[id].toFixed(1))),
        h.totalArrivals.toFixed(1), String(h.counters),
        percent(h.withinTarget) + (h.meetsTarget ? '' : ' ' + L.t('plan.missed')), ranges(h.open)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === services.length + 1) td.className = 'plan-counters num';
        tr.append(td);
      });
      body.append(tr);
    }
    table.append(thead, body);
    box.append(table);
    $('plan-summary').textContent = L.t('plan.summary', {
      counterHours: plan.counterHours, within: percent(plan.dayWithinTarget),
      minutes: Math.round(plan.targetWaitSeconds / 60), target: percent(plan.targetShare),
    });
    const f = plan.forecast || {};
    $('plan-method').textContent = f.basis === 'none' ? L.t('plan.noHistory')
      : L.t('plan.method', {
        days: (f.daysUsed || []).length, weeks: plan.method.weeks, halfLife: plan.method.halfLifeWeeks,
        skipped: (f.daysSkipped || []).length, seeds: plan.method.seeds,
      });
  }

  $('plan-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  section.addEventListener('manager:lang', () => {
    applyTexts(section, api.lang());
    render();
  });
  load();
  return { reload: load };
}
