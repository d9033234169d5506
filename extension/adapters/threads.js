// Threads (threads.net, threads.com): replies on a post page. Each post is a
// [data-pressable-container] block; the text is span[dir=auto] outside links.
// Checked against: tests/fixtures/threads/post_replies.html (built from Threads'
// public markup; no saved real page could be had).
// Checked on URLs: https://www.threads.com/@<user>/post/<id>
MamaLens.registerAdapter({
  id: 'threads',
  selectors: {
    reply: 'div[data-pressable-container="true"]',
    text: 'span[dir="auto"]',
    permalink: 'a[href*="/post/"]',
  },
  detect(doc) {
    return !!doc.querySelector('div[data-pressable-container="true"] a[href*="/post/"]');
  },
  extract(el) {
    const text = [...el.querySelectorAll(this.selectors.text)].find((s) => !s.closest('a') && s.textContent.trim() && !s.querySelector('time'));
    if (!text) return null;
    const link = el.querySelector(`${this.selectors.permalink} time`)?.closest('a') ?? el.querySelector(this.selectors.permalink);
    const handle = el.querySelector('a[href^="/@"]')?.getAttribute('href')?.match(/^\/@([\w.]+)/)?.[1] ?? null;
    return {
      textElement: text,
      author: handle,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), 'https://www.threads.com/'),
      timestamp: el.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
    };
  },
});
