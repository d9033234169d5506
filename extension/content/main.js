// Content script entry: picks the adapter for this page and runs the lens
// while the site is switched on. A site switched off costs one storage read.
(async () => {
  if (globalThis.__mamalensStarted) return; // injected twice (static + registered)
  globalThis.__mamalensStarted = true;
  const adapter = MamaLens.pickAdapter(location, document);
  if (!adapter) return;
  const host = location.hostname;
  let settings = await MamaLens.loadSettings();
  // The badges' words, in the language chosen in Options or the browser's.
  await MamaLens.useLocale(settings.locale);
  const send = (msg) => ext.runtime.sendMessage(msg);
  const scoringKey = (s) => JSON.stringify([s.sensitivity, s.customShaming, s.customSupport, s.allowlist]);

  const lens = new MamaLens.Lens(adapter, settings, {
    score: async (texts, langs) => {
      const reply = await send({ type: MamaLens.MSG.score, texts, langs });
      if (!reply || reply.error) throw new Error(reply?.error ?? 'no reply from the background');
      return reply.results;
    },
    refine: async (texts, first) => {
      const reply = await send({ type: MamaLens.MSG.refine, texts, first });
      if (!reply || reply.error) throw new Error(reply?.error ?? 'no reply from the background');
      return reply.labels;
    },
    report: (counts) => send({ type: MamaLens.MSG.counts, host, site: adapter.id, enabled: lens.running, counts }).catch(() => {}),
    flag: (records) => send({ type: MamaLens.MSG.flag, records }).catch((e) => console.warn('MamaLens: could not store flagged replies', e)),
    markWrong: (record) => send({ type: MamaLens.MSG.markWrong, record }),
  });

  const enabled = () => MamaLens.isHostEnabled(settings, host);
  if (enabled()) lens.start();
  else lens.report();

  ext.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local' || !changes.settings) return;
    const next = MamaLens.normalizeSettings(changes.settings.newValue);
    const rescore = scoringKey(next) !== scoringKey(settings);
    const relabel = next.locale !== settings.locale;
    settings = next;
    // Badges drawn from now on, and those redrawn below, use the new words.
    if (relabel) await MamaLens.useLocale(settings.locale);
    if (!enabled()) {
      lens.stop();
      return;
    }
    if (rescore && lens.running) lens.stop();
    if (!lens.running) {
      lens.settings = settings;
      lens.start();
    } else {
      lens.applySettings(settings);
    }
  });

  ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== ext.runtime.id || msg?.type !== MamaLens.MSG.status) return false;
    sendResponse({ host, url: location.href, site: adapter.id, enabled: lens.running, counts: lens.counts(), activity: lens.activity() });
    return false;
  });
})();
