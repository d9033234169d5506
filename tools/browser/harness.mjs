// Real browsers with the built extension loaded, and a local server for pages:
// the dev harness the end-to-end tests (tests/e2e/), the demo (tools/demo.mjs)
// and the benchmark (bench/browser.mjs) share.
// Pages come from 127.0.0.1 (the extension copy under test adds that host to
// its content-script matches) or, at the real site URLs, from request
// interception that fulfils them from saved markup: no network either way.
//
// Every browser launched here records every request it makes, from every
// context, for the whole session (see `Net` below), and sends whatever is not
// local to a catch-all proxy that records it too; the tests assert that both
// records hold nothing but the pages and the extension's own files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import puppeteer from 'puppeteer-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = process.env.MAMALENS_SHARED ?? path.resolve(ROOT, '../shared');
export const OUT = path.join(ROOT, 'out', 'e2e');
// The Wasm built with the `crash-drill` feature, and its glue (scripts/build.sh).
export const DRILL_PKG = path.join(ROOT, 'target', 'e2e-drill-pkg');
export const GECKO_UUID = '6d1c7a52-5b8e-4c1b-9a0e-3a2f7c9e4b11';
const OTHER_GECKO_ID = 'other@mamalens-test.invalid';
const OTHER_UUID = '0b7e2a35-3c1d-4f6e-8a9b-5c4d3e2f1a00';

// An X-like CSP: scripts from listed hosts only, and no 'wasm-unsafe-eval'.
export const X_LIKE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' https://abs.twimg.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'";

// --- Temporary folders: every one made here is removed, even after a failure --
const temps = new Set();
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.add(dir);
  return dir;
}
export function removeTemp(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  temps.delete(dir);
}
process.on('exit', () => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

export function serve(routes) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    const { body, headers = {} } = route(url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    resolve({ server, base, routes: Object.keys(routes) });
  }));
}

// The URLs a page's own markup loads (images, styles, scripts), resolved
// against its address: saved real pages still name their avatars.
export function pageResources(html, pageUrl) {
  const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  const urls = new Set();
  const add = (u) => {
    try {
      urls.add(new URL(unescape(u.trim()), pageUrl).href);
    } catch { /* not a URL */ }
  };
  for (const m of html.matchAll(/\s(?:src|href|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) add(m[1] ?? m[2]);
  for (const m of html.matchAll(/\ssrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    for (const part of unescape(m[1] ?? m[2]).split(',')) add(part.trim().split(/\s+/)[0]);
  }
  for (const m of html.matchAll(/url\(\s*(?:&quot;|["'])?([^)"'&]+)/g)) add(m[1]);
  return urls;
}

// A catch-all proxy: both browsers send every request for a host other than
// the loopback one here. It answers none of them, and records each.
function proxy() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end('MamaLens tests: no network');
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, seen })));
}

// A copy of dist/<browser> whose content scripts also run on 127.0.0.1.
// `drill` puts in the Wasm built with the crash-drill feature; `readerDrill`
// the second stage's.
export function extensionCopy(browser, { mutate, drill = false, readerDrill = false } = {}) {
  const src = path.join(ROOT, 'dist', browser);
  if (!fs.existsSync(path.join(src, 'manifest.json'))) throw new Error(`dist/${browser} is missing: run scripts/build.sh`);
  const dir = tempDir(`mamalens-${browser}-`);
  fs.cpSync(src, dir, { recursive: true });
  const mf = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  mf.content_scripts[0].matches.push('http://127.0.0.1/*');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(mf, null, 2));
  const drills = [...(drill ? ['mamalens_bg.wasm', 'mamalens-factory.js'] : []), ...(readerDrill ? ['reader_bg.wasm', 'reader-factory.js'] : [])];
  if (drills.length) {
    for (const f of drills) {
      const from = path.join(DRILL_PKG, f);
      if (!fs.existsSync(from)) throw new Error(`${path.relative(ROOT, from)} is missing: run scripts/build.sh`);
      fs.copyFileSync(from, path.join(dir, 'pkg', f));
    }
  }
  mutate?.(dir);
  return dir;
}

// A second, tiny extension that is not MamaLens: one page that tests use to
// send MamaLens messages from a foreign extension.
export function otherExtension() {
  const dir = tempDir('mamalens-other-ext-');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'Not MamaLens',
    version: '1.0',
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    browser_specific_settings: { gecko: { id: OTHER_GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } } },
  }, null, 2));
  fs.writeFileSync(path.join(dir, 'background.js'), '// Nothing: the tests drive page.html.\n');
  fs.writeFileSync(path.join(dir, 'page.html'), '<!doctype html><meta charset="utf-8"><title>other</title><script src="page.js"></script>');
  fs.writeFileSync(path.join(dir, 'page.js'), 'globalThis.OTHER_READY = true;\n');
  return dir;
}

