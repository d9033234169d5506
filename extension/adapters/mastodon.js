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
    author: '.display-name__account',
    time: 'time[datetime]',
    statusTime: 'a.status__relative-time, .status__relative-time',
  },
  detect(doc) {
    return !!(doc.querySelector('#mastodon, body.app-body') && doc.querySelector('.status .status__content__text'));
  },
  findReplies(root) {
    return MamaLens.adapterUtil.all(root, this.selectors.reply).filter((s) => s.querySelector(this.selectors.text));
  },
  // The status link: the relative time's, else the one to /@user/<numeric id>.
  permalinkOf(el) {
    const link = el.querySelector(this.selectors.statusTime)?.closest('a') ?? [...el.querySelectorAll('a[href*="/@"]')].find((a) => /\/@[^/]+\/\d+$/.test(a.getAttribute('href')));
    return MamaLens.adapterUtil.absolute(link?.getAttribute('href'), MamaLens.adapterUtil.base());
  },
});
