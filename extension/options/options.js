// The options page: scoring and display settings, the user's own words
// (validated by the Scorer itself before they are saved), sites, and the store.
(async () => {
  const $ = (id) => document.getElementById(id);
  const send = (msg) => ext.runtime.sendMessage(msg);
  const lines = (id) => $(id).value.split('\n').map((l) => l.trim()).filter(Boolean);

  async function render() {
    const s = await MamaLens.loadSettings();
    $('sensitivity').value = s.sensitivity;
    $('sensitivity-value').textContent = s.sensitivity.toFixed(2);
    for (const r of document.querySelectorAll('input[name="mode"]')) r.checked = r.value === s.mode;
    for (const k of ['highlightShaming', 'highlightSupport', 'storeSupportive']) $(k).checked = s[k];
    for (const k of ['customShaming', 'customSupport', 'allowlist']) $(k).value = s[k].join('\n');
    renderSites(s);
  }

  $('sensitivity').addEventListener('input', () => ($('sensitivity-value').textContent = Number($('sensitivity').value).toFixed(2)));
  $('sensitivity').addEventListener('change', () => MamaLens.saveSettings({ sensitivity: Number($('sensitivity').value) }));
  for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener('change', () => MamaLens.saveSettings({ mode: r.value }));
  for (const k of ['highlightShaming', 'highlightSupport', 'storeSupportive']) $(k).addEventListener('change', () => MamaLens.saveSettings({ [k]: $(k).checked }));

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
      const message = r.ok ? '' : (r.error ?? 'invalid').replace(/^customLexicon\.(shaming|support)|^allowlist/, 'line');
      $(`${k}-error`).textContent = message;
      $(k).setAttribute('aria-invalid', String(!r.ok));
      ok &&= r.ok;
    }
    if (!ok) {
      $('lexicon-status').textContent = 'Not saved: fix the lines marked above.';
      return;
    }
    await MamaLens.saveSettings(lists);
    $('lexicon-status').textContent = 'Saved.';
    showLexiconInfo();
  });

  // One switch per built-in site, its hosts listed under it; then one per
  // host the user added (each was granted on its own).
  function renderSites(s) {
    const list = $('sites');
    list.replaceChildren();
    const builtIn = new Set(MamaLens.SITES.flatMap((site) => site.hosts));
    const rows = MamaLens.SITES.filter((site) => site.hosts.length).map((site) => ({ name: site.name, id: site.id, hosts: site.hosts }));
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
      hosts.textContent = row.id === 'user' ? 'added by you' : row.hosts.join(', ');
      text.append(name, hosts);
      const sw = document.createElement('button');
      sw.className = 'switch';
      sw.setAttribute('role', 'switch');
      sw.setAttribute('aria-label', `MamaLens on ${row.name}`);
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
    $('store-count').textContent = Object.keys(store.records ?? {}).length;
    $('store-full').textContent = store.full ? `Full: ${store.refused} replies could not be kept. Export, then clear.` : '';
    return store;
  }
  for (const format of ['csv', 'json']) {
    $(`export-${format}`).addEventListener('click', async () => MamaLens.exportFlagged(document, await refreshStore(), format));
  }
  $('clear-store').addEventListener('click', async () => {
    if (!confirm('Delete every flagged reply kept by MamaLens? Export first if you want a record.')) return;
    await send({ type: MamaLens.MSG.storeClear });
    refreshStore();
  });

  async function showLexiconInfo() {
    const info = await send({ type: MamaLens.MSG.lexiconInfo });
    if (info?.counts) $('lexicon-info').textContent = `Built-in lexicon ${info.version}: ${info.counts.shaming} shaming and ${info.counts.support} support patterns.`;
  }

  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[MamaLens.STORE_KEY]) refreshStore();
  });
  await render();
  await refreshStore();
  showLexiconInfo();
})();
