// Mastodon: any instance. Detected from the page (the web UI's own markup)
// once the user grants the host in the popup (an optional host permission).
// Checked against: shared/fixtures/mastodon/mastodon_home_timeline_excerpt_2026.html
// (real, mastodon.social 4.6, 2026-06).
// Checked on URLs: https://mastodon.social/@<user>/<id>, https://<instance>/home
MamaLens.registerAdapter({
  id: 'mastodon',
  selectors: {
    reply: '.status',
    text: '.status__content__text',
    account: '.display-name__account',
    time: 'a.status__relative-time, .status__relative-time',
  },
  detect(doc) {
    return !!(doc.querySelector('#mastodon, body.app-body') && doc.querySelector('.status .status__content__text'));
  },
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.reply).filter((s) => s.querySelector(this.selectors.text));
  },
  extract(el) {
    const text = el.querySelector(this.selectors.text);
    if (!text) return null;
    // The status link is the one to /@user/<numeric id>.
    const timeLink = el.querySelector(this.selectors.time)?.closest('a') ?? [...el.querySelectorAll('a[href*="/@"]')].find((a) => /\/@[^/]+\/\d+$/.test(a.getAttribute('href')));
    return {
      textElement: text,
      author: MamaLens.adapterUtil.text(el.querySelector(this.selectors.account)) || null,
      permalink: MamaLens.adapterUtil.absolute(timeLink?.getAttribute('href'), MamaLens.adapterUtil.base()),
      timestamp: el.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
    };
  },
});
