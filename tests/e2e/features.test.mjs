// End-to-end: what a user does with MamaLens on a thread, in both browsers:
// switch a site off and on, blur mode, export, "wrong verdict", hostile reply
// text, a crash inside the Wasm, and no network traffic from the extension.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, serve, extensionCopy, launch, openExtensionPage, labels, poll, tabIdOf, setSettings } from './harness.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
const REPLY = 'article[data-testid="tweet"]';
const HOSTILE = [
  'You are a terrible mother <img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script> so proud of you mama',
];

const TAB_A = ['You are a terrible mother.', 'Why even have kids if you are never around?', 'She really let herself go after the baby.'];
const TAB_B = ['Must be nice to have a nanny raise your kids.', 'Some women are not cut out to be moms.', 'No car seat in that photo. Someone call CPS.'];

const send = (page, msg) => page.evaluate((m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), msg);
const pageState = (page) => page.evaluate((sel) => ({
  labels: [...document.querySelectorAll(sel)].map((e) => e.getAttribute('data-mamalens-label')),
  badges: document.querySelectorAll('[data-mamalens-badge]').length,
  marks: ['mamalens-shaming', 'mamalens-supportive'].reduce((n, k) => n + (CSS.highlights?.get(k)?.size ?? 0), 0),
}), REPLY);

// The page once every reply is labelled and the marks have stopped changing:
// cue words are painted for replies near the viewport, as the browser's
// IntersectionObserver reports them, which may come a little after the label.
async function settled(page) {
  let last = null;
  return poll(async () => {
    const s = await pageState(page);
    const same = last && JSON.stringify(s) === JSON.stringify(last) && s.labels.every(Boolean);
    last = s;
    if (!same) await new Promise((r) => setTimeout(r, 150));
    return same ? s : false;
  }, 'the marks to settle');
}

