// X / Twitter: replies on status pages and posts in timelines.
// Checked against: shared/fixtures/x/tweetyoink_x-tweet-{sample,quote,quote-video}.html
// (real markup, 2025-10).
// Checked on URLs: https://x.com/serenawilliams/status/1015708254233669632,
// https://twitter.com/<user>/status/<id>, https://mobile.x.com/<user>/status/<id>.
MamaLens.registerAdapter({
  id: 'x',
  selectors: {
    reply: 'article[data-testid="tweet"]',
    text: '[data-testid="tweetText"]',
    userName: '[data-testid="User-Name"]',
    // A quote tweet nests the quoted post, text and all, inside a role=link block.
    quoted: 'div[role="link"]',
  },
  detect(doc) {
    return !!doc.querySelector('article[data-testid="tweet"] [data-testid="tweetText"]');
  },
  extract(el) {
    const own = [...el.querySelectorAll(this.selectors.text)].find((t) => !t.closest(this.selectors.quoted) || !el.contains(t.closest(this.selectors.quoted)));
    if (!own) return null;
    const user = el.querySelector(this.selectors.userName);
    const handle = user ? [...user.querySelectorAll('span')].map((s) => s.textContent.trim()).find((t) => /^@\w{1,30}$/.test(t)) : null;
    const time = [...el.querySelectorAll('time')].find((t) => !t.closest(this.selectors.quoted));
    const link = time?.closest('a[href*="/status/"]');
    return {
      textElement: own,
      author: handle,
      permalink: MamaLens.adapterUtil.absolute(link?.getAttribute('href'), MamaLens.adapterUtil.base()),
      timestamp: time?.getAttribute('datetime') ?? null,
    };
  },
});
