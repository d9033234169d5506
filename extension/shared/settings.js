// Settings live in storage.local (never storage.sync: that would send them to
// the browser vendor's servers).
globalThis.MamaLens ??= {};

MamaLens.DEFAULT_SETTINGS = Object.freeze({
  sensitivity: 0.5,
  mode: 'highlight', // 'highlight' | 'blur' | 'hide' (what happens to shaming replies)
  highlightShaming: true,
  highlightSupport: true,
  storeSupportive: false,
  sites: {}, // host -> true/false; absent means the default for that host
  customShaming: [],
  customSupport: [],
  allowlist: [],
  locale: '', // '' follows the browser's UI language; else one of UI_LOCALES
});

MamaLens.MODES = ['highlight', 'blur', 'hide'];
// The interface's languages: the folders of extension/_locales (a test checks).
MamaLens.UI_LOCALES = ['en', 'es', 'pt_BR'];

MamaLens.loadSettings = async () => {
  const { settings } = await ext.storage.local.get('settings');
  return MamaLens.normalizeSettings(settings);
};

// Whatever is stored (old versions, hand edits), the rest of the code sees
// well-formed settings.
MamaLens.normalizeSettings = (raw) => {
  const d = MamaLens.DEFAULT_SETTINGS;
  const s = raw && typeof raw === 'object' ? raw : {};
  const list = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  const num = Number(s.sensitivity);
  return {
    sensitivity: Number.isFinite(num) && num >= 0 && num <= 1 ? num : d.sensitivity,
    mode: MamaLens.MODES.includes(s.mode) ? s.mode : d.mode,
    highlightShaming: typeof s.highlightShaming === 'boolean' ? s.highlightShaming : d.highlightShaming,
    highlightSupport: typeof s.highlightSupport === 'boolean' ? s.highlightSupport : d.highlightSupport,
    storeSupportive: typeof s.storeSupportive === 'boolean' ? s.storeSupportive : d.storeSupportive,
    sites: MamaLens.migrateSites(s.sites),
    customShaming: list(s.customShaming),
    customSupport: list(s.customSupport),
    allowlist: list(s.allowlist),
    locale: MamaLens.UI_LOCALES.includes(s.locale) ? s.locale : d.locale,
  };
};

MamaLens.saveSettings = async (patch) => {
  const current = await MamaLens.loadSettings();
  const next = MamaLens.normalizeSettings({ ...current, ...patch });
  await ext.storage.local.set({ settings: next });
  return next;
};

// Per-host switches (host -> boolean), as they have always been stored. A
// built-in site has one switch over all its hosts, so every host of a site
// must share one state: an older store switched hosts one at a time (and a
// host added since, such as a mobile one, has no entry), so a site with any
// host switched off is off on all of them (off wins: the user asked for it
// somewhere), and a site switched on somewhere is on everywhere. Runs on
// every read, so older stores migrate without a write.
MamaLens.migrateSites = (raw) => {
  const sites = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return sites;
  for (const [host, on] of Object.entries(raw)) if (typeof on === 'boolean') sites[host] = on;
  for (const site of MamaLens.SITES) {
    const set = site.hosts.filter((h) => typeof sites[h] === 'boolean');
    if (!set.length) continue;
    const on = set.every((h) => sites[h]);
    for (const h of site.hosts) sites[h] = on;
  }
  return sites;
};

// The hosts one switch covers: all of a built-in site's, or the one host.
MamaLens.switchHosts = (host) => MamaLens.siteForHost(host)?.hosts ?? [host];

// The `sites` map with the switch for `host` set to `on`.
MamaLens.withSite = (settings, host, on) => {
  const sites = { ...settings.sites };
  for (const h of MamaLens.switchHosts(host)) sites[h] = on;
  return sites;
};

// Supported sites are on unless switched off; other hosts only when switched on.
MamaLens.isHostEnabled = (settings, host) => {
  const explicit = settings.sites[host];
  if (typeof explicit === 'boolean') return explicit;
  return MamaLens.siteForHost(host) !== null;
};

// The options the Wasm Scorer takes, from the settings.
MamaLens.scorerOptions = (settings) => ({
  sensitivity: settings.sensitivity,
  customLexicon: { shaming: settings.customShaming, support: settings.customSupport },
  allowlist: settings.allowlist,
});