for (const kind of BROWSERS) {
  describe(`${kind}: features`, { timeout: 240000 }, () => {
    let ctx;
    let srv;
    let downloads;
    let ext; // an extension page to talk to the background from
    before(async () => {
      downloads = fs.mkdtempSync(path.join(os.tmpdir(), `mamalens-dl-${kind}-`));
      srv = await serve({
        '/thread': () => ({ body: renderThread(thread) }),
        '/tab-a': () => ({ body: renderThread({ ...thread, replies: TAB_A.map((text, i) => ({ ...thread.replies[0], id: `81${i}`, handle: `a${i}`, text })) }) }),
        '/tab-b': () => ({ body: renderThread({ ...thread, replies: TAB_B.map((text, i) => ({ ...thread.replies[0], id: `82${i}`, handle: `b${i}`, text })) }) }),
        '/hostile-css': () => ({ body: renderThread(thread).replace('</head>', `<style>
          span, button, div > span, [data-testid="tweetText"] + * { display: none !important; visibility: hidden !important; font-size: 0 !important; }
          :root * { opacity: .99; transform: scale(1); }
        </style></head>`) }),
        '/hostile': () => ({ body: renderThread({ ...thread, replies: HOSTILE.map((text, i) => ({ ...thread.replies[0], id: `9${i}`, text })) }) }),
      });
      ctx = await launch(kind, extensionCopy(kind), { downloads });
      await setSettings(ctx, { sites: { '127.0.0.1': true } });
      ext = await openExtensionPage(ctx, 'options/options.html');
    });
    after(async () => {
      await ctx?.close();
      srv?.server.close();
    });
    // A test that fails midway leaves its tabs open; their replies would be
    // scored and flagged during the next tests. Close all but ours.
    afterEach(async () => {
      for (const p of await ctx.browser.pages()) {
        if (p !== ext && !p.url().startsWith('about:')) await p.close().catch(() => {});
      }
    });

    it('switching the site off in the popup removes every mark live, and on restores them', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page, REPLY);
      const before = await settled(page);
      assert.ok(before.badges > 0 && before.marks > 0);
      const popup = await openExtensionPage(ctx, 'popup/popup.html');
      const tabId = await tabIdOf(ctx, popup, `${srv.base}/thread`);
      if (ctx.kind === 'chrome') await popup.goto(`${ctx.base}/popup/popup.html?tab=${tabId}`);
      else popup.goto(`${ctx.base}/popup/popup.html?tab=${tabId}`).catch(() => {});
      await poll(() => popup.evaluate(() => !document.getElementById('toggle').hidden).catch(() => false), 'the switch');
      assert.equal(await popup.$eval('#toggle', (b) => b.getAttribute('aria-checked')), 'true');
      await popup.click('#toggle');
      const off = await poll(async () => {
        const s = await pageState(page);
        return s.labels.every((l) => l === null) && s.badges === 0 && s.marks === 0 ? s : false;
      }, 'marks to vanish');
      assert.equal(off.labels.length, before.labels.length);
      assert.equal(await popup.$eval('#toggle', (b) => b.getAttribute('aria-checked')), 'false');
      await popup.click('#toggle');
      // A real popup floats over the page; here it is a tab, so show the page
      // again (hidden tabs get no IntersectionObserver callbacks).
      await page.bringToFront();
      await labels(page, REPLY);
      const on = await settled(page);
      assert.deepEqual(on, before);
      await popup.close();
      await page.close();
    });

    it('blur mode veils shaming replies, and "Show anyway" reveals one', async () => {
      await setSettings(ctx, { mode: 'blur' });
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page, REPLY);
      const veiled = await poll(() => page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => {
        const v = els.map((e) => [e.getAttribute('data-mamalens-veil'), getComputedStyle(e).filter]);
        return v.length && v.every(([a]) => a === 'blur') ? v : false;
      }), 'veils');
      assert.ok(veiled.every(([, f]) => /blur/.test(f)), JSON.stringify(veiled));
      assert.equal(await page.$$eval('[data-mamalens-label="supportive"] [data-mamalens-veil]', (e) => e.length), 0);
      // The badge's buttons live in its shadow root.
      const reveal = await page.waitForSelector('pierce/button.reveal:not([hidden])', { timeout: 5000 });
      await reveal.evaluate((b) => b.scrollIntoView({ block: 'center' }));
      await reveal.click();
      await poll(() => page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => els.filter((e) => !e.hasAttribute('data-mamalens-veil')).length === 1), 'one reply revealed');
      await setSettings(ctx, { mode: 'highlight' });
      await poll(() => page.$$eval('[data-mamalens-veil]', (e) => e.length === 0), 'veils gone in highlight mode');
      await page.close();
    });

    it('export from the popup downloads a CSV and a JSON matching the flagged replies', async () => {
      await send(ext, { type: 'storeClear' });
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page, REPLY);
      const flaggedOnPage = await page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => els.map((e) => e.textContent).sort());
      assert.ok(flaggedOnPage.length >= 3);
      await poll(async () => Object.keys((await send(ext, { type: 'storeGet' })).records).length === flaggedOnPage.length, 'the store');
      const popup = await openExtensionPage(ctx, 'popup/popup.html');
      await poll(() => popup.evaluate(() => Number(document.getElementById('store-count').textContent) > 0), 'store count');
      await popup.click('#export-csv');
      await popup.click('#export-json');
      const files = await poll(() => {
        const f = fs.readdirSync(downloads).filter((n) => /^mamalens-flagged-.*\.(csv|json)$/.test(n));
        return f.length === 2 && f.every((n) => fs.statSync(path.join(downloads, n)).size > 0) ? f : false;
      }, 'downloads', 20000);
      const json = JSON.parse(fs.readFileSync(path.join(downloads, files.find((f) => f.endsWith('.json'))), 'utf8'));
      assert.deepEqual(json.records.map((r) => r.text).sort(), flaggedOnPage);
      assert.ok(json.records.every((r) => r.site === 'x' && r.label === 'shaming' && r.permalink && r.cues.length));
      const csv = fs.readFileSync(path.join(downloads, files.find((f) => f.endsWith('.csv'))), 'utf8');
      assert.ok(csv.startsWith('\uFEFFfirstSeen,site,label'));
      assert.equal(csv.trimEnd().split('\r\n').length, flaggedOnPage.length + 1);
      for (const t of flaggedOnPage) assert.ok(csv.includes(t), t);
      await popup.close();
      await page.close();
    });

    it('"Not shaming?" in the popover unflags the reply, drops it from the store and allowlists it', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page, REPLY);
      const before = (await pageState(page)).labels.filter((l) => l === 'shaming').length;
      const stored = Object.keys((await send(ext, { type: 'storeGet' })).records).length;
      // The badge button sits at the start of the badge's host.
      await page.evaluate(() => document.querySelector('[data-mamalens-label="shaming"] [data-mamalens-badge]').scrollIntoView({ block: 'center' }));
      const host = await page.$('[data-mamalens-label="shaming"] [data-mamalens-badge]');
      const box = await host.boundingBox();
      await page.mouse.click(box.x + 15, box.y + box.height / 2);
      const wrong = await page.waitForSelector('pierce/.panel:not([hidden]) button.wrong', { timeout: 5000 });
      assert.equal(await wrong.evaluate((b) => b.textContent), 'Not shaming? Never flag this reply');
      await wrong.click();
      await poll(async () => (await pageState(page)).labels.filter((l) => l === 'shaming').length === before - 1, 'one fewer shaming reply');
      await poll(async () => Object.keys((await send(ext, { type: 'storeGet' })).records).length === stored - 1, 'store shrinks');
      const settings = await ext.evaluate(() => MamaLens.loadSettings());
      assert.equal(settings.allowlist.length, 1);
      // The allowlist holds across reloads: the reply stays unflagged.
      await page.reload();
      const again = await labels(page, REPLY);
      assert.equal(again.filter((l) => l === 'shaming').length, before - 1);
      await setSettings(ctx, { allowlist: [] });
      await page.close();
    });

    it('new replies and changed texts are scored; unchanged replies never twice', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      const first = await labels(page, REPLY);
      await new Promise((r) => setTimeout(r, 300));
      const before = (await send(ext, { type: 'lexiconInfo' })).scored;
      // The site churns its DOM without changing any text: nothing is rescored.
      await page.evaluate(() => {
        for (const a of document.querySelectorAll('article')) a.setAttribute('data-churn', '1');
        document.querySelector('section').appendChild(document.createElement('div'));
        window.scrollTo(0, document.body.scrollHeight);
        window.scrollTo(0, 0);
      });
      await new Promise((r) => setTimeout(r, 600));
      assert.equal((await send(ext, { type: 'lexiconInfo' })).scored, before);
      // A re-used element gets new text (virtualised lists do this), and a reply arrives.
      await page.evaluate(() => {
        const texts = document.querySelectorAll('[data-testid="tweetText"] span');
        texts[1].textContent = 'You are a terrible mother.';
        const cell = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].at(-1).cloneNode(true);
        cell.querySelector('[data-mamalens-badge]')?.remove();
        cell.querySelector('article').removeAttribute('data-mamalens-label');
        cell.querySelector('[data-testid="tweetText"] span').textContent = 'Sending love, motherhood is hard.';
        document.querySelector('section').appendChild(cell);
      });
      // Replies are scored as they come near the viewport: scroll down to the new one.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const after = await poll(async () => {
        const l = await labels(page, REPLY);
        return l.length === first.length + 1 && l[1] === 'shaming' ? l : false;
      }, 'rescored and new reply labelled');
      assert.equal(after.at(-1), 'supportive');
      assert.equal(first[1], 'supportive');
      assert.equal((await send(ext, { type: 'lexiconInfo' })).scored, before + 2);
      await page.close();
    });

    it('two tabs flagging at the same moment both keep every reply', async () => {
      await send(ext, { type: 'storeClear' });
      const [a, b] = await Promise.all([ctx.browser.newPage(), ctx.browser.newPage()]);
      await Promise.all([a.goto(`${srv.base}/tab-a`), b.goto(`${srv.base}/tab-b`)]);
      // Background tabs get no IntersectionObserver callbacks: show each in turn.
      await a.bringToFront();
      await labels(a, REPLY);
      await b.bringToFront();
      await labels(b, REPLY);
      const texts = await poll(async () => {
        const t = Object.values((await send(ext, { type: 'storeGet' })).records).map((r) => r.text).sort();
        return t.length >= 6 ? t : false;
      }, 'both tabs stored');
      assert.deepEqual(texts, [...TAB_A, ...TAB_B].sort());
      await a.close();
      await b.close();
      // And a burst of writes racing each other, as from many tabs at once.
      await send(ext, { type: 'storeClear' });
      await ext.evaluate(() => Promise.all(Array.from({ length: 40 }, (_, i) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({
        type: 'flag',
        records: [{ site: 'x', permalink: `https://x.com/u/status/${i}`, text: `reply ${i}`, label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [] }],
      }))));
      assert.equal(Object.keys((await send(ext, { type: 'storeGet' })).records).length, 40);
    });

    it('a full store refuses new replies, says so in the popup, and frees up when cleared', async () => {
      // Fill the store to its bound the way the background stores records.
      await ext.evaluate(async () => {
        const records = {};
        for (let i = 0; i < MamaLens.STORE_MAX_RECORDS; i++) {
          const r = { site: 'x', permalink: `https://x.com/u/status/f${i}`, text: `filler ${i}`, label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [], firstSeen: new Date(0).toISOString() };
          records[MamaLens.recordId(r)] = r;
        }
        await (globalThis.browser ?? globalThis.chrome).storage.local.set({ [MamaLens.STORE_KEY]: { schema: MamaLens.STORE_SCHEMA, records, refused: 0 } });
      });
      const one = { site: 'x', permalink: 'https://x.com/u/status/one-more', text: 'one more', label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [] };
      const res = await send(ext, { type: 'flag', records: [one] });
      assert.equal(res.added, 0);
      assert.equal(res.full, true);
      assert.equal(res.refused, 1);
      const popup = await openExtensionPage(ctx, 'popup/popup.html');
      const message = await poll(() => popup.evaluate(() => !document.getElementById('store-full').hidden && document.getElementById('store-full').textContent), 'the full-store message');
      assert.match(message, /full: 1 flagged repl/);
      await popup.close();
      await send(ext, { type: 'storeClear' });
      assert.equal((await send(ext, { type: 'flag', records: [one] })).added, 1);
      await send(ext, { type: 'storeClear' });
    });

    it('hostile reply text is shown as text and never runs', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/hostile`);
      const got = await labels(page, REPLY);
      assert.deepEqual(got.slice(1), ['shaming', 'supportive']);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.$$eval('img[src="x"], main script', (e) => e.length), 0);
      await page.close();
    });

    it('site CSS that hides spans and buttons cannot hide the badge', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/hostile-css`);
      await labels(page, REPLY);
      const boxes = await page.$$eval('[data-mamalens-badge]', (hosts) => hosts.map((h) => {
        const b = h.shadowRoot.querySelector('button.badge');
        const r = b.getBoundingClientRect();
        return [r.width, r.height, getComputedStyle(b).visibility, getComputedStyle(h).display];
      }));
      assert.ok(boxes.length >= 10);
      for (const [w, h, vis, display] of boxes) {
        assert.ok(w > 20 && h > 10, `badge ${w}x${h}`);
        assert.equal(vis, 'visible');
        assert.equal(display, 'inline-block');
      }
      await page.close();
    });

    it('a panic inside the Wasm is contained: the Scorer is rebuilt and scoring goes on', async () => {
      const drill = await send(ext, { type: 'crashDrill' });
      assert.equal(drill.crashed, true, JSON.stringify(drill));
      assert.match(drill.message, /unreachable|RuntimeError/i);
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      const got = await labels(page, REPLY);
      assert.ok(got.includes('shaming') && got.includes('supportive'));
      const info = await send(ext, { type: 'lexiconInfo' });
      assert.ok(info.crashes >= 1);
      await page.close();
    });

    it('the page cannot talk to the extension', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page, REPLY);
      const reach = await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage === 'function' || typeof globalThis.browser?.runtime?.sendMessage === 'function');
      assert.equal(reach, false);
      await page.close();
    });

    if (kind === 'chrome') {
      it('nothing leaves the browser: every request while MamaLens works is the page itself or an extension file', async () => {
        const requests = [];
        const swTarget = ctx.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(ctx.base));
        const sw = await swTarget.createCDPSession();
        sw.on('Network.requestWillBeSent', (e) => requests.push(['worker', e.request.url]));
        await sw.send('Network.enable');
        const page = await ctx.browser.newPage();
        page.on('request', (r) => requests.push(['page', r.url()]));
        await page.goto(`${srv.base}/thread`);
        await labels(page, REPLY);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await new Promise((r) => setTimeout(r, 500));
        const outside = requests.filter(([, url]) => !url.startsWith(ctx.base) && !url.startsWith(`${srv.base}/thread`));
        assert.deepEqual(outside, []);
        assert.ok(requests.some(([who]) => who === 'page'));
        await page.close();
      });
    }
  });
}
