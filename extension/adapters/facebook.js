// Facebook: comments under posts. Comments are role=article elements whose
// aria-label starts "Comment by" / "Reply by"; the text is in div[dir=auto].
// On m.facebook.com's touch markup a comment is div[data-sigil~=comment]
// with its text in [data-sigil=comment-body].
// Checked against: tests/fixtures/facebook/post_comments.html (built from
// Facebook's public comment markup; no saved real page could be had) and
// tests/fixtures/facebook/mobile_comments.html (m.facebook.com, built the same way).
// Checked on URLs: https://www.facebook.com/<page>/posts/<id>,
// https://m.facebook.com/story.php?story_fbid=<id>&id=<page>
MamaLens.registerAdapter({
  id: 'facebook',
  selectors: {
    reply: 'div[role="article"][aria-label^="Comment by"], div[role="article"][aria-label^="Reply by"], div[data-sigil~="comment"]',
    mobileText: '[data-sigil="comment-body"]',
    mobileAuthor: '._2b05 a',
    text: 'div[dir="auto"]',
    author: 'a[role="link"] span[dir="auto"], a[role="link"] span',
    time: 'a[href*="comment_id="]',
  },
  detect(doc) {
    return !!doc.querySelector(this.selectors.reply);
  },
  extract(el) {
    if (el.matches('[data-sigil~="comment"]')) {
      const own = (e) => e.closest('[data-sigil~="comment"]') === el;
      const text = [...el.querySelectorAll(this.selectors.mobileText)].find(own);
      if (!text) return null;
      const link = [...el.querySelectorAll(this.selectors.time)].find(own);
      return {
        textElement: text,
        author: MamaLens.adapterUtil.text([...el.querySelectorAll(this.selectors.mobileAuthor)].find(own)) || null,
        permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), 'https://m.facebook.com/'),
        timestamp: null, // only relative times ("2 hrs")
      };
    }
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
