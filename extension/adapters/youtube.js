// YouTube: comments and their replies on watch pages, and Shorts comments, on
// www.youtube.com and on m.youtube.com (its own ytm-* elements).
// Checked against: shared/fixtures/youtube/youtube_comment_thread_view_model_snippet.html
// (real, ~2024-25), shared/fixtures/youtube/postlight_watch_page_comments_not_loaded.html
// (real; no comments loaded: finds nothing) and tests/fixtures/youtube/mobile_comments.html
// (m.youtube.com, built from its public markup; no saved mobile page could be had).
// Checked on URLs: https://www.youtube.com/watch?v=<id>, https://www.youtube.com/shorts/<id>,
// https://m.youtube.com/watch?v=<id>
MamaLens.registerAdapter({
  id: 'youtube',
  selectors: {
    // ytd-comment-view-model (2024+) and ytd-comment-renderer (older); replies
    // use the same elements inside ytd-comment-replies-renderer.
    reply: 'ytd-comment-view-model, ytd-comment-renderer, ytm-comment-renderer',
    text: '#content-text',
    author: '#author-text',
    time: '#published-time-text a',
    // m.youtube.com: the text sits inside a button that opens the comment.
    mobileText: 'p.YtmCommentRendererText',
    mobileAuthor: '.YtmCommentRendererTitle',
    mobileButton: 'button.YtmCommentRendererContent',
  },
  detect(doc) {
    return !!doc.querySelector('ytd-comment-view-model #content-text, ytd-comment-renderer #content-text, ytm-comment-renderer p.YtmCommentRendererText');
  },
  extract(el) {
    if (el.localName === 'ytm-comment-renderer') {
      const text = el.querySelector(this.selectors.mobileText);
      if (!text) return null;
      const button = text.closest(this.selectors.mobileButton);
      return {
        textElement: text,
        // The badge goes after the button, not inside it: a button in a
        // button would open the comment instead of the popover.
        badgeAfter: button && el.contains(button) ? button : null,
        author: MamaLens.adapterUtil.text(el.querySelector(this.selectors.mobileAuthor)) || null,
        permalink: null, // the mobile comment carries no link of its own
        timestamp: null,
      };
    }
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
