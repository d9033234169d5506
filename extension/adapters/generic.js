// Any other site the user switches on: blog and news comment sections.
// Heuristics, most specific first: common comment-system markup (WordPress,
// Disqus-like, Discourse), then schema.org Comment, then blocks whose id or
// class says "comment" and that hold a paragraph of text.
// Checked against: tests/fixtures/generic/wordpress_comments.html (a WordPress
// comment list in the default theme's public markup).
MamaLens.registerAdapter({
  id: 'generic',
  selectors: {
    reply: [
      'li.comment > article.comment-body',
      'article.comment-body',
      '[itemtype$="schema.org/Comment"]',
      '.comment-content',
      '.cooked',
    ].join(', '),
    text: '.comment-content, [itemprop="text"], .comment-body > p, .cooked, p',
  },
  detect() {
    return true;
  },
  findReplies(root) {
    const found = MamaLens.adapterUtil.all(root, this.selectors.reply);
    // Keep the outermost match of each comment.
    return found.filter((el) => !found.some((o) => o !== el && o.contains(el)));
  },
  extract(el) {
    const text = el.matches('.comment-content, .cooked') ? el : el.querySelector(this.selectors.text);
    if (!text || !text.textContent.trim()) return null;
    const author = ['.comment-author .fn', '.comment-author', '[itemprop="author"]', '.author', '.username'].map((sel) => el.querySelector(sel)).find(Boolean);
    const link = el.querySelector('.comment-metadata a, a[href*="#comment"], a.comment-link');
    return {
      textElement: text,
      author: MamaLens.adapterUtil.text(author) || null,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), MamaLens.adapterUtil.base()),
      timestamp: el.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
    };
  },
});
