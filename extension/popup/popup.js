// The popup: the current site, its switch, this page's counts, and export.
(async () => {
  const $ = (id) => document.getElementById(id);
  const send = (msg) => ext.runtime.sendMessage(msg);
  await MamaLens.localizePage();

  // Tests open the popup as a page and name the tab; a user opens it on the active tab.
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param ? await ext.tabs.get(Number(param)).catch(() => null) : (await ext.tabs.query({ active: true, currentWindow: true }))[0];

  let status = null;
  if (tab?.id !== undefined) status = await ext.tabs.sendMessage(tab.id, { type: MamaLens.MSG.status }).catch(() => null);
  const host = status?.host ?? (tab?.url ? safeHost(tab.url) : null);
  const site = host ? MamaLens.siteForHost(host) : null;
  $('site').textContent = host ? `${host}${site ? ` (${MamaLens.siteName(site)})` : status ? ` (${MamaLens.siteById(status.site) ? MamaLens.siteName(MamaLens.siteById(status.site)) : status.site})` : ''}` : MamaLens.t('popup_noWebPage');

  async function renderSwitch() {
    const settings = await MamaLens.loadSettings();
    const on = MamaLens.isHostEnabled(settings, host);
    $('toggle').setAttribute('aria-checked', String(on));
    $('toggle-label').textContent = MamaLens.t(on ? 'popup_onForSite' : 'popup_offForSite');
  }

  if (status) {
    $('toggle').hidden = false;
    $('toggle-label').hidden = false;
    await renderSwitch();
    $('toggle').addEventListener('click', async () => {
      const settings = await MamaLens.loadSettings();
      const on = !MamaLens.isHostEnabled(settings, host);
      await MamaLens.saveSettings({ sites: MamaLens.withSite(settings, host, on) });
      await renderSwitch();
    });
    // The content script reports its counts whenever they change (after the
    // switch, as replies are scored); its message reaches this page too.
    ext.runtime.onMessage.addListener((msg, sender) => {
      if (msg?.type === MamaLens.MSG.counts && sender.id === ext.runtime.id && sender.tab?.id === tab.id) refreshCounts();
    });
    await refreshCounts();
  } else if (host && /^https?:/.test(tab?.url ?? '')) {
    $('unsupported').hidden = false;
    $('unsupported').textContent = MamaLens.t('popup_notRunning');
    $('enable-here').hidden = false;
    $('enable-here').addEventListener('click', async () => {
      const origin = `${new URL(tab.url).origin}/*`;
      const granted = await ext.permissions.request({ origins: [origin] });
      if (!granted) return;
      const settings = await MamaLens.loadSettings();
      await MamaLens.saveSettings({ sites: MamaLens.withSite(settings, host, true) });
      await send({ type: MamaLens.MSG.syncHosts });
      await ext.scripting.executeScript({ target: { tabId: tab.id }, files: ext.runtime.getManifest().content_scripts[0].js });
      await ext.scripting.insertCSS({ target: { tabId: tab.id }, files: ext.runtime.getManifest().content_scripts[0].css });
      window.close();
    });
  } else {
    $('unsupported').hidden = false;
    $('unsupported').textContent = MamaLens.t('popup_webPagesOnly');
  }

  async function refreshCounts() {
    const s = await ext.tabs.sendMessage(tab.id, { type: MamaLens.MSG.status }).catch(() => null);
    if (!s) return;
    $('counts').hidden = !s.enabled;
    $('count-shaming').textContent = s.counts.shaming;
    $('count-supportive').textContent = s.counts.supportive;
    $('count-neutral').textContent = s.counts.neutral;
  }

  // The second stage's state, while the popup is open: it loads on first
  // need, and labels may still change while it reads.
  const READER_WORDS = {
    idle: () => MamaLens.t('reader_idle'),
    loading: () => MamaLens.t('reader_loading'),
    ready: (r) => (r.queued ? MamaLens.tn('reader_reading', r.queued) : MamaLens.tn('reader_ready', r.read)),
    failed: (r) => (r.retryInMs
      ? MamaLens.t('reader_failedRetryIn', [r.reason, Math.ceil(r.retryInMs / 1000)])
      : MamaLens.t('reader_failedRetryNext', r.reason)),
  };
  let readerTimer = null;
  function showReader(r) {
    $('reader').setAttribute('data-state', r.state);
    $('reader').textContent = (READER_WORDS[r.state] ?? READER_WORDS.idle)(r);
    $('reader-retry').hidden = r.state !== 'failed';
  }
  async function refreshReader() {
    clearTimeout(readerTimer);
    const r = await send({ type: MamaLens.MSG.readerStatus }).catch(() => null);
    if (r && !r.error) showReader(r);
    readerTimer = setTimeout(refreshReader, 1000);
  }
  $('reader-retry').addEventListener('click', async () => {
    $('reader-retry').disabled = true;
    $('reader').textContent = READER_WORDS.loading();
    const r = await send({ type: MamaLens.MSG.readerRetry }).catch(() => null);
    $('reader-retry').disabled = false;
    if (r && !r.error) showReader(r);
  });
  await refreshReader();

  async function refreshStore() {
    const store = await send({ type: MamaLens.MSG.storeGet });
    const n = Object.keys(store.records ?? {}).length;
    $('store-count').textContent = n;
    $('store-full').hidden = !store.full;
    $('store-full').textContent = store.full ? MamaLens.tn('popup_storeFull', store.refused) : '';
    return store;
  }
  await refreshStore();

  for (const format of ['csv', 'json']) {
    $(`export-${format}`).addEventListener('click', async () => MamaLens.exportFlagged(document, await refreshStore(), format));
  }

  function safeHost(url) {
    try {
      return new URL(url).hostname || null;
    } catch {
      return null;
    }
  }
})();
