// The manager's Live tab: waiting and predicted wait per service against the target, alerts when a service's
// prediction passes it, the hub's staffing hint as a banner (staffing.hint events), every counter with its
// clerk, state, number and time at the counter (ticking) and the manager's open / pause / close, and the office
// day. Fed by manager.js: snapshot(GET /api/queue) after every burst of events, event(type, data) for each one.
import { element, minutes } from './hub.js';
import { shortName, timeOfDay } from './i18n.js';
import { errorText } from './page.js';

const $ = (id) => document.getElementById(id);

export class LivePanel {
  /** @param api manager.js's managerApi (token and language filled in); office GET /api/office; lang() the Language */
  constructor({ api, office, lang }) {
    this.api = api;
    this.office = office;
    this.lang = lang;
    this.queue = null;
    this.hint = null;
    this.staff = [];
    /** The clerk picked in each closed counter's row, kept across re-renders. */
    this.picked = new Map();
    this.rows = new Map();
    this.staffTimer = null;
    setInterval(() => this.tick(), 1000);
    $('day-open').addEventListener('click', () => this.day('open'));
    $('day-close').addEventListener('click', () => this.confirmClose(true));
    $('day-close-cancel').addEventListener('click', () => this.confirmClose(false));
    $('day-close-confirm').addEventListener('click', () => this.day('close'));
    $('counters-body').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-action]');
      if (b) this.act(Number(b.dataset.counter), b.dataset.action);
    });
    $('counters-body').addEventListener('change', (e) => {
      if (e.target.matches('select[data-counter]')) this.picked.set(Number(e.target.dataset.counter), e.target.value);
    });
  }

  get target() {
    return this.office.targetWaitSeconds;
  }

  snapshot(q) {
    this.queue = q;
    this.hint = q.staffingHint ? q.staffingHintDetail || this.hint || {} : null;
    this.render();
  }

  event(type, data) {
    if (type === 'staffing.hint') {
      this.hint = data.active ? data : null;
      this.renderHint();
    } else if (type.startsWith('clerk.') || type.startsWith('counter.')) {
      this.loadStaffSoon();
    }
  }

  async loadStaff() {
    try {
      this.staff = await this.api('/api/staff');
    } catch (e) {
      return;
    }
    this.renderCounters();
  }

  loadStaffSoon() {
    clearTimeout(this.staffTimer);
    this.staffTimer = setTimeout(() => this.loadStaff(), 150);
  }

  render() {
    if (!this.queue || !this.lang()) return;
    this.renderHint();
    this.renderWaits();
    this.renderCounters();
    this.renderDay();
  }

  serviceName(id) {
    const s = this.office.services.find((x) => x.id === id);
    return s ? shortName(this.lang().pick(s.names)) : id;
  }

  renderHint() {
    const L = this.lang();
    const box = $('staffing-hint');
    const h = this.hint;
    box.hidden = !h;
    if (!h) {
      box.textContent = '';
      return;
    }
    const target = minutes(h.targetWaitSeconds || this.target || 900);
    box.textContent = h.predictedP90WaitSeconds == null ? L.t('manager.hint.plain', { target })
      : h.predictedP90WaitSeconds < 0 ? L.t('manager.hint.noCounter', { service: this.serviceName(h.service), target })
        : L.t('manager.hint.banner', {
          min: minutes(h.predictedP90WaitSeconds), service: this.serviceName(h.service), target,
          open: h.openCounters, time: h.at ? timeOfDay(L, this.office.timezone, new Date(h.at)) : '',
        });
  }

  renderWaits() {
    const L = this.lang();
    const target = this.target;
    $('waits-target').textContent = target ? L.t('manager.live.target', { min: minutes(target) }) : '';
    const body = $('waits-body');
    const alerts = $('wait-alerts');
    body.innerHTML = '';
    alerts.innerHTML = '';
    for (const s of this.queue.services) {
      const name = this.serviceName(s.id);
      const over = target && s.waiting > 0 && s.estimatedWaitSeconds != null && s.estimatedWaitSeconds > target;
      const stranded = s.waiting > 0 && s.openCounters === 0;
      const tr = element('tr', over || stranded ? 'over-target' : '');
      tr.dataset.service = s.id;
      const th = element('th', '', name);
      th.scope = 'row';
      const predicted = element('td', 'num');
      if (s.openCounters === 0) {
        predicted.textContent = L.t('manager.live.noCounter');
      } else if (s.estimatedWaitSeconds == null) {
        predicted.textContent = '–';
      } else {
        predicted.textContent = L.t('manager.live.minutes', { min: minutes(s.estimatedWaitSeconds) });
        if (over) predicted.append(element('strong', 'over-flag', ' ' + L.t('manager.live.overTarget')));
      }
      tr.append(th, element('td', 'num', String(s.waiting)), element('td', 'num', String(s.openCounters)), predicted);
      body.append(tr);
      if (over) {
        alerts.append(element('li', 'wait-alert', L.t('manager.live.alert.over', {
          service: name, min: minutes(s.estimatedWaitSeconds), target: minutes(target),
        })));
      } else if (stranded) {
        alerts.append(element('li', 'wait-alert', L.t('manager.live.alert.noCounter', { service: name, n: s.waiting })));
      }
    }
  }

  clerkAt(n) {
    const a = this.staff.find((x) => x.counter === n);
    return a ? a.username : null;
  }

  renderCounters() {
    if (!this.queue) return;
    const body = $('counters-body');
    const L = this.lang();
    const seen = new Set();
    for (const c of this.queue.counters) {
      seen.add(c.number);
      const clerk = this.clerkAt(c.number);
      const free = this.staff.filter((a) => a.role === 'clerk' && a.counter == null).map((a) => a.username);
      const key = [L.tag, c.status, clerk, c.current && c.current.number, c.current && c.current.calledAt,
        c.status === 'closed' ? free.join(',') : ''].join('|');
      const old = this.rows.get(c.number);
      if (old && old.key === key) continue;
      const tr = this.counterRow(c, clerk, free);
      const focused = old && old.tr.contains(document.activeElement);
      if (old) old.tr.replaceWith(tr);
      else body.append(tr);
      this.rows.set(c.number, { key, tr });
      if (focused) (tr.querySelector('button') || tr.querySelector('th')).focus();
    }
    for (const [n, r] of this.rows) {
      if (!seen.has(n)) {
        r.tr.remove();
        this.rows.delete(n);
      }
    }
    this.tick();
  }

  counterRow(c, clerk, free) {
    const L = this.lang();
    const n = c.number;
    const tr = element('tr', 'counter-' + c.status);
    tr.dataset.counter = String(n);
    const th = element('th', 'num', String(n));
    th.scope = 'row';
    th.tabIndex = -1;
    const state = element('td', 'state', L.t('counter.state.' + c.status));
    const current = element('td', 'num current', c.current ? String(c.current.number) : '');
    const since = element('td', 'num serving-for');
    if (c.current && c.current.calledAt) since.dataset.calledAt = c.current.calledAt;
    const cell = element('td', 'actions');
    const actions = element('div', 'action-box');
    cell.append(actions);
    const button = (action, cls) => {
      const b = element('button', cls, L.t('manager.live.' + action));
      b.type = 'button';
      b.dataset.action = action;
      b.dataset.counter = String(n);
      b.append(element('span', 'visually-hidden', L.t('manager.live.onCounter', { n })));
      return b;
    };
    if (c.status === 'closed') {
      const id = 'open-for-' + n;
      const label = element('label', 'visually-hidden', L.t('manager.live.openFor', { n }));
      label.htmlFor = id;
      const select = element('select', 'open-for');
      select.id = id;
      select.dataset.counter = String(n);
      select.append(new Option(L.t('manager.live.inMyName'), ''));
      for (const u of free) select.append(new Option(u, u));
      const want = this.picked.get(n);
      if (want && free.includes(want)) select.value = want;
      actions.append(label, select, button('open', ''));
    } else if (c.status === 'open') {
      actions.append(button('pause', 'secondary'), button('close', 'secondary'));
    } else {
      actions.append(button('resume', ''), button('close', 'secondary'));
    }
    tr.append(th, element('td', 'clerk', clerk || ''), state, current, since, cell);
    return tr;
  }

  /** The time at the counter of each citizen being served, as m:ss, each second. */
  tick() {
    const now = Date.now();
    for (const td of document.querySelectorAll('#counters-body td.serving-for')) {
      const at = td.dataset.calledAt;
      if (!at) {
        td.textContent = '';
        continue;
      }
      const s = Math.max(0, Math.floor((now - Date.parse(at)) / 1000));
      td.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    }
  }

  async act(n, action) {
    const L = this.lang();
    const out = $('counters-result');
    const path = { open: 'open', resume: 'open', pause: 'pause', close: 'close' }[action];
    const clerk = action === 'open' ? this.picked.get(n) || '' : '';
    try {
      await this.api('/api/counters/' + n + '/' + path, { method: 'POST', body: clerk ? { clerk } : undefined });
      out.className = 'notice ok';
      out.textContent = L.t('manager.live.done.' + path, { n });
      this.picked.delete(n);
      this.loadStaff();
    } catch (e) {
      out.className = 'notice error';
      out.textContent = errorText(L, e);
    }
  }

  renderDay() {
    const L = this.lang();
    const open = this.queue.dayOpen;
    $('day-state').textContent = open ? L.t('manager.day.isOpen', { day: this.queue.day || '' })
      : L.t('manager.day.isClosed');
    $('day-open').disabled = open;
    $('day-close').disabled = !open;
    if (!open) this.confirmClose(false);
  }

  confirmClose(asking) {
    $('day-close').hidden = asking;
    $('day-close-confirm').hidden = !asking;
    $('day-close-cancel').hidden = !asking;
    if (asking) $('day-close-confirm').focus();
  }

  async day(what) {
    const L = this.lang();
    const out = $('day-result');
    try {
      const r = await this.api('/api/day/' + what, { method: 'POST' });
      out.className = 'notice ok';
      out.textContent = L.t(r.dayOpen ? 'manager.day.opened' : 'manager.day.closed');
      this.confirmClose(false);
      this.queue = { ...this.queue, dayOpen: r.dayOpen, day: r.day };
      this.renderDay();
      $(r.dayOpen ? 'day-close' : 'day-open').focus();
    } catch (e) {
      out.className = 'notice error';
      out.textContent = errorText(L, e);
    }
  }
}
