// Background: the one place the Wasm Scorer runs (Chromium will not compile
// Wasm in a content script on pages whose CSP lacks 'wasm-unsafe-eval', such
// as x.com), the one writer of the flagged-replies store, and the registrar of
// content scripts on hosts the user grants. In Chromium this is a service
// worker that the browser may stop at any time: every piece of state here is
// either rebuilt on demand (the Scorer) or kept in storage.
import './shared/browser.js';
import './shared/messages.js';
import './shared/sites.js';
import './shared/settings.js';
import './shared/store.js';
import './shared/i18n.js';
import { createMamaLens } from './pkg/mamalens-factory.js';
import { createReader } from './pkg/reader-factory.js';
import './commands.js';

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

// Spanish and Portuguese: the core is built without their data (the .wasm
// stays within its size budget), and the first reply read as either comes
// back unread; its language's files (lexicon/<lang>/*.tsv in the package) are
// then read and given to the core, and the reply scored again. Given to every
// later Wasm instance too.
const OWN_FILES_LANGS = ['es', 'pt'];
const LANGUAGE_FILES = ['slots', 'shaming', 'support', 'words', 'model'];
const languageFiles = new Map(); // lang -> Promise<{slots, shaming, support, words, model}>
function readLanguageFiles(lang) {
  if (!languageFiles.has(lang)) {
    const read = Promise.all(LANGUAGE_FILES.map(async (name) => {
      const res = await fetch(new URL(`./lexicon/${lang}/${name}.tsv`, import.meta.url));
      if (!res.ok) throw new Error(`lexicon/${lang}/${name}.tsv: ${res.status}`);
      return [name, await res.text()];
    })).then(Object.fromEntries);
    languageFiles.set(lang, read.catch((e) => {
      languageFiles.delete(lang); // tried again on the next reply that needs it
      throw e;
    }));
  }
  return languageFiles.get(lang);
}
async function giveLanguage(current, lang) {
  if (current.languages.has(lang)) return;
  const files = await readLanguageFiles(lang);
  if (current.languages.has(lang)) return; // given meanwhile
  current.api.Scorer.provideLanguage(lang, files);
  current.languages.add(lang);
}

let built = 0; // Scorers built since this background started (for the tests)
function getScorer() {
  scorer ??= (async () => {
    const api = await newInstance();
    built += 1;
    const settings = await MamaLens.loadSettings();
    const current = { api, languages: new Set() };
    for (const lang of languageFiles.keys()) await giveLanguage(current, lang).catch(() => {});
    try {
      return { ...current, scorer: new api.Scorer(MamaLens.scorerOptions(settings)) };
    } catch (e) {
      // The options page validates first; a store edited by hand could still be bad.
      console.error('MamaLens: your custom lexicon was rejected, using the built-in one:', e.message);
      return { ...current, scorer: new api.Scorer({ sensitivity: settings.sensitivity }) };
    }
  })().catch((e) => {
    scorer = null;
    throw e;
  });
  return scorer;
}

