// The lens: finds replies through a site adapter, scores the ones near the
// viewport in batches (through the background, where the Wasm Scorer lives),
// and marks them; then has the second stage read each one again, and marks
// it again if the final label differs. Started and stopped live when the user toggles the site.
globalThis.MamaLens ??= {};

// Tuning, measured on the benchmark's 1,000-reply page (bench/browser.mjs).
const LENS = {
  // Score a screen ahead, so highlights are there before the reply shows.
  viewportMargin: '1000px 0px 1000px 0px',
  // Replies per message to the Scorer: 50 score in about a millisecond.
  batchMax: 50,
  // DOM writes per slice of work; each slice yields to the page after it.
  applyChunk: 25,
  // Wait this long after mutations before looking for new replies.
  rescanDelayMs: 120,
  // Replies per message to the second stage, which reads one per task at
  // ~50 ms each: a label changes within a quarter second of its reading.
  readBatch: 5,
};

const yieldToPage = () => new Promise((r) => setTimeout(r, 0));

MamaLens.Lens = class Lens {
  constructor(adapter, settings, { score, refine, report, flag, markWrong }) {
    this.adapter = adapter;
    this.settings = settings;
    this.io = { score, refine, report, flag, markWrong };
    this.states = new Map(); // reply element -> state
    this.queue = new Set();
    this.readQueue = new Set(); // scored, waiting for the second stage
    this.pendingRoots = new Set();
    this.running = false;
    this.mutationCount = 0; // page mutations handled, for activity()
    this.highlights = MamaLens.can.highlights() ? CSS.highlights : null;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.theme = pageTheme();
    if (this.highlights) {
      this.marks = { shaming: new Highlight(), supportive: new Highlight() };
      this.highlights.set('mamalens-shaming', this.marks.shaming);
      this.highlights.set('mamalens-supportive', this.marks.supportive);
    }
    this.visibility = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: LENS.viewportMargin });
    this.mutations = new MutationObserver((records) => this.onMutations(records));
    this.mutations.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    this.lastUrl = location.href;
    window.addEventListener('popstate', () => this.rescan(), { signal: this.abort.signal });
    this.adapter.init?.(this.abort.signal, this);
    this.scan(document);
  }

  stop() {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    this.visibility.disconnect();
    this.mutations.disconnect();
    clearTimeout(this.rescanTimer);
    this.rescanTimer = null; // else a restarted lens would never scan again
    for (const [el, st] of this.states) this.unmark(el, st);
    this.states.clear();
    this.queue.clear();
    this.readQueue.clear();
    if (this.highlights) {
      this.highlights.delete('mamalens-shaming');
      this.highlights.delete('mamalens-supportive');
    }
    this.report();
  }

  // Settings changed (mode, labels to show): redraw what is already scored.
  applySettings(settings) {
    this.settings = settings;
    for (const [el, st] of this.states) if (st.verdict) this.render(el, st);
    this.report();
  }

  rescan() {
    this.pendingRoots.add(document);
    this.scheduleScan();
  }

  // Tracks the replies under `root`; returns them.
  scan(root) {
    const found = this.adapter.findReplies(root);
    for (const el of found) {
      if (this.states.has(el)) continue;
      this.states.set(el, { seen: false, visible: false, text: null, sentText: null, verdict: null, stage: null, firstLabel: null, info: null, badge: null, ranges: [], revealed: false });
      this.visibility.observe(el);
    }
    return found;
  }

  // Forgets replies the site removed.
  forgetRemoved() {
    for (const [el, st] of this.states) {
      if (!el.isConnected) {
        this.unmark(el, st);
        this.states.delete(el);
        this.readQueue.delete(el);
        this.visibility.unobserve(el);
      }
    }
  }

  onIntersect(entries) {
    for (const e of entries) {
      const st = this.states.get(e.target);
      if (!st) continue;
      st.seen = true;
      st.visible = e.isIntersecting;
      if (st.visible) this.consider(e.target, st);
      this.paintMarks(st);
    }
  }

  onMutations(records) {
    this.mutationCount += records.length;
    if (location.href !== this.lastUrl) {
      this.lastUrl = location.href; // single-page navigation
      this.pendingRoots.add(document);
    }
    const isBadge = (n) => n.nodeType === 1 && n.hasAttribute('data-mamalens-badge');
    for (const r of records) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!target || target.closest?.('[data-mamalens-badge]')) continue;
      // Our own badge going in or out is no change to the page.
      if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isBadge)) continue;
      if (r.type === 'childList') {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !n.hasAttribute('data-mamalens-badge')) this.pendingRoots.add(n);
        }
      }
      // A re-used element whose text changed: look at its reply again.
      this.pendingRoots.add(target);
    }
    if (this.pendingRoots.size) this.scheduleScan();
  }

  scheduleScan() {
    if (this.rescanTimer) return;
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      if (!this.running) return;
      const roots = [...this.pendingRoots];
      this.pendingRoots.clear();
      // Work in proportion to what changed, not to the size of the page: the
      // replies in each changed subtree, and the reply around it.
      const whole = roots.includes(document);
      const touched = new Set();
      for (const root of whole ? [document] : roots) {
        if (!root.isConnected) continue;
        for (const el of this.scan(root)) touched.add(el);
        const around = whole ? null : this.replyAround(root);
        if (around) touched.add(around);
      }
      this.forgetRemoved();
      for (const el of whole ? this.states.keys() : touched) {
        const st = this.states.get(el);
        if (st?.visible) this.consider(el, st);
      }
    }, LENS.rescanDelayMs);
  }

  // The tracked reply that holds `node`, if any.
  replyAround(node) {
    for (let n = node.parentElement; n; n = n.parentElement) if (this.states.has(n)) return n;
    return null;
  }

  // Queue a visible reply for scoring unless its text is what was scored.
  consider(el, st) {
    const info = this.adapter.extract(el);
    if (!info?.textElement) return;
    const { text, segments } = MamaLens.readText(info.textElement);
    if (!text.trim() || text === st.text) return;
    st.text = text;
    st.lang = MamaLens.languageOf(info.textElement);
    st.info = { ...info, segments };
    this.queue.add(el);
    this.scheduleFlush();
  }

  scheduleFlush() {
    if (this.flushing) return;
    this.flushing = true;
    setTimeout(() => this.flush().finally(() => (this.flushing = false)), 0);
  }

  async flush() {
    while (this.running && this.queue.size) {
      const batch = [...this.queue].slice(0, LENS.batchMax);
      for (const el of batch) this.queue.delete(el);
      const texts = batch.map((el) => this.states.get(el)?.text ?? '');
      const langs = batch.map((el) => this.states.get(el)?.lang ?? '');
      let results;
      try {
        results = await this.io.score(texts, langs);
      } catch (err) {
        console.warn('MamaLens: scoring failed; will retry these replies', err);
        for (const el of batch) {
          const st = this.states.get(el);
          if (st) st.text = null; // so the next look queues it again
        }
        return;
      }
      const flagged = [];
      for (let i = 0; i < batch.length; i++) {
        const el = batch[i];
        const st = this.states.get(el);
        if (!st || st.text !== texts[i] || !results[i]) continue; // changed meanwhile
        st.verdict = results[i];
        st.firstLabel = st.verdict.label;
        // Stored only once final: what is exported is what the page shows.
        if (this.wantsReading(st.verdict)) {
          st.stage = 'first';
          this.readQueue.add(el);
        } else {
          st.stage = 'first-only';
          if (this.isKept(st)) flagged.push(this.record(st));
        }
        this.render(el, st);
        if (i % LENS.applyChunk === LENS.applyChunk - 1) await yieldToPage();
      }
      if (flagged.length) this.io.flag(flagged);
      if (this.readQueue.size) this.scheduleRead();
      this.report();
      await yieldToPage();
    }
  }

  // The user's allowlist is final, a reply that could not be scored has
  // nothing to refine, and the second stage reads English only.
  wantsReading(verdict) {
    return !verdict.unscored && (verdict.lang ?? 'en') === 'en' && !verdict.cues.some((c) => c.rule === 'allowlisted');
  }

  isKept(st) {
    return st.verdict.label === 'shaming' || (st.verdict.label === 'supportive' && this.settings.storeSupportive);
  }

  scheduleRead() {
    if (this.reading) return;
    this.reading = true;
    setTimeout(() => this.readAll().finally(() => (this.reading = false)), 0);
  }

  // The second stage: each reply's final label, from the background. Where
  // it has none (the reader could not load, or failed on that reply), the
  // first stage's label stands.
  async readAll() {
    while (this.running && this.readQueue.size) {
      const batch = [...this.readQueue].slice(0, LENS.readBatch);
      for (const el of batch) this.readQueue.delete(el);
      const texts = batch.map((el) => this.states.get(el)?.text ?? '');
      const first = batch.map((el) => {
        const v = this.states.get(el)?.verdict;
        return [v?.shaming ?? 0, v?.support ?? 0];
      });
      let labels = [];
      try {
        labels = await this.io.refine(texts, first);
      } catch (err) {
        console.warn('MamaLens: the second stage did not answer; first-stage labels stand', err);
      }
      const flagged = [];
      for (let i = 0; i < batch.length; i++) {
        const el = batch[i];
        const st = this.states.get(el);
        if (!st || st.text !== texts[i] || !st.verdict || st.stage !== 'first') continue; // changed meanwhile
        const label = labels?.[i];
        if (label) {
          st.stage = 'reader';
          if (label !== st.verdict.label) st.verdict = relabel(st.verdict, label);
        } else {
          st.stage = 'first-only';
        }
        this.render(el, st);
        if (this.isKept(st)) flagged.push(this.record(st));
      }
      if (flagged.length) this.io.flag(flagged);
      this.report();
      await yieldToPage();
    }
  }

  record(st) {
    const v = st.verdict;
    return {
      site: this.adapter.id,
      pageUrl: location.href,
      permalink: st.info.permalink ?? null,
      author: st.info.author ?? null,
      timestamp: st.info.timestamp ?? null,
      text: st.text,
      label: v.label,
      stage: st.stage,
      firstLabel: st.firstLabel,
      shaming: v.shaming,
      support: v.support,
      categories: v.categories,
      cues: v.cues.filter((c) => c.weight > 0).map((c) => ({ text: c.text, start: c.start, end: c.end, polarity: c.polarity, category: c.category, rule: c.rule })),
    };
  }

  render(el, st) {
    const v = st.verdict;
    const s = this.settings;
    el.setAttribute('data-mamalens-label', v.label);
    el.setAttribute('data-mamalens-stage', st.stage);
    const shown = (v.label === 'shaming' && s.highlightShaming) || (v.label === 'supportive' && s.highlightSupport);
    const text = st.info.textElement;
    this.clearMarks(st);
    if (!shown) {
      el.removeAttribute('data-mamalens-style');
      text.removeAttribute('data-mamalens-veil');
      st.badge?.remove();
      st.badge = null;
      return;
    }
    el.setAttribute('data-mamalens-style', v.label);
    const veil = v.label === 'shaming' && !st.revealed && s.mode !== 'highlight' ? s.mode : null;
    if (veil) text.setAttribute('data-mamalens-veil', veil);
    else text.removeAttribute('data-mamalens-veil');
    if (!st.badge) {
      st.badge = new MamaLens.Badge(document, {
        onReveal: () => {
          st.revealed = true;
          this.render(el, st);
        },
        onWrong: () => this.markWrong(el, st),
      });
    }
    if (!st.badge.host.isConnected) (st.info.badgeAfter ?? text).insertAdjacentElement('afterend', st.badge.host);
    st.badge.update(v, { veiled: !!veil, theme: this.theme, stage: st.stage });
    if (this.marks) {
      for (const cue of v.cues) {
        if (cue.weight <= 0 || cue.polarity !== v.label) continue;
        const range = MamaLens.rangeFor(st.info.segments, cue.start, cue.end);
        if (range) st.ranges.push([v.label, range]);
      }
      // Just scored, so near the viewport, whatever the observer says by now.
      this.paintMarks(st, true);
    }
  }

  // Cue words are in the page's highlights only while their reply is near
  // the viewport: the browser repaints every range of a highlight when one
  // changes, so a thousand replies' worth made every change a long task
  // (46 over 50 ms on the 1,000-reply page, up to 142 ms; about 5 to 10 this
  // way, most under 70 ms, as many as the page has with MamaLens off).
  paintMarks(st, near = st.visible) {
    if (!this.marks) return;
    const want = near && st.ranges.length > 0;
    if (want === !!st.painted) return;
    for (const [label, range] of st.ranges) {
      if (want) this.marks[label].add(range);
      else this.marks[label].delete(range);
    }
    st.painted = want;
  }

  async markWrong(el, st) {
    if (!st.verdict) return;
    await this.io.markWrong(this.record(st));
    st.verdict = { ...st.verdict, label: 'neutral', cues: [] };
    this.unmark(el, st);
    el.setAttribute('data-mamalens-label', 'neutral');
    this.report();
  }

  clearMarks(st) {
    if (this.marks && st.painted) for (const [label, range] of st.ranges) this.marks[label].delete(range);
    st.ranges = [];
    st.painted = false;
  }

  unmark(el, st) {
    this.clearMarks(st);
    st.badge?.remove();
    st.badge = null;
    el.removeAttribute('data-mamalens-label');
    el.removeAttribute('data-mamalens-stage');
    el.removeAttribute('data-mamalens-style');
    st.info?.textElement?.removeAttribute('data-mamalens-veil');
  }

  // Whether the lens has work left: a scan waiting, replies queued or being
  // scored, or replies the browser has not yet said are near the viewport or
  // not. The popup's status carries it, so that a test can wait for "done"
  // instead of for some time.
  activity() {
    let unseen = 0;
    for (const st of this.states.values()) if (!st.seen) unseen++;
    const idle = !this.running || (!this.rescanTimer && !this.flushing && !this.reading && this.queue.size === 0 && this.readQueue.size === 0 && unseen === 0);
    return { idle, mutations: this.mutationCount, queued: this.queue.size, reading: this.readQueue.size, unseen };
  }

  counts() {
    const c = { shaming: 0, supportive: 0, neutral: 0 };
    if (!this.running) return c;
    for (const st of this.states.values()) if (st.verdict) c[st.verdict.label]++;
    return c;
  }

  report() {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => this.io.report(this.counts()), 50);
  }
};

// The verdict with the second stage's label: its categories are those of
// the first stage's cues that count toward that label (none, if the reader
// saw what no cue names).
function relabel(verdict, label) {
  const categories = label === 'neutral' ? [] : [...new Set(verdict.cues.filter((c) => c.weight > 0 && c.polarity === label).map((c) => c.category))];
  return { ...verdict, label, categories };
}

// Dark or light, from the page's own background (sites have their own themes).
function pageTheme() {
  for (const el of [document.body, document.documentElement]) {
    if (!el) continue;
    const m = getComputedStyle(el).backgroundColor.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/);
    if (!m || m[4] === '0') continue;
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
