// The demo: the built extension in headless Chromium on the Serena Williams
// thread, served at its real x.com address by request interception (no
// network), then the popup, an export of the flagged replies, and a Spanish
// and a Portuguese thread.
// Writes everything to out/demo/ and prints where.
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from './x-thread.mjs';
import { ROOT, X_LIKE_CSP, launch, openExtensionPage, labels, poll } from './browser/harness.mjs';

const out = path.join(ROOT, 'out', 'demo');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const readThread = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', name), 'utf8'));
const thread = readThread('serena-thread.json');
// Threads in Spanish and Portuguese, written by the team (made-up accounts).
const others = [['es', readThread('es-thread.json')], ['pt', readThread('pt-thread.json')]];
const threads = new Map([thread, ...others.map(([, t]) => t)].map((t) => [t.url, t]));

const ctx = await launch('chrome', path.join(ROOT, 'dist', 'chrome'));
// A tab showing one of the threads at its address.
async function openThread(t) {
  const tab = await ctx.browser.newPage();
  await tab.setViewport({ width: 760, height: 1000, deviceScaleFactor: 1 });
  await tab.setRequestInterception(true);
  tab.on('request', (req) => {
    const served = threads.get(req.url());
    if (served) {
      req.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': X_LIKE_CSP }, body: renderThread(served) });
    } else {
      req.abort('blockedbyclient'); // nothing else is fetched, from anywhere
    }
  });
  await tab.goto(t.url);
  return tab;
}
try {
  const page = await openThread(thread);
  const got = await labels(page);
  await page.screenshot({ path: path.join(out, 'thread.png'), fullPage: true });

  // Open the "why" popover of the first shaming reply for a second picture.
  await page.evaluate(() => document.querySelector('[data-mamalens-label="shaming"]').scrollIntoView({ block: 'center' }));
  const badge = await page.$('[data-mamalens-label="shaming"] [data-mamalens-badge]');
  const box = await badge.boundingBox();
  await page.mouse.click(box.x + 20, box.y + box.height / 2);
  await page.screenshot({ path: path.join(out, 'popover.png'), clip: { x: 0, y: Math.max(0, box.y - 120), width: 760, height: 560 } });

  // The popup for that tab, and an export from it.
  const popup = await openExtensionPage(ctx, 'popup/popup.html');
  const tabId = await poll(() => popup.evaluate(async (url) => {
    for (const t of await chrome.tabs.query({})) {
      const s = await chrome.tabs.sendMessage(t.id, { type: 'status' }).catch(() => null);
      if (s?.url === url) return t.id;
    }
    return null;
  }, thread.url), 'the demo tab');
  await popup.setViewport({ width: 320, height: 380 });
  await popup.goto(`${ctx.base}/popup/popup.html?tab=${tabId}`);
  await poll(() => popup.evaluate(() => !document.getElementById('counts').hidden && Number(document.getElementById('store-count').textContent) > 0), 'popup counts');
  await popup.screenshot({ path: path.join(out, 'popup.png') });
  const cdp = await popup.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: out });
  await popup.click('#export-csv');
  await popup.click('#export-json');
  const files = await poll(() => {
    const f = fs.readdirSync(out).filter((n) => /^mamalens-flagged-.*\.(csv|json)$/.test(n));
    return f.length === 2 ? f : false;
  }, 'the exported files');
  for (const f of files) fs.renameSync(path.join(out, f), path.join(out, `flagged.${f.split('.').pop()}`));
  const options = await openExtensionPage(ctx, 'options/options.html');
  await options.setViewport({ width: 800, height: 1400 });
  await poll(() => options.evaluate(() => document.getElementById('lexicon-info').textContent.length > 0), 'options page');
  await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
  const tally = (ls) => JSON.stringify(ls.reduce((c, l) => ({ ...c, [l]: (c[l] ?? 0) + 1 }), {}));
  const lines = [`MamaLens demo: ${got.length} replies on ${thread.url}: ${tally(got)}`];
  // The same page in the other languages: each post and reply read in its own.
  for (const [lang, other] of others) {
    const tab = await openThread(other);
    const marked = await labels(tab);
    await tab.screenshot({ path: path.join(out, `thread-${lang}.png`), fullPage: true });
    lines.push(`MamaLens demo: ${marked.length} replies on ${other.url}: ${tally(marked)}`);
  }
  console.log(lines.join('\n'));
  for (const f of ['thread.png', 'popover.png', 'popup.png', 'options.png', 'flagged.csv', 'flagged.json', ...others.map(([lang]) => `thread-${lang}.png`)]) console.log(`  ${path.join(out, f)}`);
} finally {
  await ctx.close();
}
