// Positive controls: a copy of the extension changed on purpose to do what
// MamaLens must never do (request outside URLs from the background, a
// content script and every extension page; hear a page's postMessage; answer
// another extension), to show that the checks the other tests make would see
// it. The checks are the same functions (tools/browser/harness.mjs, checks.mjs).
//
// The copy's postMessage bridge also gives the tests what no browser API
// does in Firefox: a content script of MamaLens's that runs code for the test,
// to show that the background refuses what a content script may not ask.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, serve, extensionCopy, extensionPages, otherExtension, launch, openExtensionPage, labels, poll, setSettings, assertNothingLeft } from '../../tools/browser/harness.mjs';
import { send, storeTexts, record, pagePostsMessages, foreignSends, serveSite } from '../../tools/browser/checks.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
const LEAK = 'http://leak.mamalens.invalid';

// The changes, each marked as such in the copy.
function leaky(dir) {
  fs.appendFileSync(path.join(dir, 'background.js'), `
// CONTROL: a request from the background, and an ear for other extensions.
fetch('${LEAK}/background').catch(() => {});
ext.runtime.onMessageExternal.addListener((msg, sender, sendResponse) => {
  handlers[msg.type](msg, sender).then(sendResponse);
  return true;
});
`);
  fs.appendFileSync(path.join(dir, 'content', 'main.js'), `
// CONTROL: a request from a content script, and a bridge from the page.
fetch('${LEAK}/content-script').catch(() => {});
fetch('${LEAK.replace('http:', 'https:')}/content-script').catch(() => {}); // allowed on https pages
window.addEventListener('message', (e) => {
  if (typeof e.data?.type !== 'string') return;
  ext.runtime.sendMessage(e.data).then((answer) => window.postMessage({ mamalensBridgeReply: { type: e.data.type, answer } }, '*'));
});
`);
  fs.writeFileSync(path.join(dir, 'control-leak.js'), `// CONTROL: a request from an extension page.\nfetch('${LEAK}/page' + location.pathname).catch(() => {});\n`);
  for (const rel of extensionPages(dir)) {
    const file = path.join(dir, rel);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('</body>', '<script src="/control-leak.js"></script></body>'));
  }
}

// Posts each message from the page and waits for the bridge's answers.
const viaBridge = (page, msgs) => page.evaluate((list) => new Promise((resolve) => {
  const out = {};
  window.addEventListener('message', (e) => {
    const r = e.data?.mamalensBridgeReply;
    if (!r) return;
    out[r.type] = r.answer;
    if (Object.keys(out).length === list.length) resolve(out);
  });
  for (const m of list) window.postMessage(m, '*');
}), msgs);

