// Facebook: comments under posts. Comments are role=article elements whose
// aria-label starts "Comment by" / "Reply by"; the text is in div[dir=auto].
// Checked against: tests/fixtures/facebook/post_comments.html (built from
// Facebook's public comment markup; no saved real page could be had).
// Checked on URLs: https://www.facebook.com/<page>/posts/<id>
MamaLens.registerAdapter({
  id: 'facebook',
  selectors: {
    reply: 'div[role="article"][aria-label^="Comment by"], div[role="article"][aria-label^="Reply by"]',
    text: 'div[dir="auto"]',
    author: 'a[role="link"] span[dir="auto"], a[role="link"] span',
    time: 'a[href*="comment_id="]',
  },
  detect(doc) {
    return !!doc.querySelector(this.selectors.reply);
  },
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.reply);
  },
  extract(el) {
    // The comment's own text block: the first dir=auto div not inside a nested comment.
    const text = [...el.querySelectorAll(this.selectors.text)].find((d) => d.closest('div[role="article"]') === el && d.textContent.trim());
    if (!text) return null;
    const label = el.getAttribute('aria-label') ?? '';
    const author = label.replace(/^(Comment|Reply) by\s+/, '').replace(/\s+(\d.*|a .*ago)$/, '').trim() || null;
    const link = el.querySelector(this.selectors.time);
    return {
      textElement: text,
      author,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), 'https://www.facebook.com/'),
      timestamp: null,
    };
  },
});
