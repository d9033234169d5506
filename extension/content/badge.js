// The badge beside a scored reply and its "why" popover. It lives in a shadow
// root so the site's CSS cannot reach it and ours cannot leak out (an open
// one: a closed root would hide nothing the page cannot already see, and
// assistive tools and tests reach it the same way), and every string is set
// with textContent: reply text is never parsed as HTML.
globalThis.MamaLens ??= {};

// Every word shown is a message (MamaLens.t, shared/i18n.js): the rules'
// and categories' words are keyed by the names the core's verdict carries.
const ruleWords = (rule) => MamaLens.wordsFor('rule', rule);

// Which stage decided the label (lens.js sets it): its message.
const STAGE_KEYS = { first: 'stage_first', reader: 'stage_reader', 'first-only': 'stage_firstOnly' };
// The languages read with their own words (the verdict's `lang`); English,
// the word model's, goes unsaid.
const LANGUAGE_KEYS = { es: 'badge_langEs', pt: 'badge_langPt' };

const BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 2px 0 2px 6px; font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.wrap { display: inline-flex; gap: 4px; align-items: center; }
.wrap.open { position: relative; }
button { font: inherit; cursor: pointer; border-radius: 999px; padding: 1px 8px; border: 1px solid; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.badge.shaming { background: #fde7ef; color: #8a0f3c; border-color: #c2185b; }
.badge.supportive { background: #e6f4ea; color: #1e5b2b; border-color: #2e7d32; }
.reveal, .wrong, .close { background: #f1f3f4; color: #202124; border-color: #9aa0a6; }
.panel { position: absolute; z-index: 2147483647; top: calc(100% + 4px); left: 0; width: max-content; max-width: min(360px, 80vw);
  background: #fff; color: #202124; border: 1px solid #9aa0a6; border-radius: 8px; padding: 8px 10px; box-shadow: 0 4px 16px rgba(0,0,0,.25); text-align: left; }
.panel[hidden], .reveal[hidden], .wrong[hidden] { display: none; }
.panel p { margin: 0 0 6px; }
.panel ul { margin: 0 0 8px; padding-left: 18px; }
.panel li { margin: 2px 0; }
.cue { font-weight: 600; }
.rule, .stage { color: #5f6368; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; }
:host([data-theme="dark"]) .badge.shaming { background: #4a1025; color: #ffd6e4; border-color: #f06292; }
:host([data-theme="dark"]) .badge.supportive { background: #163b20; color: #d2f5dc; border-color: #66bb6a; }
:host([data-theme="dark"]) .panel { background: #202124; color: #e8eaed; border-color: #5f6368; }
:host([data-theme="dark"]) .reveal, :host([data-theme="dark"]) .wrong, :host([data-theme="dark"]) .close { background: #3c4043; color: #e8eaed; border-color: #80868b; }
:host([data-theme="dark"]) .rule, :host([data-theme="dark"]) .stage { color: #bdc1c6; }
@media (pointer: coarse), (max-width: 480px) {
  button { min-height: 44px; min-width: 44px; padding: 0 12px; }
  .wrap { flex-wrap: wrap; }
  .panel { max-width: calc(100vw - 16px); box-sizing: border-box; }
}
`;

const HOST_STYLE = {
  display: 'inline-block', visibility: 'visible', opacity: '1', position: 'static', float: 'none',
  transform: 'none', filter: 'none', 'clip-path': 'none', width: 'auto', height: 'auto', 'max-width': 'none',
  overflow: 'visible', 'font-size': '12px', 'z-index': 'auto', 'pointer-events': 'auto', 'user-select': 'none',
};

let nextId = 0;
// Space kept between an open popover and the screen's edges.
const POPOVER_MARGIN_PX = 8;

// One stylesheet shared by every badge's shadow root, where the browser lets
// a content script adopt one (Chromium); elsewhere each root gets a <style>.
// A thousand copies of the same <style> cost the page long style recalcs.
let sharedSheet;
function adoptStyles(root) {
  try {
    if (sharedSheet === undefined) {
      sharedSheet = null;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(BADGE_CSS);
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length !== 1) return false;
      sharedSheet = sheet;
      return true;
    }
    if (!sharedSheet) return false;
    root.adoptedStyleSheets = [sharedSheet];
    return true;
  } catch {
    sharedSheet = null;
    return false;
  }
}

MamaLens.Badge = class Badge {
  constructor(doc, handlers) {
    this.handlers = handlers;
    // A name of our own (a valid custom element name, so it can hold a shadow
    // root without being defined): page rules for span, div or button miss
    // it, and inline !important styles outrank the page's own !important.
    this.host = doc.createElement('mamalens-badge');
    this.host.setAttribute('data-mamalens-badge', '');
    for (const [k, v] of Object.entries(HOST_STYLE)) this.host.style.setProperty(k, v, 'important');
    const root = this.host.attachShadow({ mode: 'open' });
    const el = (tag, cls, parent) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      parent.appendChild(e);
      return e;
    };
    if (!adoptStyles(root)) el('style', '', root).textContent = BADGE_CSS;
    const wrap = el('span', 'wrap', root);
    this.wrap = wrap;
    this.button = el('button', 'badge', wrap);
    this.button.type = 'button';
    this.button.setAttribute('aria-expanded', 'false');
    this.reveal = el('button', 'reveal', wrap);
    this.reveal.type = 'button';
    this.reveal.textContent = MamaLens.t('badge_showAnyway');
    this.reveal.hidden = true;
    this.panel = el('div', 'panel', wrap);
    this.panel.id = `mamalens-panel-${nextId++}`;
    this.panel.setAttribute('role', 'group');
    this.panel.hidden = true;
    this.button.setAttribute('aria-controls', this.panel.id);
    this.head = el('p', 'head', this.panel);
    this.scores = el('p', 'scores', this.panel);
    this.stage = el('p', 'stage', this.panel);
    this.list = el('ul', 'cues', this.panel);
    const actions = el('div', 'actions', this.panel);
    this.wrong = el('button', 'wrong', actions);
    this.wrong.type = 'button';
    const close = el('button', 'close', actions);
    close.type = 'button';
    close.textContent = MamaLens.t('badge_close');
    this.close = close;

    this.button.addEventListener('click', (e) => {
      e.stopPropagation();
      e.preventDefault();
      this.toggle();
    });
    close.addEventListener('click', (e) => {
      e.stopPropagation();
      this.toggle(false);
      this.button.focus();
    });
    this.reveal.addEventListener('click', (e) => {
      e.stopPropagation();
      e.preventDefault();
      handlers.onReveal?.();
    });
    this.wrong.addEventListener('click', (e) => {
      e.stopPropagation();
      e.preventDefault();
      handlers.onWrong?.();
    });
    // Escape closes an open popover wherever focus is (a tap may leave it
    // on the page rather than on the badge).
    this.onKey = (e) => {
      if (e.key !== 'Escape' || this.panel.hidden) return;
      this.toggle(false);
      this.button.focus({ preventScroll: true });
    };
    // Clicks inside the badge must not open the post underneath (X, Reddit).
    this.host.addEventListener('click', (e) => e.stopPropagation());
  }

  toggle(open = this.panel.hidden) {
    if (open) this.fill();
    const doc = this.host.ownerDocument;
    if (open) doc.addEventListener('keydown', this.onKey, true);
    else doc.removeEventListener('keydown', this.onKey, true);
    this.panel.hidden = !open;
    this.wrap.classList.toggle('open', open);
    this.button.setAttribute('aria-expanded', String(open));
    if (open) this.place();
  }

  // Keeps the open popover inside the screen's width (a phone's is 360 px):
  // moved left, or right, by as much as it would stick out.
  place() {
    this.panel.style.left = '';
    const width = this.host.ownerDocument.documentElement.clientWidth;
    const r = this.panel.getBoundingClientRect();
    let shift = 0;
    if (r.right > width - POPOVER_MARGIN_PX) shift = width - POPOVER_MARGIN_PX - r.right;
    if (r.left + shift < POPOVER_MARGIN_PX) shift = POPOVER_MARGIN_PX - r.left;
    if (shift) this.panel.style.left = `${Math.round(shift)}px`;
  }

  // The badge itself now; the "why" list when the popover opens (a page of
  // a thousand replies would otherwise carry a thousand hidden lists).
  update(verdict, { veiled, theme, stage }) {
    this.verdict = verdict;
    // A reply read in Spanish or Portuguese has no second stage to speak of
    // (the popover says what read it instead).
    this.stage.textContent = STAGE_KEYS[stage] && !LANGUAGE_KEYS[verdict.lang] ? MamaLens.t(STAGE_KEYS[stage]) : '';
    // The words may have changed language since the badge was made.
    this.reveal.textContent = MamaLens.t('badge_showAnyway');
    this.close.textContent = MamaLens.t('badge_close');
    this.filled = false;
    if (!this.panel.hidden) this.fill();
    const shaming = verdict.label === 'shaming';
    this.host.setAttribute('data-theme', theme);
    this.host.setAttribute('data-label', verdict.label);
    this.button.className = `badge ${verdict.label}`;
    this.button.textContent = shaming ? `\u26A0 ${MamaLens.t('badge_shaming')}` : `\u2665 ${MamaLens.t('badge_support')}`;
    const categories = verdict.categories.length ? ` \u2014 ${verdict.categories.map(MamaLens.categoryWords).join(', ')}` : '';
    this.button.setAttribute('aria-label', MamaLens.t(shaming ? 'badge_ariaShaming' : 'badge_ariaSupportive', categories));
    this.panel.setAttribute('aria-label', MamaLens.t('badge_panelLabel'));
    this.head.textContent = `${MamaLens.t(shaming ? 'badge_headShaming' : 'badge_headSupportive')}${categories}`;
    this.wrong.textContent = MamaLens.t(shaming ? 'badge_neverFlag' : 'badge_neverMark');
    this.reveal.hidden = !veiled;
  }

  fill() {
    const verdict = this.verdict;
    if (this.filled || !verdict) return;
    this.filled = true;
    const language = LANGUAGE_KEYS[verdict.lang];
    this.scores.textContent = language
      ? MamaLens.t('badge_readIn', MamaLens.t(language))
      : MamaLens.t('badge_scores', [verdict.shaming.toFixed(2), verdict.support.toFixed(2)]);
    this.list.replaceChildren();
    for (const cue of verdict.cues) {
      const li = this.list.ownerDocument.createElement('li');
      const words = li.ownerDocument.createElement('span');
      words.className = 'cue';
      words.textContent = `\u201C${cue.text}\u201D`;
      li.appendChild(words);
      const kind = MamaLens.t(cue.polarity === 'shaming' ? 'badge_cueShaming' : 'badge_cueSupport', MamaLens.categoryWords(cue.category));
      li.appendChild(li.ownerDocument.createTextNode(` ${kind}`));
      if (cue.rule) {
        const rule = li.ownerDocument.createElement('span');
        rule.className = 'rule';
        rule.textContent = ` (${ruleWords(cue.rule)})`;
        li.appendChild(rule);
      }
      this.list.appendChild(li);
    }
  }

  remove() {
    this.host.ownerDocument.removeEventListener('keydown', this.onKey, true);
    this.host.remove();
  }
};
