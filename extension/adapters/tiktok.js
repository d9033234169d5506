// TikTok: video comments and replies, found by TikTok's data-e2e test hooks
// (comment-level-1 for comments, comment-level-2 for replies).
// Checked against: tests/fixtures/tiktok/video_comments.html (built from
// TikTok's public comment markup; no saved real page could be had).
// Checked on URLs: https://www.tiktok.com/@<user>/video/<id>
MamaLens.registerAdapter({
  id: 'tiktok',
  selectors: {
    text: '[data-e2e="comment-level-1"], [data-e2e="comment-level-2"]',
  },
  detect(doc) {
    return !!doc.querySelector(this.selectors.text);
  },
  // The reply element is the text's parent block (the comment's content box).
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.text).map((t) => t.parentElement).filter(Boolean);
  },
  extract(el) {
    const text = el.querySelector(':scope > [data-e2e="comment-level-1"], :scope > [data-e2e="comment-level-2"]');
    if (!text) return null;
    const level = text.getAttribute('data-e2e').endsWith('2') ? '2' : '1';
    const user = el.querySelector(`[data-e2e="comment-username-${level}"]`);
    const link = user?.closest('a') ?? user?.querySelector('a');
    return {
      textElement: text,
      author: MamaLens.adapterUtil.text(user) || link?.getAttribute('href')?.replace(/^\/@/, '') || null,
      permalink: null, // TikTok gives comments no URL of their own
      timestamp: null,
    };
  },
});
