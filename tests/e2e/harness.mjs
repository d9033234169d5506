// Real browsers with the built extension loaded, and a local server for pages.
// Pages come from 127.0.0.1 (the extension copy under test adds that host to
// its content-script matches) or, at the real site URLs, from request
// interception that fulfils them from saved markup: no network either way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import puppeteer from 'puppeteer-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = process.env.MAMALENS_SHARED ?? path.resolve(ROOT, '../shared');
export const OUT = path.join(ROOT, 'out', 'e2e');
const GECKO_UUID = '6d1c7a52-5b8e-4c1b-9a0e-3a2f7c9e4b11';

// An X-like CSP: scripts from listed hosts only, and no 'wasm-unsafe-eval'.
export const X_LIKE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' https://abs.twimg.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'";

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
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

// A copy of dist/<browser> whose content scripts also run on 127.0.0.1.
export function extensionCopy(browser, { mutate } = {}) {
  const src = path.join(ROOT, 'dist', browser);
  if (!fs.existsSync(path.join(src, 'manifest.json'))) throw new Error(`dist/${browser} is missing: run scripts/build.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mamalens-${browser}-`));
  fs.cpSync(src, dir, { recursive: true });
  const mf = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  mf.content_scripts[0].matches.push('http://127.0.0.1/*');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(mf, null, 2));
  mutate?.(dir);
  return dir;
}

export async function launch(browser, extDir, { downloads } = {}) {
  if (browser === 'chrome') {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamalens-chromium-profile-'));
    const b = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      userDataDir,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
      ],
      enableExtensions: true,
    });
    const worker = await b.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20000 });
    if (downloads) {
      const session = await b.target().createCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    }
    const id = new URL(worker.url()).host;
    return { browser: b, kind: 'chrome', base: `chrome-extension://${id}`, worker, close: () => b.close().finally(() => fs.rmSync(userDataDir, { recursive: true, force: true })) };
  }
  const geckoId = JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const b = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: GECKO_UUID }),
      'xpinstall.signatures.required': false,
      ...(downloads ? {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json',
      } : {}),
    },
  });
  await b.installExtension(extDir);
  return { browser: b, kind: 'firefox', base: `moz-extension://${GECKO_UUID}`, close: () => b.close() };
}

// Opens an extension page. Firefox never reports the load of a moz-extension
// page to puppeteer, so there we poll until the page's script has run.
export async function openExtensionPage(ctx, relPath, ready = () => document.readyState === 'complete' && typeof MamaLens === 'object') {
  const page = await ctx.browser.newPage();
  const url = `${ctx.base}/${relPath}`;
  if (ctx.kind === 'chrome') {
    await page.goto(url);
  } else {
    page.goto(url).catch(() => {});
  }
  await poll(() => page.evaluate(ready).catch(() => false), `extension page ${relPath}`);
  return page;
}

export async function poll(fn, what, timeout = 15000, interval = 100) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// Waits until every reply element matching `selector` carries a label.
export async function labels(page, selector = 'article[data-testid="tweet"]', timeout = 20000) {
  return poll(
    () => page.evaluate((sel) => {
      const els = [...document.querySelectorAll(sel)];
      const got = els.map((e) => e.getAttribute('data-mamalens-label'));
      return els.length && got.every(Boolean) ? got : false;
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

// Switches MamaLens on for a host, as a user would in the popup or options.
export async function setSettings(ctx, patch) {
  const page = await openExtensionPage(ctx, 'options/options.html');
  await page.evaluate(async (p) => {
    await MamaLens.saveSettings(p);
  }, patch);
  await page.close();
}
