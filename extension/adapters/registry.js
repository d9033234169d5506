// Site adapters register here. An adapter is mostly data: its selectors,
// where it applies (detect), and the URLs and fixtures it was checked
// against; the registry supplies findReplies and extract from the selectors
// (ADAPTER_DEFAULTS below), and an adapter writes code only where its markup
// needs it, plus an optional init(signal, lens) for site-specific events.
globalThis.MamaLens ??= {};
MamaLens.adapters = [];

// What an adapter that is only data gets: its replies are the matches of
// selectors.reply, and a reply's parts are read through selectors.text,
// selectors.author (its text), selectors.permalink (its href, resolved
// against `home`, else the page) and selectors.time (its datetime). An
// adapter overrides findReplies or extract when its markup needs code, or
// only one part of extract: textOf, authorOf, permalinkOf or timestampOf.
MamaLens.ADAPTER_DEFAULTS = Object.freeze({
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.reply);
  },
  extract(el) {
    const textElement = this.textOf(el);
    if (!textElement) return null;
    return { textElement, author: this.authorOf(el), permalink: this.permalinkOf(el), timestamp: this.timestampOf(el) };
  },
  textOf(el) {
    return el.querySelector(this.selectors.text);
  },
  authorOf(el) {
    return this.selectors.author ? MamaLens.adapterUtil.text(el.querySelector(this.selectors.author)) || null : null;
  },
  permalinkOf(el) {
    const href = this.selectors.permalink ? el.querySelector(this.selectors.permalink)?.getAttribute('href') : null;
    return MamaLens.adapterUtil.absolute(href, this.home ?? MamaLens.adapterUtil.base());
  },
  timestampOf(el) {
    return this.selectors.time ? el.querySelector(this.selectors.time)?.getAttribute('datetime') ?? null : null;
  },
});

MamaLens.registerAdapter = (adapter) => {
  const full = { ...MamaLens.ADAPTER_DEFAULTS, ...adapter };
  MamaLens.adapters.push(full);
  return full;
};

// The adapter for this page: by host first, then by markup (Mastodon
// instances, and hosts the user switched on that embed a known site's markup),
// and the generic heuristic adapter last.
MamaLens.pickAdapter = (location, doc) => {
  const site = MamaLens.siteForHost(location.hostname);
  if (site) return MamaLens.adapters.find((a) => a.id === site.id) ?? null;
  for (const a of MamaLens.adapters) {
    if (a.id !== 'generic' && a.detect?.(doc)) return a;
  }
  return MamaLens.adapters.find((a) => a.id === 'generic') ?? null;
};

// Helpers shared by adapters.
MamaLens.adapterUtil = {
  // The page's own URL, for resolving relative links.
  base: () => globalThis.location?.href ?? 'https://invalid.invalid/',
  text: (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : ''),
  attr: (el, name) => (el ? el.getAttribute(name) : null),
  absolute: (href, base) => {
    if (!href) return null;
    try {
      return new URL(href, base).href;
    } catch {
      return null;
    }
  },
  // All matches of `selector` under root, the root itself included.
  all: (root, selector) => {
    const found = root.querySelectorAll ? [...root.querySelectorAll(selector)] : [];
    if (root.matches?.(selector)) found.unshift(root);
    return found;
  },
};
