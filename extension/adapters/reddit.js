// Reddit: www (shreddit-comment custom elements; the same markup is Reddit's
// mobile web, on www and m.reddit.com) and old.reddit.com.
// Checked against: shared/fixtures/reddit/shreddit_post_detail_comments_excerpt_2026.html
// (real, 2026-06) and tests/fixtures/reddit/old_reddit_comments.html (built from
// old Reddit's public markup; no saved real page could be had).
// Checked on URLs: https://www.reddit.com/r/Mommit/comments/<id>/<slug>/,
// https://old.reddit.com/r/Mommit/comments/<id>/<slug>/,
// https://m.reddit.com/r/Mommit/comments/<id>/<slug>/
MamaLens.registerAdapter({
  id: 'reddit',
  selectors: {
    // Replies nest inside their parent comment: take the comment's own slot only.
    reply: 'shreddit-comment, .thing.comment',
    newText: ':scope > div[slot="comment"]',
    oldText: ':scope > .entry .usertext-body .md',
  },
  detect(doc) {
    return !!doc.querySelector('shreddit-comment > div[slot="comment"], .thing.comment .usertext-body');
  },
  extract(el) {
    const base = MamaLens.adapterUtil.base();
    if (el.localName === 'shreddit-comment') {
      const text = el.querySelector(this.selectors.newText);
      if (!text) return null;
      return {
        textElement: text,
        author: el.getAttribute('author'),
        permalink: MamaLens.adapterUtil.absolute(el.getAttribute('permalink'), 'https://www.reddit.com/'),
        timestamp: el.getAttribute('created') ?? el.querySelector('time')?.getAttribute('datetime') ?? null,
      };
    }
    const text = el.querySelector(this.selectors.oldText);
    if (!text) return null;
    return {
      textElement: text,
      author: el.getAttribute('data-author') ?? MamaLens.adapterUtil.text(el.querySelector(':scope > .entry .author')),
      permalink: MamaLens.adapterUtil.absolute(el.getAttribute('data-permalink'), base),
      timestamp: el.querySelector(':scope > .entry time')?.getAttribute('datetime') ?? null,
    };
  },
});
