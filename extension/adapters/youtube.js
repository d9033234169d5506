// YouTube: comments and their replies on watch pages, and Shorts comments.
// Checked against: shared/fixtures/youtube/youtube_comment_thread_view_model_snippet.html
// (real, ~2024-25), shared/fixtures/youtube/postlight_watch_page_comments_not_loaded.html
// (real; no comments loaded: finds nothing) and tests/fixtures/youtube/replies_and_shorts.html
// (expanded replies and a Shorts panel, built from the same real elements).
// Checked on URLs: https://www.youtube.com/watch?v=<id>, https://www.youtube.com/shorts/<id>
MamaLens.registerAdapter({
  id: 'youtube',
  selectors: {
    // ytd-comment-view-model (2024+) and ytd-comment-renderer (older); replies
    // use the same elements inside ytd-comment-replies-renderer.
    reply: 'ytd-comment-view-model, ytd-comment-renderer',
    text: '#content-text',
    author: '#author-text',
    time: '#published-time-text a',
  },
  detect(doc) {
    return !!doc.querySelector('ytd-comment-view-model #content-text, ytd-comment-renderer #content-text');
  },
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.reply);
  },
  extract(el) {
    const text = el.querySelector(this.selectors.text);
    if (!text) return null;
    const link = el.querySelector(this.selectors.time);
    return {
      textElement: text,
      author: MamaLens.adapterUtil.text(el.querySelector(this.selectors.author)) || null,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), 'https://www.youtube.com/'),
      timestamp: null, // YouTube shows only relative times ("12 hours ago")
    };
  },
  // YouTube is a single-page app that re-uses comment elements across videos;
  // its own navigation event tells the lens to look again.
  init(signal, lens) {
    document.addEventListener('yt-navigate-finish', () => lens.rescan(), { signal });
  },
});
