// Background: the one place the Wasm Scorer runs (Chromium will not compile
// Wasm in a content script on pages whose CSP lacks 'wasm-unsafe-eval', such
// as x.com), the one writer of the flagged-replies store, and the registrar of
// content scripts on hosts the user grants. In Chromium this is a service
// worker that the browser may stop at any time: every piece of state here is
// either rebuilt on demand (the Scorer) or kept in storage.
import './shared/browser.js';
import './shared/sites.js';
import './shared/settings.js';
import './shared/store.js';
import { createMamaLens } from './pkg/mamalens-factory.js';

const MAX_TEXTS_PER_MESSAGE = 1000;
const USER_SCRIPTS_ID = 'mamalens-user-hosts';

// --- Scorer ------------------------------------------------------------------

let wasmModule = null; // compiled once, instantiated per Scorer generation
let scorer = null; // Promise<{api, scorer}>

async function newInstance() {
  wasmModule ??= await WebAssembly.compileStreaming(fetch(new URL('./pkg/mamalens_bg.wasm', import.meta.url)));
  const api = createMamaLens();
  api.initSync({ module: wasmModule });
  return api;
}

function getScorer() {
  scorer ??= (async () => {
    const api = await newInstance();
    const settings = await MamaLens.loadSettings();
    try {
      return { api, scorer: new api.Scorer(MamaLens.scorerOptions(settings)) };
    } catch (e) {
      // The options page validates first; a store edited by hand could still be bad.
      console.error('MamaLens: your custom lexicon was rejected, using the built-in one:', e.message);
      return { api, scorer: new api.Scorer({ sensitivity: settings.sensitivity }) };
    }
  })().catch((e) => {
    scorer = null;
    throw e;
  });
  return scorer;
}

// A panic in the Wasm traps (its message goes to the console through the
// panic hook) and may leave that instance's memory half-updated: drop the
// whole instance, build a fresh one, and retry once, so one bad reply never
// takes scoring down.
async function withScorer(fn) {
  const current = await getScorer();
  try {
    return fn(current.scorer);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    console.error('MamaLens: the Scorer crashed; starting a fresh one', e);
    await discard(current);
    return fn((await getScorer()).scorer);
  }
}

let crashes = 0;
let scored = 0; // replies scored since this background started (for the tests)
async function discard(crashed) {
  crashes += 1;
  if (scorer && (await scorer) === crashed) scorer = null;
}

ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) scorer = null;
});

// --- Flagged-replies store -------------------------------------------------------

// Every write goes through this chain, so replies flagged at the same moment
// in several tabs never overwrite each other.
let storeChain = Promise.resolve();
const withStore = (fn) => {
  const run = storeChain.then(async () => {
    const raw = (await ext.storage.local.get(MamaLens.STORE_KEY))[MamaLens.STORE_KEY];
    const store = MamaLens.migrateStore(raw);
    const result = await fn(store);
    if (result?.write !== false) {
      try {
        await ext.storage.local.set({ [MamaLens.STORE_KEY]: store });
      } catch (e) {
        // Quota: keep what is stored, tell the user how many were not kept.
        const kept = MamaLens.migrateStore(raw);
        kept.refused += result?.added ?? 1;
        kept.full = true;
        await ext.storage.local.set({ [MamaLens.STORE_KEY]: kept }).catch(() => {});
        throw new Error(`storage is full (${e.message}); export and clear the flagged replies`);
      }
    }
    return result;
  });
  storeChain = run.catch(() => {});
  return run;
};

function addRecords(records) {
  return withStore((store) => {
    let added = 0;
    let bytes = JSON.stringify(store.records).length;
    for (const r of records) {
      if (!r || typeof r.text !== 'string' || typeof r.site !== 'string') continue;
      const id = MamaLens.recordId(r);
      if (store.records[id]) continue;
      const rec = { ...r, firstSeen: new Date().toISOString() };
      const size = JSON.stringify(rec).length;
      if (Object.keys(store.records).length >= MamaLens.STORE_MAX_RECORDS || bytes + size > MamaLens.STORE_MAX_BYTES) {
        store.refused += 1;
        store.full = true;
        continue;
      }
      store.records[id] = rec;
      bytes += size;
      added++;
    }
    return { added, full: !!store.full, refused: store.refused, write: added > 0 || store.full };
  });
}