// Every extension page: each .html file of the package (popup, options, and
// any added later), as paths relative to its root.
export function extensionPages(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.name.endsWith('.html')) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

// --- The request record -------------------------------------------------------
// Chromium: a CDP session on the browser auto-attaches to every target (pages,
// extension pages, the service worker, frames, workers) before it runs, and
// records Network.requestWillBeSent on each. Firefox: over WebDriver BiDi, a
// privileged observer in the parent process sees every HTTP channel opened
// by any process (background, content scripts, extension pages, tabs), with
// the principal that triggered it; BiDi's own network events add the tabs'.
// The extension is installed only after recording has started.
class Net {
  constructor(kind) {
    this.kind = kind;
    this.entries = []; // {from, url}
    this.allowed = []; // predicates on a URL
    this.pull = async () => {};
  }

  add(from, url) {
    this.entries.push({ from, url });
  }

  // A page the test opens itself: its URL (any query, no other path), the
  // favicon the browser asks that origin for, and `resources`, the URLs its
  // own markup loads (see pageResources).
  allowPage(url, resources = new Set()) {
    const u = new URL(url);
    this.allowed.push((x) => {
      const v = new URL(x);
      return (v.origin === u.origin && (v.pathname === u.pathname || v.pathname === '/favicon.ico')) || resources.has(x);
    });
  }

  // Every route of a local test server.
  allowServer(srv) {
    for (const r of srv.routes) this.allowPage(srv.base + r);
  }

  async all() {
    await this.pull();
    return this.entries;
  }

  // What went anywhere but the pages and the extension's own files.
  async outside(base) {
    const own = (url) => url.startsWith(`${base}/`) || url.startsWith(`blob:${base}/`) || url.startsWith('data:');
    return (await this.all()).filter(({ url }) => !own(url) && !this.allowed.some((ok) => ok(url)));
  }
}

async function recordChromium(browser, net) {
  const root = await browser.target().createCDPSession();
  const connection = root.connection();
  const attach = (parent) => {
    parent.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
      const session = connection.session(sessionId);
      if (!session) return;
      const from = `${targetInfo.type} ${targetInfo.url}`;
      // A service worker the browser stopped keeps this session; when it
      // starts again it waits for us, as it did the first time.
      session.on('Inspector.targetReloadedAfterCrash', () => session.send('Runtime.runIfWaitingForDebugger').catch(() => {}));
      session.on('Network.requestWillBeSent', (e) => net.add(e.documentURL && e.documentURL !== targetInfo.url ? `${targetInfo.type} ${e.documentURL}` : from, e.request.url));
      attach(session);
      // Pages and workers answer these; a target that does not (a tab) has
      // nothing to record. Either way it must be let go.
      await session.send('Network.enable').catch(() => {});
      // Frames and workers of this target; service workers are the
      // browser's own children, attached once, above.
      await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true, filter: [{ type: 'service_worker', exclude: true }, {}] }).catch(() => {});
      if (waitingForDebugger) await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
    });
  };
  attach(root);
  await root.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
}

// Runs in Firefox's parent process, through BiDi's chrome scope
// (--remote-allow-system-access).
const FIREFOX_OBSERVER = `(() => {
  const log = (globalThis.__mamalensNet = []);
  const observer = { observe(subject) {
    const ch = subject.QueryInterface(Ci.nsIHttpChannel);
    const p = ch.loadInfo?.triggeringPrincipal;
    log.push({ url: ch.URI.spec, from: p?.isSystemPrincipal ? 'system' : (p?.origin ?? 'unknown') });
  } };
  Services.obs.addObserver(observer, 'http-on-opening-request');
  return 'recording';
})()`;