// A panic in the Wasm traps (its message goes to the console through the
// panic hook) and may leave that instance's memory half-updated: drop the
// whole instance and build a fresh one.
let crashes = 0;
let scored = 0; // replies scored since this background started (for the tests)
async function discard(crashed, error) {
  crashes += 1;
  console.error('MamaLens: the Scorer crashed; starting a fresh one', error);
  if (scorer && (await scorer) === crashed) scorer = null;
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

async function withScorer(fn) {
  const current = await getScorer();
  try {
    return fn(current.scorer);
  } catch (e) {
    if (!isTrap(e)) throw e;
    await discard(current, e);
    return fn((await getScorer()).scorer);
  }
}

// A batch that trapped is scored again on a fresh Scorer, reply by reply, so
// one bad reply never takes its batch, or scoring, down. A reply that traps
// on its own gets no verdict of its own: it is left neutral, marked unscored.
const UNSCORED = Object.freeze({ label: 'neutral', shaming: 0, support: 0, categories: [], cues: [], truncated: false, unscored: true });
async function scoreOnce(texts, pageLang) {
  const first = await getScorer();
  try {
    return first.scorer.scoreBatch(texts, pageLang);
  } catch (e) {
    if (!isTrap(e)) throw e;
    await discard(first, e);
  }
  const results = [];
  for (const text of texts) {
    const current = await getScorer();
    try {
      results.push(current.scorer.scoreBatch([text], pageLang)[0]);
    } catch (e) {
      if (!isTrap(e)) throw e;
      await discard(current, e);
      results.push({ ...UNSCORED });
    }
  }
  return results;
}

// Replies read as a language whose files the current instance lacks are
// scored again once it has them.
async function scoreWithHint(texts, pageLang) {
  const results = await scoreOnce(texts, pageLang);
  const current = await getScorer();
  const missing = OWN_FILES_LANGS.filter((lang) => !current.languages.has(lang) && results.some((r) => r.lang === lang));
  if (!missing.length) return results;
  try {
    for (const lang of missing) await giveLanguage(current, lang);
  } catch (e) {
    console.error('MamaLens: could not read a language\'s files; its replies stay unread', e);
    return results;
  }
  const again = results.flatMap((r, i) => (missing.includes(r.lang) ? [i] : []));
  const rescored = await scoreOnce(again.map((i) => texts[i]), pageLang);
  again.forEach((i, k) => (results[i] = rescored[k]));
  return results;
}

// `langs[i]` is the language the page gives reply i in ('' for none): the
// core's hint for short or unsure replies. One batch per language.
async function scoreTexts(texts, langs = []) {
  const byLang = new Map();
  texts.forEach((_, i) => {
    const lang = langs[i] || undefined;
    if (!byLang.has(lang)) byLang.set(lang, []);
    byLang.get(lang).push(i);
  });
  const results = new Array(texts.length);
  for (const [lang, indices] of byLang) {
    const part = await scoreWithHint(indices.map((i) => texts[i]), lang);
    indices.forEach((i, k) => (results[i] = part[k]));
  }
  return results;
}

ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) {
    scorer = null;
    readerSensitivity = null;
  }
});

// --- Second stage: the reader ---------------------------------------------------
// A small sentence encoder (reader/) that reads a reply as a whole and, with a
// share of the first stage's scores, gives its final label. It is 8 MB of
// weights and ~50 ms a reply, so it loads on first need and reads one reply
// per task, after the first stage: a page never waits for it. If it cannot
// load, or traps, the first stage's labels stand and it is tried again later.

const READER = {
  // Read nothing until the first stage has had this long without a request:
  // a screen's first labels must not queue behind a reading (bench/browser.mjs).
  quietMs: 300,
  // A reader that failed to load is tried again after this long, or at once
  // from the popup's "Try again".
  retryMs: 60_000,
  weights: './models/reader.en.bin',
  wasm: './pkg/reader_bg.wasm',
};
const LABELS = ['neutral', 'shaming', 'supportive'];

const reader = {
  state: 'idle', // idle (not needed yet) | loading | ready | failed
  error: null,
  failedAt: 0,
  loadMs: null,
  read: 0, // replies read since this background started
  traps: 0,
  module: null, // compiled once
  weights: null, // kept, so a trapped instance is rebuilt without a fetch
  current: null, // Promise<{api, reader}>
};

async function loadReader() {
  const started = performance.now();
  reader.module ??= await WebAssembly.compileStreaming(fetch(new URL(READER.wasm, import.meta.url)));
  if (!reader.weights) {
    const res = await fetch(new URL(READER.weights, import.meta.url));
    if (!res.ok) throw new Error(`its weights could not be read (${res.status})`);
    reader.weights = new Uint8Array(await res.arrayBuffer());
  }
  const api = createReader();
  api.initSync({ module: reader.module });
  const instance = { api, reader: new api.Reader(reader.weights) };
  reader.loadMs ??= Math.round(performance.now() - started);
  return instance;
}

