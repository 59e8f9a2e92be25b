// The board's voice, a queue of its own: the picture never waits for it (board.js shows a call the moment it
// arrives). Each call in the queue is announced in turn, none overlapping: a chime, then the call in each
// spoken language. A language is spoken by the browser's speech engine when it has a voice for it, otherwise
// by concatenating recorded clips from /static/audio/<lang>/<clip>.wav as the language file's "speech.clips"
// says (see webroot/audio/README.md). What is no longer true is not said: a call its counter has moved past
// (a newer call there, the same number called elsewhere, the visit ended) leaves the queue unspoken; a
// recall goes to the front, behind earlier recalls only.

const CLIP_GAP = 0.06;
const SPEECH_TIMEOUT_MS = 15000;

export class Announcer {
  /**
   * languages: Language objects to speak, in order; mode: 'auto' | 'clips' | 'speech' | 'off';
   * onStart(call) when a call's turn to be spoken starts; onDone(call, how, clips) when it has been announced
   * (how: ['clips:hak', ...], clips: the clip files played, 'hak/qing'...); onQueue(speaking, pending) whenever
   * the queue changes; pace multiplies every pause and wait (1 in the lobby; the browser tests run faster).
   */
  constructor({ languages, mode = 'auto', onStart = () => {}, onDone = () => {}, onQueue = () => {}, pace = 1 }) {
    this.languages = languages;
    this.pace = pace;
    this.mode = mode;
    this.onStart = onStart;
    this.onDone = onDone;
    this.onQueue = onQueue;
    this.queue = [];
    this.speaking = null;
    this.busy = false;
    this.clips = new Map();
    this.played = [];
    const Ctx = window.AudioContext || window.webkitAudioContext;
    this.audio = Ctx && mode !== 'off' ? new Ctx() : null;
  }

  /** True when the browser still blocks sound until someone clicks (a board without the kiosk flags). */
  get blocked() {
    return !!this.audio && this.audio.state === 'suspended';
  }

  /** The calls waiting to be spoken, next first. */
  get pending() {
    return this.queue.slice();
  }

  unblock() {
    if (this.audio) this.audio.resume();
    if ('speechSynthesis' in window) speechSynthesis.getVoices();
  }

  wait(ms) {
    return sleep(ms * this.pace);
  }

  /** call: {number, counter, service, recall}. Replaces whatever it makes stale; a recall goes first. */
  enqueue(call) {
    if (this.mode === 'off') return;
    this.queue = this.queue.filter((q) => q.counter !== call.counter && q.number !== call.number);
    const at = call.recall ? this.queue.findIndex((q) => !q.recall) : -1;
    if (at >= 0) this.queue.splice(at, 0, call);
    else this.queue.push(call);
    this.changed();
    if (!this.busy) this.run();
  }

  /** The visit of this number ended (served, no-show, cancelled, transferred): nothing left to say about it. */
  drop(number) {
    const before = this.queue.length;
    this.queue = this.queue.filter((q) => q.number !== number);
    if (this.queue.length !== before) this.changed();
  }

  changed() {
    this.onQueue(this.speaking, this.pending);
  }

  async run() {
    this.busy = true;
    try {
      while (this.queue.length) {
        const call = this.queue.shift();
        this.speaking = call;
        this.played = [];
        this.changed();
        this.onStart(call);
        const how = [];
        try {
          await this.chime();
          for (const lang of this.languages) {
            const way = await this.speak(call, lang);
            if (way) how.push(way + ':' + lang.tag);
            await this.wait(350);
          }
          await this.wait(900);
        } catch (e) {
          how.push('error:' + e);
        }
        this.speaking = null;
        this.onDone(call, how, this.played);
        this.changed();
      }
    } finally {
      this.busy = false;
    }
  }

