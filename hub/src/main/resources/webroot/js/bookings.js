// The Live tab's bookings import: the booking site's CSV file sent as it is to POST /api/appointments/import
// (the hub checks every row); the count booked, or the hub's list of bad rows (numbered as in a spreadsheet).
import { element } from './hub.js';

const $ = (id) => document.getElementById(id);

/** Today's date (YYYY-MM-DD) in the office's time zone, plus days. */
function officeDate(timeZone, plusDays = 0) {
  const d = new Date(Date.now() + plusDays * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** @param api manager.js's managerApi; office GET /api/office; lang() the page's Language */
export function wireBookingImport({ api, office, lang }) {
  const date = $('bookings-date');
  date.value = officeDate(office.timezone);
  date.min = date.value;
  date.max = officeDate(office.timezone, 7);
  $('bookings-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('bookings-file').files[0];
    if (!file) return;
    const out = $('bookings-result');
    const L = lang();
    let r;
    let body = null;
    try {
      r = await api.raw('/api/appointments/import?date=' + encodeURIComponent(date.value), {
        method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' }, body: file,
      });
      body = await r.json().catch(() => null);
    } catch (err) {
      show(out, 'error', L.t('error.unreachable'));
      return;
    }
    if (r.ok) {
      show(out, 'ok', L.t('manager.bookings.done', { n: body.booked, date: body.date }));
      return;
    }
    show(out, 'error', (body && body.message) || L.t('error.generic'));
    const rows = (body && body.rows) || [];
    if (!rows.length) return;
    const table = element('table', 'lobby-table bookings-errors');
    table.append(element('caption', '', L.t('manager.bookings.errors', { file: file.name })));
    const head = element('tr', '');
    for (const k of ['row', 'column', 'problem']) {
      const th = element('th', '', L.t('manager.bookings.col.' + k));
      th.scope = 'col';
      head.append(th);
    }
    table.append(element('thead', ''), element('tbody', ''));
    table.tHead.append(head);
    for (const p of rows) {
      const tr = element('tr', '');
      tr.dataset.row = String(p.row);
      const th = element('th', 'num', String(p.row));
      th.scope = 'row';
      tr.append(th, element('td', 'num', p.column || ''), element('td', 'problem', p.message));
      table.tBodies[0].append(tr);
    }
    out.append(table);
  });
}

function show(out, kind, text) {
  out.innerHTML = '';
  out.append(element('p', 'notice ' + kind, text));
}
