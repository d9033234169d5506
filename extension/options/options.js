// The options page: scoring and display settings, the user's own words
// (validated by the Scorer itself before they are saved), sites, and the store.
(async () => {
  const $ = (id) => document.getElementById(id);
  const send = (msg) => ext.runtime.sendMessage(msg);
  const lines = (id) => $(id).value.split('\n').map((l) => l.trim()).filter(Boolean);
  await MamaLens.localizePage();

  async function render() {
    const s = await MamaLens.loadSettings();
    $('sensitivity').value = s.sensitivity;
    $('sensitivity-value').textContent = s.sensitivity.toFixed(2);
    for (const r of document.querySelectorAll('input[name="mode"]')) r.checked = r.value === s.mode;
    for (const k of ['highlightShaming', 'highlightSupport', 'storeSupportive']) $(k).checked = s[k];
    for (const k of ['customShaming', 'customSupport', 'allowlist']) $(k).value = s[k].join('\n');
    $('locale').value = s.locale;
    renderSites(s);
  }

  $('sensitivity').addEventListener('input', () => ($('sensitivity-value').textContent = Number($('sensitivity').value).toFixed(2)));
  $('sensitivity').addEventListener('change', () => MamaLens.saveSettings({ sensitivity: Number($('sensitivity').value) }));
  for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener('change', () => MamaLens.saveSettings({ mode: r.value }));
  for (const k of ['highlightShaming', 'highlightSupport', 'storeSupportive']) $(k).addEventListener('change', () => MamaLens.saveSettings({ [k]: $(k).checked }));
  // The page redraws itself in the language chosen; open tabs' badges follow
  // (content/main.js), and the popup opens in it.
  $('locale').addEventListener('change', async () => {
    await MamaLens.saveSettings({ locale: $('locale').value });
    location.reload();
  });

  // Each list is checked alone so the error lands next to its own field.
  $('save-lexicon').addEventListener('click', async () => {
    const lists = { customShaming: lines('customShaming'), customSupport: lines('customSupport'), allowlist: lines('allowlist') };
    const asOptions = {
      customShaming: (v) => ({ customLexicon: { shaming: v } }),
      customSupport: (v) => ({ customLexicon: { support: v } }),
      allowlist: (v) => ({ allowlist: v }),
    };
    let ok = true;
    for (const [k, v] of Object.entries(lists)) {
      const r = await send({ type: MamaLens.MSG.validate, options: asOptions[k](v) });
      // The core's own message, in English, about the line it names.
      const message = r.ok ? '' : (r.error ?? MamaLens.t('options_lexiconInvalid')).replace(/^customLexicon\.(shaming|support)|^allowlist/, MamaLens.t('options_lexiconLine'));
      $(`${k}-error`).textContent = message;
      $(k).setAttribute('aria-invalid', String(!r.ok));
      ok &&= r.ok;
    }
    if (!ok) {
      $('lexicon-status').textContent = MamaLens.t('options_notSaved');
      return;
    }
    await MamaLens.saveSettings(lists);
    $('lexicon-status').textContent = MamaLens.t('options_saved');
    showLexiconInfo();
  });

  // One switch per built-in site, its hosts listed under it; then one per
  // host the user added (each was granted on its own).
  function renderSites(s) {
    const list = $('sites');
    list.replaceChildren();
    const builtIn = new Set(MamaLens.SITES.flatMap((site) => site.hosts));
    const rows = MamaLens.SITES.filter((site) => site.hosts.length).map((site) => ({ name: MamaLens.siteName(site), id: site.id, hosts: site.hosts }));
    for (const h of Object.keys(s.sites).sort()) if (!builtIn.has(h)) rows.push({ name: h, id: 'user', hosts: [h] });
    for (const row of rows) {
      const li = document.createElement('li');
      li.dataset.site = row.id;
      const text = document.createElement('div');
      const name = document.createElement('div');
      name.className = 'site-name';
      name.textContent = row.name;
      const hosts = document.createElement('div');
      hosts.className = 'note site-hosts';
      hosts.textContent = row.id === 'user' ? MamaLens.t('options_addedByYou') : row.hosts.join(', ');
      text.append(name, hosts);
      const sw = document.createElement('button');
      sw.className = 'switch';
      sw.setAttribute('role', 'switch');
      sw.setAttribute('aria-label', MamaLens.t('options_siteSwitch', row.name));
      const host = row.hosts[0];
      sw.setAttribute('aria-checked', String(MamaLens.isHostEnabled(s, host)));
      sw.addEventListener('click', async () => {
        const cur = await MamaLens.loadSettings();
        const next = await MamaLens.saveSettings({ sites: MamaLens.withSite(cur, host, !MamaLens.isHostEnabled(cur, host)) });
        sw.setAttribute('aria-checked', String(MamaLens.isHostEnabled(next, host)));
      });
      li.append(text, sw);
      list.appendChild(li);
    }
  }

  async function refreshStore() {
    const store = await send({ type: MamaLens.MSG.storeGet });
    const n = Object.keys(store.records ?? {}).length;
    $('store-count').textContent = n;
    // The number is its own element; the words after it agree with it.
    $('store-kept').textContent = MamaLens.tn('options_storeKept', n);
    $('store-full').textContent = store.full ? MamaLens.tn('options_storeFull', store.refused) : '';
    return store;
  }
  for (const format of ['csv', 'json']) {
    $(`export-${format}`).addEventListener('click', async () => MamaLens.exportFlagged(document, await refreshStore(), format));
  }
  $('clear-store').addEventListener('click', async () => {
    if (!confirm(MamaLens.t('options_clearConfirm'))) return;
    await send({ type: MamaLens.MSG.storeClear });
    refreshStore();
  });

  async function showLexiconInfo() {
    const info = await send({ type: MamaLens.MSG.lexiconInfo });
    if (info?.counts) $('lexicon-info').textContent = MamaLens.t('options_lexiconInfo', [info.version, info.counts.shaming, info.counts.support]);
  }

  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[MamaLens.STORE_KEY]) refreshStore();
  });
  await render();
  await refreshStore();
  showLexiconInfo();
})();
