// Open alerts (the help bell, 愛心鈴) on /volunteer and /manager: listed with a button to take one on, and a
// repeating two-tone sound while any is open. The list is GET /api/alerts; alert.raised and
// alert.acknowledged events on the stream make the page read it again.
import { api } from './hub.js';
import { timeOfDay } from './i18n.js';
import { errorText } from './page.js';

const SOUND_EVERY_MS = 3000;

export class AlertPanel {
  /** @param box the section to fill; session() the signed-in staff; lang() the page's Language; office its config */
  constructor(box, { session, lang, office, onExpired = () => {} }) {
    this.box = box;
    this.session = session;
    this.lang = lang;
    this.office = office;
    this.onExpired = onExpired;
    this.alerts = [];
    this.audio = null;
    this.timer = null;
    this.beeps = 0;
  }

  async refresh() {
    const s = this.session();
    if (!s) return;
    try {
      this.alerts = await api('/api/alerts', { token: s.token, lang: this.lang().tag });
    } catch (e) {
      if (e.status === 401) this.onExpired();
      return;
    }
    this.render();
  }

  /** Hub events: alerts change the list. */
  event(type) {
    if (type === 'alert.raised' || type === 'alert.acknowledged') this.refresh();
  }

  render() {
    const L = this.lang();
    const list = this.box.querySelector('.alert-list');
    list.innerHTML = '';
    for (const a of this.alerts) {
      const li = document.createElement('li');
      li.className = 'alert-item';
      li.dataset.alert = a.id;
      const text = document.createElement('span');
      text.className = 'alert-text';
      const place = L.has('alerts.place.' + a.place) ? L.t('alerts.place.' + a.place) : a.place;
      text.textContent = L.t('alerts.' + a.kind, {
        place, time: timeOfDay(L, this.office.timezone, new Date(a.raisedAt)),
      });
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'alert-ack';
      b.textContent = L.t('alerts.ack');
      b.addEventListener('click', () => this.acknowledge(a.id));
      li.append(text, b);
      list.append(li);
    }
    this.box.querySelector('.alert-none').hidden = this.alerts.length > 0;
    this.box.classList.toggle('alerting', this.alerts.length > 0);
    document.body.dataset.alerting = String(this.alerts.length > 0);
    this.sound(this.alerts.length > 0);
  }

  async acknowledge(id) {
    const s = this.session();
    const msg = this.box.querySelector('.alert-message');
    try {
      const a = await api('/api/alerts/' + encodeURIComponent(id) + '/ack', {
        method: 'POST', token: s.token, lang: this.lang().tag,
      });
      msg.className = 'alert-message notice ok';
      msg.textContent = this.lang().t('alerts.acked', { seconds: a.secondsToAcknowledge });
    } catch (e) {
      if (e.status === 401) this.onExpired();
      msg.className = 'alert-message notice error';
      msg.textContent = errorText(this.lang(), e);
    }
    this.refresh();
  }

  /** A two-tone call, repeated until every alert is taken on. */
  sound(on) {
    if (!on) {
      clearInterval(this.timer);
      this.timer = null;
      return;
    }
    if (this.timer) return;
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!this.audio && Ctx) this.audio = new Ctx();
    const beep = () => {
      this.beeps += 1;
      document.body.dataset.alertBeeps = String(this.beeps);
      const ctx = this.audio;
      if (!ctx) return;
      if (ctx.state === 'suspended') ctx.resume();
      [880, 660].forEach((f, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = f;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(ctx.destination);
        const t = ctx.currentTime + i * 0.25;
        osc.start(t);
        osc.stop(t + 0.2);
      });
    };
    beep();
    this.timer = setInterval(beep, SOUND_EVERY_MS);
  }
}
