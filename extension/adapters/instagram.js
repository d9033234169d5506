// Instagram: post comments. Instagram has no semantic hooks, only generated
// class names that change when it redeploys, so this adapter works from
// structure: a comment is the block holding a permalink to /c/<id>/ with a
// <time>, the author link, and a span[dir=auto] with the text.
// Checked against: shared/fixtures/instagram/instagram_post_comments_excerpt_2026.html
// (real, 2026-06). A test fails when this structure stops matching it.
// Checked on URLs: https://www.instagram.com/p/<id>/
MamaLens.registerAdapter({
  id: 'instagram',
  selectors: {
    permalink: 'a[href*="/c/"]',
  },
  detect(doc) {
    return !!doc.querySelector('a[href*="/p/"][href*="/c/"] time[datetime]');
  },
  findReplies(root) {
    const out = new Set();
    for (const time of MamaLens.adapterUtil.all(root, 'a[href*="/c/"] time[datetime]')) {
      const block = this.blockOf(time.closest('a'));
      if (block) out.add(block);
    }
    return [...out];
  },
  // The smallest ancestor of the permalink that also holds the comment text.
  blockOf(link) {
    for (let el = link?.parentElement, depth = 0; el && depth < 8; el = el.parentElement, depth++) {
      if (this.textIn(el)) return el;
    }
    return null;
  },
  // The text span: not inside a link or a button, no <time>, and with words of
  // its own outside links (the author's wrapper span has none; a reply that
  // starts with an @mention has some).
  textIn(block) {
    return [...block.querySelectorAll('span[dir="auto"]')].find((s) => {
      if (s.closest('a, [role="button"]') || s.querySelector('time')) return false;
      const own = [...s.childNodes].filter((n) => !(n.nodeType === 1 && n.tagName === 'A')).map((n) => n.textContent).join('');
      return own.trim().length > 0;
    }) ?? null;
  },
  extract(el) {
    const text = this.textIn(el);
    if (!text) return null;
    const link = el.querySelector(this.selectors.permalink);
    const authorLink = [...el.querySelectorAll('a[href^="/"], a[href^="https://www.instagram.com/"]')].find((a) => !a.href.includes('/c/') && !a.href.includes('/p/') && a.textContent.trim());
    return {
      textElement: text,
      author: MamaLens.adapterUtil.text(authorLink) || null,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), 'https://www.instagram.com/'),
      timestamp: link?.querySelector('time')?.getAttribute('datetime') ?? null,
    };
  },
});