// --- Content scripts on hosts the user granted (Mastodon, other sites) ------------

async function syncUserHosts() {
  if (!ext.scripting?.registerContentScripts) return;
  const { origins = [] } = await ext.permissions.getAll();
  const manifest = ext.runtime.getManifest();
  const builtIn = new Set(manifest.content_scripts.flatMap((c) => c.matches));
  const matches = origins.filter((o) => !builtIn.has(o) && !/^\*:|\/\*\/\*$/.test(o) && o !== '<all_urls>');
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [USER_SCRIPTS_ID] }).catch(() => []);
  if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [USER_SCRIPTS_ID] });
  if (!matches.length) return;
  const cs = manifest.content_scripts[0];
  await ext.scripting.registerContentScripts([{ id: USER_SCRIPTS_ID, matches, js: cs.js, css: cs.css, runAt: 'document_idle', persistAcrossSessions: true }]);
}

ext.permissions.onAdded?.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));
ext.permissions.onRemoved?.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));
ext.runtime.onInstalled?.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));

// --- Per-tab counts for the toolbar badge -------------------------------------------

function showCounts(tabId, counts, enabled) {
  if (tabId === undefined) return;
  const n = enabled ? counts.shaming : 0;
  ext.action.setBadgeText({ tabId, text: n ? String(Math.min(n, 999)) : '' }).catch(() => {});
  ext.action.setBadgeBackgroundColor?.({ tabId, color: '#c2185b' })?.catch?.(() => {});
}

// --- Messages ------------------------------------------------------------------------

const handlers = {
  async score(msg) {
    const texts = msg.texts;
    if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every((t) => typeof t === 'string')) {
      throw new Error(`score: expected an array of at most ${MAX_TEXTS_PER_MESSAGE} strings`);
    }
    scored += texts.length;
    return { results: await withScorer((s) => s.scoreBatch(texts)) };
  },
  async counts(msg, sender) {
    showCounts(sender.tab?.id, msg.counts ?? {}, !!msg.enabled);
    return {};
  },
  async flag(msg) {
    if (!Array.isArray(msg.records)) throw new Error('flag: records must be an array');
    return addRecords(msg.records.slice(0, MAX_TEXTS_PER_MESSAGE));
  },
  async markWrong(msg) {
    const r = msg.record;
    if (!r || typeof r.text !== 'string') throw new Error('markWrong: no record');
    await withStore((store) => {
      delete store.records[MamaLens.recordId(r)];
      if (Object.keys(store.records).length < MamaLens.STORE_MAX_RECORDS) store.full = false;
      return {};
    });
    const settings = await MamaLens.loadSettings();
    const phrase = r.text.trim().slice(0, 2000);
    if (phrase && !settings.allowlist.includes(phrase)) await MamaLens.saveSettings({ allowlist: [...settings.allowlist, phrase] });
    return {};
  },
  async validate(msg) {
    const { api } = await getScorer();
    try {
      new api.Scorer(msg.options ?? {}).free();
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e.message };
    }
  },
  async lexiconInfo() {
    return { ...(await withScorer((s) => s.lexiconInfo())), crashes, scored };
  },
  // Proves in the tests that a panic inside the Wasm is contained.
  async crashDrill() {
    const current = await getScorer();
    try {
      current.scorer.crashDrill();
    } catch (e) {
      await discard(current);
      return { crashed: e instanceof WebAssembly.RuntimeError, message: String(e) };
    }
    return { crashed: false };
  },
  async storeGet() {
    const raw = (await ext.storage.local.get(MamaLens.STORE_KEY))[MamaLens.STORE_KEY];
    return MamaLens.migrateStore(raw);
  },
  async storeClear() {
    await withStore((store) => {
      store.records = {};
      store.refused = 0;
      store.full = false;
      return {};
    });
    return {};
  },
  async syncHosts() {
    await syncUserHosts();
    return {};
  },
};

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only this extension's own scripts and pages; web pages cannot reach here.
  if (sender.id !== ext.runtime.id || !msg || !Object.hasOwn(handlers, msg.type)) return false;
  handlers[msg.type](msg, sender).then(sendResponse, (e) => sendResponse({ error: e.message ?? String(e) }));
  return true;
});