function getReader() {
  if (reader.state === 'failed' && Date.now() - reader.failedAt < READER.retryMs) {
    return Promise.reject(new Error(reader.error));
  }
  reader.current ??= (async () => {
    reader.state = 'loading';
    try {
      const instance = await loadReader();
      reader.state = 'ready';
      reader.error = null;
      return instance;
    } catch (e) {
      reader.state = 'failed';
      reader.error = e?.message ?? String(e);
      reader.failedAt = Date.now();
      reader.module = null;
      reader.weights = null;
      reader.current = null;
      console.error('MamaLens: the second stage could not load; first-stage labels stand', e);
      throw e;
    }
  })();
  return reader.current;
}

let lastFirstStageAt = 0;
let readerSensitivity = null; // cached from settings; reset when they change
const readQueue = []; // {text, shaming, support, resolve}
let pumping = false;

function schedulePump(delay = 0) {
  if (pumping) return;
  pumping = true;
  setTimeout(pumpOne, delay);
}

// One reply per task, so a request to the first stage waits for one reading
// at most.
async function pumpOne() {
  const wait = lastFirstStageAt + READER.quietMs - Date.now();
  if (wait > 0 || !readQueue.length) {
    pumping = false;
    if (readQueue.length) schedulePump(wait);
    return;
  }
  const job = readQueue.shift();
  let instance;
  try {
    instance = await getReader();
  } catch {
    // Could not load: every reply waiting keeps its first-stage label.
    for (const j of [job, ...readQueue.splice(0)]) j.resolve(null);
    pumping = false;
    return;
  }
  try {
    readerSensitivity ??= (await MamaLens.loadSettings()).sensitivity;
    const [label] = instance.reader.labelBatch([job.text], Float32Array.of(job.shaming), Float32Array.of(job.support), readerSensitivity);
    reader.read += 1;
    job.resolve(LABELS[label]);
  } catch (e) {
    if (!isTrap(e)) {
      job.resolve(null);
      console.error('MamaLens: the second stage failed on a reply', e);
    } else {
      // As for the Scorer: the instance may be half-updated, so it goes; the
      // reply that trapped keeps its first-stage label.
      reader.traps += 1;
      console.error('MamaLens: the second stage crashed on a reply; starting a fresh one', e);
      if (reader.current && (await reader.current) === instance) reader.current = null;
      job.resolve(null);
    }
  }
  pumping = false;
  schedulePump();
}

function readReplies(texts, first) {
  return Promise.all(texts.map((text, i) => new Promise((resolve) => {
    readQueue.push({ text, shaming: first[i][0], support: first[i][1], resolve });
    schedulePump();
  })));
}

async function readerStatus() {
  let memoryBytes = null;
  if (reader.state === 'ready' && reader.current) {
    const { api } = await reader.current;
    memoryBytes = api.Reader.memoryBytes() + (reader.weights?.byteLength ?? 0);
  }
  const retryInMs = reader.state === 'failed' ? Math.max(0, reader.failedAt + READER.retryMs - Date.now()) : null;
  return { state: reader.state, reason: reader.error, loadMs: reader.loadMs, read: reader.read, traps: reader.traps, queued: readQueue.length, memoryBytes, retryInMs };
}

// --- Flagged-replies store -------------------------------------------------------

const store = new MamaLens.FlagStore(ext.storage.local);

// --- Content scripts on hosts the user granted (Mastodon, other sites) ------------

async function syncUserHosts() {
  if (!MamaLens.can.registerContentScripts()) return;
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

if (MamaLens.can.permissionEvents()) {
  ext.permissions.onAdded.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));
  ext.permissions.onRemoved.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));
}
ext.runtime.onInstalled.addListener(() => syncUserHosts().catch((e) => console.error('MamaLens:', e)));

// --- Per-tab counts for the toolbar badge -------------------------------------------

function showCounts(tabId, counts, enabled) {
  if (tabId === undefined) return;
  const n = enabled ? counts.shaming : 0;
  ext.action.setBadgeText({ tabId, text: n ? String(Math.min(n, 999)) : '' }).catch(() => {});
  if (MamaLens.can.badgeColor()) ext.action.setBadgeBackgroundColor({ tabId, color: '#c2185b' })?.catch?.(() => {});
}