  /** A two-tone "ding-dong" made with Web Audio: no file to load, works offline. */
  async chime() {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') {
      await this.wait(1200);
      return;
    }
    const t0 = ctx.currentTime + 0.05;
    const note = (freq, start, length) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.45, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + length + 0.05);
    };
    note(659.25, t0, 0.9);
    note(523.25, t0 + 0.5, 1.1);
    await this.wait(1700);
  }

  /** Speaks one call in one language; returns how ('speech' or 'clips'), or null if it could not. */
  async speak(call, lang) {
    const spec = lang.speech;
    if (!spec) return null;
    if (this.mode !== 'clips') {
      const voice = findVoice(spec.voices || [lang.tag]);
      if (voice && await speakWithVoice(fill(spec.text, call), voice)) return 'speech';
      if (this.mode === 'speech') return null;
    }
    if (spec.clips && await this.playClips(lang.tag, clipNames(spec, call))) return 'clips';
    return null;
  }

  async playClips(tag, names) {
    const ctx = this.audio;
    if (!ctx) return false;
    let buffers;
    try {
      buffers = await Promise.all(names.map((n) => this.clip(tag, n)));
    } catch (e) {
      return false;
    }
    this.played.push(...names.map((n) => tag + '/' + n));
    if (ctx.state !== 'running') {
      // Sound is blocked: keep the rhythm of the queue anyway (the picture does not wait for it).
      await this.wait(buffers.reduce((s, b) => s + b.duration + CLIP_GAP, 0) * 1000);
      return true;
    }
    let t = ctx.currentTime + 0.05;
    for (const b of buffers) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(ctx.destination);
      src.start(t);
      t += b.duration + CLIP_GAP;
    }
    await this.wait((t - ctx.currentTime) * 1000 + 50);
    return true;
  }

  clip(tag, name) {
    const key = tag + '/' + name;
    if (!this.clips.has(key)) {
      const p = fetch('/static/audio/' + encodeURIComponent(tag) + '/' + encodeURIComponent(name) + '.wav')
        .then((r) => {
          if (!r.ok) throw new Error('no clip ' + key);
          return r.arrayBuffer();
        })
        .then((data) => this.audio.decodeAudioData(data));
      p.catch(() => this.clips.delete(key));
      this.clips.set(key, p);
    }
    return this.clips.get(key);
  }
}

function fill(text, call) {
  return text.replace(/\{(number|counter)(?::\w+)?\}/g, (m, what) => String(call[what]));
}

/** The clip names for a call: fixed words as they are, {number} and {counter} read as the language reads them. */
export function clipNames(spec, call) {
  const out = [];
  for (const part of spec.clips) {
    const m = /^\{(number|counter)(?::(\w+))?\}$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(...numberClips(call[m[1]], m[2] || spec.numbers || 'digits'));
  }
  return out;
}

/**
 * How a number is read aloud, as clip names: 'digits' one by one (1 0 2 3); 'zh' with place words as in
 * Mandarin, Taiwanese and Hakka (一千零二十三: 1 qian 0 2 shi 3); 'en' as English words up to 99, digits above.
 */
export function numberClips(n, style) {
  const digits = String(n).split('');
  if (style === 'zh' && n > 0 && n < 10000) {
    const places = ['', 'shi', 'bai', 'qian'];
    const out = [];
    let zero = false;
    digits.forEach((d, i) => {
      const place = digits.length - 1 - i;
      if (d === '0') {
        zero = out.length > 0;
        return;
      }
      if (zero) out.push('0');
      zero = false;
      if (!(d === '1' && place === 1 && out.length === 0)) out.push(d);
      if (place > 0) out.push(places[place]);
    });
    return out;
  }
  if (style === 'en' && n >= 0 && n < 100) {
    if (n < 20) return [String(n)];
    const tens = String(Math.floor(n / 10) * 10);
    return n % 10 === 0 ? [tens] : [tens, String(n % 10)];
  }
  return digits;
}

function findVoice(wanted) {
  if (!('speechSynthesis' in window)) return null;
  const voices = speechSynthesis.getVoices();
  const norm = (s) => String(s).replace('_', '-').toLowerCase();
  for (const w of wanted) {
    const v = voices.find((x) => norm(x.lang) === norm(w));
    if (v) return v;
  }
  for (const w of wanted) {
    const v = voices.find((x) => norm(x.lang).startsWith(norm(w) + '-'));
    if (v) return v;
  }
  return null;
}

function speakWithVoice(text, voice) {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.85;
    const timer = setTimeout(() => {
      speechSynthesis.cancel();
      resolve(true);
    }, SPEECH_TIMEOUT_MS);
    u.onend = () => {
      clearTimeout(timer);
      resolve(true);
    };
    u.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    speechSynthesis.speak(u);
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