async function recordFirefox(browser, net) {
  const bidi = browser.connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = tree.result.contexts[0]?.context;
  if (!chrome) throw new Error('no chrome context over BiDi: is --remote-allow-system-access set?');
  const evaluate = async (expression) => {
    const r = await bidi.send('script.evaluate', { expression, target: { context: chrome }, awaitPromise: true, resultOwnership: 'none' });
    if (r.result.type !== 'success') throw new Error(`chrome-scope script failed: ${JSON.stringify(r.result)}`);
    return r.result.result.value;
  };
  if ((await evaluate(FIREFOX_OBSERVER)) !== 'recording') throw new Error('the request observer did not start');
  let taken = 0;
  net.pull = async () => {
    const fresh = JSON.parse(await evaluate(`JSON.stringify(globalThis.__mamalensNet.slice(${taken}))`));
    taken += fresh.length;
    // All of them, the system principal's too (Firefox's own, and the
    // test's navigations): the prefs at launch keep Firefox from calling home.
    for (const e of fresh) net.add(e.from, e.url);
  };
  bidi.on('network.beforeRequestSent', (e) => net.add(`tab ${e.context}`, e.request.url));
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
}

// Launches `browser` ('chrome' or 'firefox') recording all requests, then
// installs the extension in `extDir` and any `extensions` beside it. The
// benchmark passes `record: false`, so that recording costs it nothing.
// `uiLanguage` (a BCP 47 tag) is the browser's own UI language: Chromium's
// --lang; Firefox's requested locale, which needs that language pack
// installed (scripts/setup.sh installs pt-BR's).
export async function launch(browser, extDir, { downloads, extensions = [], record = true, uiLanguage } = {}) {
  const px = await proxy();
  const net = new Net(browser);
  if (browser === 'chrome') {
    const userDataDir = tempDir('mamalens-chromium-profile-');
    // No speculative connections to the hosts of pages the tests fulfil
    // themselves (the proxy would see them): "Preload pages" off.
    fs.mkdirSync(path.join(userDataDir, 'Default'));
    fs.writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
    const b = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      userDataDir,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--proxy-server=http://127.0.0.1:${px.port}`,
        // Chromium's own calls home (network time, Google accounts, on-demand
        // components) would otherwise reach the proxy; they go to a closed
        // loopback port instead, where they fail at once.
        '--disable-features=NetworkTimeServiceQuerying', '--gaia-url=http://127.0.0.1:9', '--component-updater=url-source=http://127.0.0.1:9/',
        ...(uiLanguage ? [`--lang=${uiLanguage}`] : []),
      ],
      enableExtensions: true,
    });
    if (record) await recordChromium(b, net);
    const id = await b.installExtension(extDir);
    const others = [];
    for (const dir of extensions) {
      const otherId = await b.installExtension(dir);
      others.push({ id: otherId, base: `chrome-extension://${otherId}` });
    }
    const worker = await b.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`), { timeout: 20000 });
    if (downloads) {
      const session = await b.target().createCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    }
    return {
      browser: b, kind: 'chrome', id, base: `chrome-extension://${id}`, worker, net, proxy: px, others,
      close: () => b.close().finally(() => {
        px.server.close();
        removeTemp(userDataDir);
        if (extDir.startsWith(os.tmpdir())) removeTemp(extDir);
      }),
    };
  }
  const geckoId = JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const b = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    // Lets the remote-settings pref below take effect in a release build.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: GECKO_UUID, [OTHER_GECKO_ID]: OTHER_UUID }),
      'xpinstall.signatures.required': false,
      // Everything not on the loopback host goes to the recording proxy.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': px.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': px.port,
      'network.proxy.no_proxies_on': '',
      // Firefox's own remote settings would otherwise reach the proxy.
      'services.settings.server': 'data:,#remote-settings-off',
      ...(uiLanguage ? { 'intl.locale.requested': uiLanguage } : {}),
      ...(downloads ? {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json',
      } : {}),
    },
  });
  if (record) await recordFirefox(b, net);
  await b.installExtension(extDir);
  const others = [];
  for (const dir of extensions) {
    await b.installExtension(dir);
    others.push({ id: OTHER_GECKO_ID, base: `moz-extension://${OTHER_UUID}` });
  }
  return {
    browser: b, kind: 'firefox', id: geckoId, base: `moz-extension://${GECKO_UUID}`, net, proxy: px, others,
    close: () => b.close().finally(() => {
      px.server.close();
      if (extDir.startsWith(os.tmpdir())) removeTemp(extDir);
    }),
  };
}

