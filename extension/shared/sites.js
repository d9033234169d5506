// Per-site behaviour as data: which hosts belong to which adapter, and whether
// MamaLens runs there by default. Content scripts, the popup, the options page
// and the background all read this one table.
globalThis.MamaLens ??= {};

MamaLens.SITES = [
  { id: 'x', name: 'X', hosts: ['x.com', 'mobile.x.com', 'twitter.com', 'mobile.twitter.com'] },
  { id: 'reddit', name: 'Reddit', hosts: ['www.reddit.com', 'old.reddit.com', 'new.reddit.com', 'm.reddit.com'] },
  { id: 'youtube', name: 'YouTube', hosts: ['www.youtube.com', 'm.youtube.com'] },
  { id: 'facebook', name: 'Facebook', hosts: ['www.facebook.com', 'm.facebook.com', 'web.facebook.com'] },
  { id: 'instagram', name: 'Instagram', hosts: ['www.instagram.com'] },
  { id: 'threads', name: 'Threads', hosts: ['www.threads.net', 'www.threads.com', 'threads.com'] },
  { id: 'bluesky', name: 'Bluesky', hosts: ['bsky.app'] },
  { id: 'tiktok', name: 'TikTok', hosts: ['www.tiktok.com'] },
  // Any instance: detected from the page once the user grants the host.
  { id: 'mastodon', name: 'Mastodon', hosts: [] },
  // Comment sections anywhere else, when the user switches a host on. Its
  // name is words, so shown as the message site_generic (shared/i18n.js).
  { id: 'generic', name: 'Other sites', hosts: [] },
];

MamaLens.siteById = (id) => MamaLens.SITES.find((s) => s.id === id) ?? null;
MamaLens.siteForHost = (host) => MamaLens.SITES.find((s) => s.hosts.includes(host)) ?? null;
