// Site adapters register here. Each adapter file holds its selectors, where it
// applies, how it reads one reply, an optional init(signal, lens) for
// site-specific events, and the URLs and fixtures it was checked against.
globalThis.MamaLens ??= {};
MamaLens.adapters = [];

MamaLens.registerAdapter = (adapter) => {
  MamaLens.adapters.push(adapter);
  return adapter;
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