for (const kind of BROWSERS) {
  describe(`${kind}: positive controls, with a copy of the extension broken on purpose`, { timeout: 300000 }, () => {
    let ctx;
    let srv;
    let ext;
    let pages;
    before(async () => {
      srv = await serve({ '/thread': () => ({ body: renderThread(thread) }) });
      const dir = extensionCopy(kind, { mutate: leaky });
      pages = extensionPages(dir);
      ctx = await launch(kind, dir, { extensions: [otherExtension()] });
      ctx.net.allowServer(srv);
      await setSettings(ctx, { sites: { '127.0.0.1': true } });
      ext = await openExtensionPage(ctx, 'options/options.html');
    });
    after(async () => {
      await ctx?.close();
      srv?.server.close();
    });

    it('the request record and the proxy see a request from the background, a content script and every extension page', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page);
      // Each page stays open until its request reached the proxy: Firefox
      // drops a request still in flight when its page closes.
      for (const rel of pages) {
        const p = await openExtensionPage(ctx, rel, () => document.readyState === 'complete');
        await poll(() => ctx.proxy.seen.includes(`GET ${LEAK}/page/${rel}`), `the leak of ${rel} at the proxy`);
        await p.close();
      }
      const want = ['background', 'content-script', ...pages.map((rel) => `page/${rel}`)].map((p) => `${LEAK}/${p}`);
      const seen = await poll(async () => {
        const out = await ctx.net.outside(ctx.base);
        return want.every((u) => out.some((e) => e.url === u)) ? out : false;
      }, 'every leak in the record');
      // Each from the context it was made in.
      const from = (u) => seen.filter((e) => e.url === u).map((e) => e.from);
      if (kind === 'chrome') {
        assert.ok(from(`${LEAK}/background`).some((f) => f.startsWith(`service_worker ${ctx.base}/`)), from(`${LEAK}/background`).join());
        assert.ok(from(`${LEAK}/content-script`).some((f) => f.startsWith(`page ${srv.base}/thread`)), from(`${LEAK}/content-script`).join());
        for (const rel of pages) assert.ok(from(`${LEAK}/page/${rel}`).includes(`page ${ctx.base}/${rel}`), rel);
      } else {
        // Firefox names the principal a request was made with.
        assert.ok(from(`${LEAK}/background`).includes(ctx.base), from(`${LEAK}/background`).join());
        assert.ok(from(`${LEAK}/content-script`).includes(srv.base), from(`${LEAK}/content-script`).join());
        for (const rel of pages) assert.ok(from(`${LEAK}/page/${rel}`).includes(ctx.base), rel);
      }
      await poll(() => want.every((u) => ctx.proxy.seen.includes(`GET ${u}`)), 'every leak at the proxy');
      // So the check that ends every session fails here.
      await assert.rejects(assertNothingLeft(assert, ctx), assert.AssertionError);
      await page.close();
    });

    it('a request from a content script on a real site\'s address is in the site tests\' list of outside requests', async () => {
      const url = 'https://x.com/serenawilliams/status/1015708254233669632';
      const markup = renderThread(thread);
      ctx.net.allowPage(url);
      const page = await ctx.browser.newPage();
      const outside = await serveSite(page, { url, markup, own: new Set() });
      await page.goto(url);
      await labels(page);
      // (Its http request is blocked as mixed content before it is made.)
      await poll(() => outside.includes(`${LEAK.replace('http:', 'https:')}/content-script`), 'the content script\'s request in the list');
      await page.close();
    });

    it('a content script that listens to the page is heard by the postMessage check', async () => {
      const page = await ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 2600 });
      await page.goto(`${srv.base}/thread`);
      await labels(page);
      const texts = await pagePostsMessages(ext, page, {
        kept: 'flagged before the page posted',
        posted: 'flagged by a message the page posted',
        barrier: 'Some women are not cut out to be moms.',
      });
      assert.ok(texts.includes('flagged by a message the page posted'), JSON.stringify(texts));
      await page.close();
    });

    it('a background that answers other extensions is heard by the foreign-extension check', async () => {
      const { answers, texts } = await foreignSends(ctx, ext, ctx.others[0], { kept: 'flagged before', foreign: 'flagged by another extension' });
      assert.ok(answers.storeGet.answer?.records, JSON.stringify(answers.storeGet));
      assert.deepEqual(texts, ['flagged by another extension']);
    });

    it('the background refuses a content script what only extension pages may ask, and answers what it may', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page);
      await send(ext, { type: 'flag', records: [record('flagged before')] });
      const admin = ['storeGet', 'storeClear', 'validate', 'lexiconInfo', 'syncHosts'];
      const answers = await viaBridge(page, [...admin.map((type) => ({ type })), { type: 'score', texts: ['You are a terrible mother.'] }]);
      for (const type of admin) {
        assert.equal(answers[type]?.refused, true, `${type}: ${JSON.stringify(answers[type])}`);
        assert.equal(answers[type].records, undefined);
      }
      assert.equal(answers.score.results[0].label, 'shaming');
      // Not cleared (the answers come after the handlers would have run).
      assert.ok((await storeTexts(ext)).includes('flagged before'));
      await send(ext, { type: 'storeClear' });
      await page.close();
    });
  });
}