// --- Messages ------------------------------------------------------------------------

// One handler for each message MamaLens.MESSAGES sends to the background.
const handlers = {
  async score(msg) {
    const { texts, langs = [] } = msg;
    if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every((t) => typeof t === 'string')) {
      throw new Error(`score: expected an array of at most ${MAX_TEXTS_PER_MESSAGE} strings`);
    }
    if (!Array.isArray(langs) || langs.length > texts.length || !langs.every((l) => l === '' || (typeof l === 'string' && MamaLens.LANGUAGE_TAG.test(l)))) {
      throw new Error('score: langs must be a language tag or "" for each text');
    }
    scored += texts.length;
    lastFirstStageAt = Date.now();
    return { results: await scoreTexts(texts, langs) };
  },
  // The second stage's labels for replies the first stage has scored: each
  // `first` entry is that reply's [shaming, support] from the first stage.
  // A label is null where the reader could not read the reply (it could not
  // load, or trapped on it): the first stage's label stands.
  async refine(msg) {
    const { texts, first } = msg;
    const pair = (p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number' && x >= 0 && x <= 1);
    if (!Array.isArray(texts) || texts.length > MAX_TEXTS_PER_MESSAGE || !texts.every((t) => typeof t === 'string') ||
        !Array.isArray(first) || first.length !== texts.length || !first.every(pair)) {
      throw new Error(`refine: expected at most ${MAX_TEXTS_PER_MESSAGE} strings and a [shaming, support] pair for each`);
    }
    const labels = await readReplies(texts, first);
    return { labels, state: reader.state };
  },
  async readerStatus() {
    return readerStatus();
  },
  // The popup's "Try again": load now, whatever the wait left.
  async readerRetry() {
    if (reader.state === 'failed') reader.failedAt = 0;
    await getReader().catch(() => {});
    return readerStatus();
  },
  async counts(msg, sender) {
    showCounts(sender.tab?.id, msg.counts ?? {}, !!msg.enabled);
    return {};
  },
  async flag(msg) {
    if (!Array.isArray(msg.records)) throw new Error('flag: records must be an array');
    return store.add(msg.records.slice(0, MAX_TEXTS_PER_MESSAGE));
  },
  async markWrong(msg) {
    const r = msg.record;
    if (!r || typeof r.text !== 'string') throw new Error('markWrong: no record');
    await store.remove(r);
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
    return { ...(await withScorer((s) => s.lexiconInfo())), crashes, scored, built };
  },
  async storeGet() {
    return store.get();
  },
  async storeClear() {
    await store.clear();
    return {};
  },
  async syncHosts() {
    await syncUserHosts();
    return {};
  },
  // The words of the language chosen in Options, for a content script: it
  // may read no extension file that the page could not (only the listed
  // locales are read).
  async localeMessages(msg) {
    return { messages: await MamaLens.readLocaleMessages(msg.locale) };
  },
};

// What a content script may ask. Everything else reads or changes what only
// the user may (the whole store, registered hosts, the Scorer's state) and is
// taken from this extension's own pages only: a content script runs beside
// the site's code, so it is the part of MamaLens a hostile page is nearest to.
const FROM_CONTENT_SCRIPTS = new Set(Object.keys(MamaLens.MESSAGES).filter((k) => MamaLens.MESSAGES[k].fromContent));
const fromOwnPage = (sender) => typeof sender.url === 'string' && sender.url.startsWith(ext.runtime.getURL(''));

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only this extension's own scripts and pages; web pages and other
  // extensions cannot reach here (there is no onMessageExternal listener).
  if (sender.id !== ext.runtime.id || !msg || !Object.hasOwn(handlers, msg.type)) return false;
  if (!FROM_CONTENT_SCRIPTS.has(msg.type) && !fromOwnPage(sender)) {
    sendResponse({ refused: true, error: `${msg.type} is taken only from MamaLens's own pages` });
    return false;
  }
  handlers[msg.type](msg, sender).then(sendResponse, (e) => sendResponse({ error: e.message ?? String(e) }));
  return true;
});