// The whole session's record: nothing but the pages and the extension's own
// files, at the browser and at the proxy. Also checks that the record is live:
// it holds the page loads it must have seen.
export async function assertNothingLeft(assert, ctx) {
  const all = await ctx.net.all();
  assert.ok(all.some(({ url }) => /^https?:/.test(url)), `the recorder saw no page load at all: ${JSON.stringify(all.slice(0, 5))}`);
  // The test's own second extension may load its own files too.
  const own = (await ctx.net.outside(ctx.base)).filter(({ url }) => !ctx.others.some((o) => url.startsWith(`${o.base}/`)));
  assert.deepEqual(own, [], 'requests that went beyond the page and the extension');
  assert.deepEqual(ctx.proxy.seen, [], 'requests that reached the catch-all proxy');
}

// Opens an extension page. Firefox never reports the load of a moz-extension
// page to puppeteer, so there we poll until the page's script has run.
export async function openExtensionPage(ctx, relPath, ready = () => document.readyState === 'complete' && typeof MamaLens === 'object', base = ctx.base) {
  const page = await ctx.browser.newPage();
  await gotoExtensionPage(ctx, page, `${base}/${relPath}`, ready);
  return page;
}

export async function gotoExtensionPage(ctx, page, url, ready = () => document.readyState === 'complete' && typeof MamaLens === 'object') {
  if (ctx.kind === 'chrome') await page.goto(url);
  else page.goto(url).catch(() => {});
  // The page now showing must be the one asked for, not the one before it.
  await poll(async () => (await page.evaluate(() => location.href).catch(() => null)) === url && page.evaluate(ready).catch(() => false), `extension page ${url}`);
}

export async function poll(fn, what, timeout = 20000, interval = 100) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// Waits until every reply element matching `selector` carries its final
// label: scored, and read by the second stage (or left to the first stage).
export async function labels(page, selector = 'article[data-testid="tweet"]', timeout = 30000) {
  return poll(
    () => page.evaluate((sel) => {
      const els = [...document.querySelectorAll(sel)];
      const got = els.map((e) => e.getAttribute('data-mamalens-label'));
      const final = els.every((e) => e.getAttribute('data-mamalens-stage') !== 'first');
      return els.length && got.every(Boolean) && final ? got : false;
    }, selector),
    `labels on ${selector}`,
    timeout,
  );
}

// The id of the tab showing `url`, asked from an extension page.
export async function tabIdOf(ctx, extPage, urlPrefix) {
  return poll(() => extPage.evaluate(async (prefix) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const tabs = await api.tabs.query({});
    for (const t of tabs) {
      // Without the tabs permission the url is hidden; ask the content script.
      const s = await api.tabs.sendMessage(t.id, { type: 'status' }).catch(() => null);
      if (s?.url?.startsWith(prefix)) return t.id;
    }
    return null;
  }, urlPrefix), 'the test tab id');
}

// The content script's own account of a tab, asked from an extension page.
export function tabStatus(extPage, tabId) {
  return extPage.evaluate((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'status' }).catch(() => null), tabId);
}

// Waits until the lens in the tab has nothing left to do: no scan pending, no
// reply queued or being scored, every tracked reply seen by the browser's
// IntersectionObserver. With `after`, also until it has handled more page
// mutations than that count (so work caused by a change is not missed).
export async function quiet(extPage, tabId, { after } = {}) {
  return poll(async () => {
    const s = await tabStatus(extPage, tabId);
    const a = s?.activity;
    return a && a.idle && (after === undefined || a.mutations > after) ? s : false;
  }, `the lens in tab ${tabId} to be idle`);
}

// One test session: `routes` served on 127.0.0.1, the extension copy `dir`
// launched in `kind`, the loopback allowed, MamaLens switched on there (plus
// `settings`), and an extension page to talk to the background from.
export async function session(kind, dir, routes, { settings = {}, launchOptions } = {}) {
  const srv = await serve(routes);
  const ctx = await launch(kind, dir, launchOptions);
  ctx.net.allowServer(srv);
  await setSettings(ctx, { sites: { '127.0.0.1': true }, ...settings });
  const ext = await openExtensionPage(ctx, 'options/options.html');
  return { srv, ctx, ext, close: async () => { await ctx.close(); srv.server.close(); } };
}

// Switches MamaLens on for a host, as a user would in the popup or options.
export async function setSettings(ctx, patch) {
  const page = await openExtensionPage(ctx, 'options/options.html');
  await page.evaluate(async (p) => {
    await MamaLens.saveSettings(p);
  }, patch);
  await page.close();
}
