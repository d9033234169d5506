// Bluesky (bsky.app): replies in a thread (postThreadItem-by-*) and posts in
// feeds (feedItem-by-*). The handle is in the data-testid itself.
// Checked against: shared/fixtures/bluesky/bluesky_profile_feed_excerpt_2026.html
// (real, 2026-05: feed items). No fixture has a thread page's
// postThreadItem-by- items; that selector follows the feed items' pattern.
// Checked on URLs: https://bsky.app/profile/<handle>/post/<id>
MamaLens.registerAdapter({
  id: 'bluesky',
  selectors: {
    reply: '[data-testid^="postThreadItem-by-"], [data-testid^="feedItem-by-"]',
    text: '[data-testid="postText"]',
  },
  detect(doc) {
    return !!doc.querySelector('[data-testid^="feedItem-by-"] [data-testid="postText"], [data-testid^="postThreadItem-by-"] [data-testid="postText"]');
  },
  extract(el) {
    const text = el.querySelector(this.selectors.text);
    if (!text) return null;
    const id = el.getAttribute('data-testid') ?? '';
    const link = el.querySelector('a[href*="/post/"][data-tooltip], a[href*="/post/"]');
    const href = link?.getAttribute('href') ?? null;
    // Archived copies prefix links; keep from the bsky.app part on.
    const clean = href?.includes('https://bsky.app/') ? href.slice(href.indexOf('https://bsky.app/')) : href;
    const when = link?.getAttribute('data-tooltip') ?? link?.getAttribute('aria-label') ?? null;
    const parsed = when ? Date.parse(when.replace(' at ', ' ')) : NaN;
    return {
      textElement: text,
      author: id.replace(/^(postThreadItem|feedItem)-by-/, '') || null,
      permalink: MamaLens.adapterUtil.absolute(clean, 'https://bsky.app/'),
      timestamp: Number.isNaN(parsed) ? null : new Date(parsed).toISOString(),
    };
  },
});
