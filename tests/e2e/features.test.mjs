// End-to-end: what a user does with MamaLens on a thread, in both browsers:
// switch a site off and on, blur mode, export, "wrong verdict", the store's
// bounds, hostile reply text, who may talk to the background, a crash inside
// the Wasm, and no network traffic from the extension.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import {
  ROOT, DRILL_PKG, serve, extensionCopy, otherExtension, launch, openExtensionPage, gotoExtensionPage, labels, poll,
  tabIdOf, quiet, setSettings, tempDir, removeTemp, assertNothingLeft,
} from '../../tools/browser/harness.mjs';
import { send, verdicts, highlightsIn, expectedHighlights, storeTexts, record, appendReply, pagePostsMessages, foreignSends, elementsMatching } from '../../tools/browser/checks.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
const REPLY = 'article[data-testid="tweet"]';
const TEXT = `${REPLY} [data-testid="tweetText"]`;
const HOSTILE = [
  'You are a terrible mother <img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script> so proud of you mama',
  // Its cue (an epidural ... lazy, with a gap) spans the tag, so the tag is
  // in the text the popover shows.
  'She had an epidural <img src=x> so lazy. What a selfish mother.',
];

const TAB_A = ['You are a terrible mother.', 'Why even have kids if you are never around?', 'She really let herself go after the baby.'];
const TAB_B = ['Must be nice to have a nanny raise your kids.', 'Some women are not cut out to be moms.', 'No car seat in that photo. Someone call CPS.'];
// Written in src/scorer.rs (CRASH_DRILL_MARKER): with the crash-drill build,
// scoring a reply that holds it panics.
const CRASH_MARKER = 'mamalens-crash-drill';

const replies = (texts, prefix) => texts.map((text, i) => ({ ...thread.replies[0], id: `${prefix}${i}`, handle: `${prefix}h${i}`, text }));

const pageState = (page) => page.evaluate((sel) => ({
  labels: [...document.querySelectorAll(sel)].map((e) => e.getAttribute('data-mamalens-label')),
  badges: document.querySelectorAll('[data-mamalens-badge]').length,
}), REPLY);

// What the page must show once the lens has done its work: each reply's
// label, a badge on every marked one, and exactly its cues highlighted, all
// from the Scorer's verdicts on the replies' texts, asked from `ext`.
async function expectedPage(ext, page) {
  const texts = await page.$$eval(TEXT, (els) => els.map((e) => e.textContent));
  const results = await verdicts(ext, texts);
  return {
    labels: results.map((v) => v.label),
    badges: results.filter((v) => v.label !== 'neutral').length,
    highlights: expectedHighlights(results),
  };
}
const shownPage = async (page) => ({ ...(await pageState(page)), highlights: await highlightsIn(page, TEXT) });
const showing = (page, want, what) => poll(async () => {
  const s = await shownPage(page);
  return JSON.stringify(s) === JSON.stringify(want) ? s : false;
}, what);

async function openPopupFor(ctx, tabId) {
  const popup = await ctx.browser.newPage();
  await gotoExtensionPage(ctx, popup, `${ctx.base}/popup/popup.html?tab=${tabId}`);
  return popup;
}

for (const kind of BROWSERS) {
  describe(`${kind}: features`, { timeout: 300000 }, () => {
    let ctx;
    let srv;
    let downloads;
    let ext; // an extension page to talk to the background from
    before(async () => {
      downloads = tempDir(`mamalens-dl-${kind}-`);
      srv = await serve({
        '/thread': () => ({ body: renderThread(thread) }),
        '/tab-a': () => ({ body: renderThread({ ...thread, replies: replies(TAB_A, 'a') }) }),
        '/tab-b': () => ({ body: renderThread({ ...thread, replies: replies(TAB_B, 'b') }) }),
        '/hostile-css': () => ({ body: renderThread(thread).replace('</head>', `<style>
          span, button, div > span, [data-testid="tweetText"] + * { display: none !important; visibility: hidden !important; font-size: 0 !important; }
          :root * { opacity: .99; transform: scale(1); }
        </style></head>`) }),
        '/hostile': () => ({ body: renderThread({ ...thread, replies: replies(HOSTILE, 'h') }) }),
      });
      ctx = await launch(kind, extensionCopy(kind), { downloads, extensions: [otherExtension()] });
      ctx.net.allowServer(srv);
      await setSettings(ctx, { sites: { '127.0.0.1': true } });
      ext = await openExtensionPage(ctx, 'options/options.html');
    });
    after(async () => {
      await ctx?.close();
      srv?.server.close();
      if (downloads) removeTemp(downloads);
    });
    // A test that fails midway leaves its tabs open; their replies would be
    // scored and flagged during the next tests. Close all but ours.
    afterEach(async () => {
      for (const p of await ctx.browser.pages()) {
        if (p !== ext && !p.url().startsWith('about:')) await p.close().catch(() => {});
      }
    });

    async function openThread(route = '/thread') {
      const page = await ctx.browser.newPage();
      // Tall enough that every reply is near the viewport, so all are painted.
      await page.setViewport({ width: 900, height: 2600 });
      await page.goto(`${srv.base}${route}`);
      await labels(page, REPLY);
      const tab = await tabIdOf(ctx, ext, `${srv.base}${route}`);
      return { page, tab, status: await quiet(ext, tab) };
    }

    it('switching the site off in the popup removes every mark live, and on restores them', async () => {
      const { page, tab } = await openThread();
      const want = await expectedPage(ext, page);
      assert.ok(want.badges > 0 && want.highlights.flat().length > 0, 'the thread has marked replies');
      await showing(page, want, 'every verdict shown');
      const popup = await openPopupFor(ctx, tab);
      await poll(() => popup.evaluate(() => !document.getElementById('toggle').hidden).catch(() => false), 'the switch');
      assert.equal(await popup.$eval('#toggle', (b) => b.getAttribute('aria-checked')), 'true');
      await popup.click('#toggle');
      await poll(async () => {
        const s = await shownPage(page);
        return s.labels.length === want.labels.length && s.labels.every((l) => l === null) && s.badges === 0 && s.highlights.flat().length === 0;
      }, 'marks to vanish');
      assert.equal(await popup.$eval('#toggle', (b) => b.getAttribute('aria-checked')), 'false');
      await popup.click('#toggle');
      // A real popup floats over the page; here it is a tab, so show the page
      // again (hidden tabs get no IntersectionObserver callbacks).
      await page.bringToFront();
      await showing(page, want, 'every verdict shown again');
      await popup.close();
      await page.close();
    });

    it('blur mode veils shaming replies, and "Show anyway" reveals one', async () => {
      await setSettings(ctx, { mode: 'blur' });
      const { page } = await openThread();
      const veiled = await poll(() => page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => {
        const v = els.map((e) => [e.getAttribute('data-mamalens-veil'), getComputedStyle(e).filter]);
        return v.length && v.every(([a]) => a === 'blur') ? v : false;
      }), 'veils');
      assert.ok(veiled.every(([, f]) => /blur/.test(f)), JSON.stringify(veiled));
      assert.equal(await page.$$eval('[data-mamalens-label="supportive"] [data-mamalens-veil]', (e) => e.length), 0);
      // The badge's buttons live in its shadow root.
      const reveal = await page.waitForSelector('pierce/button.reveal:not([hidden])', { timeout: 5000 });
      await reveal.click();
      await poll(() => page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => els.filter((e) => !e.hasAttribute('data-mamalens-veil')).length === 1), 'one reply revealed');
      await setSettings(ctx, { mode: 'highlight' });
      await poll(() => page.$$eval('[data-mamalens-veil]', (e) => e.length === 0), 'veils gone in highlight mode');
      await page.close();
    });

    it('export from the popup downloads a CSV and a JSON matching the flagged replies', async () => {
      await send(ext, { type: 'storeClear' });
      const { page } = await openThread();
      const flaggedOnPage = await page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => els.map((e) => e.textContent).sort());
      assert.ok(flaggedOnPage.length >= 3);
      await poll(async () => (await storeTexts(ext)).length === flaggedOnPage.length, 'the store');
      const popup = await openExtensionPage(ctx, 'popup/popup.html');
      await poll(() => popup.evaluate(() => Number(document.getElementById('store-count').textContent) > 0), 'store count');
      await popup.click('#export-csv');
      await popup.click('#export-json');
      const files = await poll(() => {
        const f = fs.readdirSync(downloads).filter((n) => /^mamalens-flagged-.*\.(csv|json)$/.test(n));
        return f.length === 2 && f.every((n) => fs.statSync(path.join(downloads, n)).size > 0) ? f : false;
      }, 'downloads', 20000);
      const json = JSON.parse(fs.readFileSync(path.join(downloads, files.find((f) => f.endsWith('.json'))), 'utf8'));
      // Named for what they hold: X's replies, first seen today.
      const day = json.records[0].firstSeen.slice(0, 10);
      assert.deepEqual(files.sort(), [`mamalens-flagged-x.com-${day}.csv`, `mamalens-flagged-x.com-${day}.json`]);
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
      const { page, tab } = await openThread();
      const before = (await pageState(page)).labels.filter((l) => l === 'shaming').length;
      await poll(async () => (await storeTexts(ext)).length >= before, 'the shaming replies stored');
      const stored = (await storeTexts(ext)).length;
      // The badge's own button, in its shadow root, opens the popover.
      const host = await page.$('[data-mamalens-label="shaming"] [data-mamalens-badge]');
      const badge = await host.evaluateHandle((h) => h.shadowRoot.querySelector('button.badge'));
      await badge.click();
      const wrong = await page.waitForSelector('pierce/.panel:not([hidden]) button.wrong', { timeout: 5000 });
      assert.equal(await wrong.evaluate((b) => b.textContent), 'Not shaming? Never flag this reply');
      await wrong.click();
      await poll(async () => (await pageState(page)).labels.filter((l) => l === 'shaming').length === before - 1, 'one fewer shaming reply');
      await poll(async () => (await storeTexts(ext)).length === stored - 1, 'store shrinks');
      const settings = await ext.evaluate(() => MamaLens.loadSettings());
      assert.equal(settings.allowlist.length, 1);
      // The allowlist holds across reloads: the reply stays unflagged.
      await page.reload();
      await labels(page, REPLY);
      await quiet(ext, tab);
      assert.equal((await pageState(page)).labels.filter((l) => l === 'shaming').length, before - 1);
      await setSettings(ctx, { allowlist: [] });
      await page.close();
    });

    it('new replies and changed texts are scored; unchanged replies never twice', async () => {
      const { page, tab, status } = await openThread();
      const first = (await pageState(page)).labels;
      assert.equal(first[1], 'supportive');
      const scored = async () => (await send(ext, { type: 'lexiconInfo' })).scored;
      const before = await scored();
      // The site churns its DOM without changing any text: nothing is rescored.
      await page.evaluate(() => {
        for (const a of document.querySelectorAll('article')) a.setAttribute('data-churn', '1');
        document.querySelector('section').appendChild(document.createElement('div'));
        window.scrollTo(0, document.body.scrollHeight);
        window.scrollTo(0, 0);
      });
      let s = await quiet(ext, tab, { after: status.activity.mutations });
      assert.equal(await scored(), before);
      // The same wait sees a change: a re-used element gets new text, as in
      // virtualised lists, and is scored again, once.
      await page.evaluate(() => {
        document.querySelectorAll('[data-testid="tweetText"] span')[1].textContent = 'You are a terrible mother.';
      });
      s = await quiet(ext, tab, { after: s.activity.mutations });
      assert.equal(await scored(), before + 1);
      assert.equal((await pageState(page)).labels[1], 'shaming');
      // A reply arrives at the end, and is scored as it comes into view.
      await appendReply(page, 'Sending love, motherhood is hard.');
      const after = await poll(async () => {
        const l = (await pageState(page)).labels;
        return l.length === first.length + 1 && l.at(-1) ? l : false;
      }, 'the new reply labelled');
      assert.equal(after.at(-1), 'supportive');
      await quiet(ext, tab, { after: s.activity.mutations });
      assert.equal(await scored(), before + 2);
      await page.close();
    });

    it('two tabs flagging at the same moment both keep every reply', async () => {
      await send(ext, { type: 'storeClear' });
      const [a, b] = await Promise.all([ctx.browser.newPage(), ctx.browser.newPage()]);
      await Promise.all([a.goto(`${srv.base}/tab-a`), b.goto(`${srv.base}/tab-b`)]);
      // Background tabs get no IntersectionObserver callbacks: show each in turn.
      for (const [p, route] of [[a, '/tab-a'], [b, '/tab-b']]) {
        await p.bringToFront();
        await labels(p, REPLY);
        await quiet(ext, await tabIdOf(ctx, ext, `${srv.base}${route}`));
      }
      const want = [...TAB_A, ...TAB_B].sort();
      assert.deepEqual(await poll(async () => {
        const t = await storeTexts(ext);
        return t.length === want.length ? t : false;
      }, 'both tabs stored'), want);
      await a.close();
      await b.close();
      // And a burst of writes racing each other, as from many tabs at once.
      await send(ext, { type: 'storeClear' });
      await ext.evaluate((records) => Promise.all(records.map((r) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'flag', records: [r] }))),
        Array.from({ length: 40 }, (_, i) => record(`reply ${i}`)));
      assert.equal((await storeTexts(ext)).length, 40);
    });

    // The options page's store line, once it says the store is full.
    async function optionsSaysFull() {
      const options = await openExtensionPage(ctx, 'options/options.html');
      const text = await poll(() => options.evaluate(() => document.getElementById('store-full').textContent), 'the options page\'s full-store message');
      await options.close();
      return text;
    }
    async function popupSaysFull() {
      const popup = await openExtensionPage(ctx, 'popup/popup.html');
      const text = await poll(() => popup.evaluate(() => !document.getElementById('store-full').hidden && document.getElementById('store-full').textContent), 'the popup\'s full-store message');
      await popup.close();
      return text;
    }

    it('the 5,000-reply bound: a full store refuses new replies, counts each, says so in the popup and options, and frees up when cleared', async () => {
      await send(ext, { type: 'storeClear' });
      // Fill the store to its bound the way the background stores records.
      await ext.evaluate(async () => {
        const records = {};
        for (let i = 0; i < MamaLens.STORE_MAX_RECORDS; i++) {
          const r = { site: 'x', permalink: `https://x.com/u/status/f${i}`, text: `filler ${i}`, label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [], firstSeen: new Date(0).toISOString() };
          records[MamaLens.recordId(r)] = r;
        }
        await (globalThis.browser ?? globalThis.chrome).storage.local.set({ [MamaLens.STORE_KEY]: { schema: MamaLens.STORE_SCHEMA, records, refused: 0 } });
      });
      const two = [record('one more'), record('and another')];
      const res = await send(ext, { type: 'flag', records: two });
      assert.deepEqual([res.added, res.full, res.refused], [0, true, two.length]);
      const store = await send(ext, { type: 'storeGet' });
      assert.equal(Object.keys(store.records).length, await ext.evaluate(() => MamaLens.STORE_MAX_RECORDS));
      assert.match(await popupSaysFull(), new RegExp(`full: ${two.length} flagged replies could not be kept`));
      assert.match(await optionsSaysFull(), new RegExp(`^Full: ${two.length} replies could not be kept`));
      await send(ext, { type: 'storeClear' });
      assert.equal((await send(ext, { type: 'flag', records: two })).added, two.length);
      await send(ext, { type: 'storeClear' });
    });

    it('the byte bound: a store near 6 MB refuses replies that would pass it, counts each, and says so', async () => {
      await send(ext, { type: 'storeClear' });
      // Large records, to just under the byte bound and far under the count bound.
      const fill = await ext.evaluate(async () => {
        const pad = 'x'.repeat(6000);
        const records = {};
        let n = 0;
        let bytes = 2; // {}
        for (;;) {
          const r = { site: 'x', permalink: `https://x.com/u/status/b${n}`, text: `big ${n} ${pad}`, label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [], firstSeen: new Date(0).toISOString() };
          const id = MamaLens.recordId(r);
          const size = JSON.stringify(id).length + 1 + JSON.stringify(r).length + 1;
          if (bytes + size > MamaLens.STORE_MAX_BYTES) break;
          records[id] = r;
          bytes += size;
          n++;
        }
        await (globalThis.browser ?? globalThis.chrome).storage.local.set({ [MamaLens.STORE_KEY]: { schema: MamaLens.STORE_SCHEMA, records, refused: 0 } });
        return { n, bytes: JSON.stringify(records).length, maxBytes: MamaLens.STORE_MAX_BYTES, maxRecords: MamaLens.STORE_MAX_RECORDS };
      });
      assert.ok(fill.n < fill.maxRecords / 4, `${fill.n} records: the count bound would decide`);
      assert.ok(fill.bytes <= fill.maxBytes && fill.bytes > fill.maxBytes - 6200, JSON.stringify(fill));
      // Each larger than any room left.
      const two = [record(`too big 1 ${'y'.repeat(6500)}`), record(`too big 2 ${'z'.repeat(6500)}`)];
      const res = await send(ext, { type: 'flag', records: two });
      assert.deepEqual([res.added, res.full, res.refused], [0, true, two.length]);
      assert.equal(Object.keys((await send(ext, { type: 'storeGet' })).records).length, fill.n);
      assert.match(await popupSaysFull(), new RegExp(`full: ${two.length} flagged replies could not be kept`));
      assert.match(await optionsSaysFull(), new RegExp(`^Full: ${two.length} replies could not be kept`));
      // The same records are kept in a store with room: only the bound refused them.
      await send(ext, { type: 'storeClear' });
      assert.equal((await send(ext, { type: 'flag', records: two })).added, two.length);
      await send(ext, { type: 'storeClear' });
    });

    it('the browser\'s quota: a write storage.local refuses keeps the old store, counts each reply, and says so', {
      skip: kind === 'firefox' && 'Firefox sets no quota on an extension\'s storage.local that a test can reach; what the background does on a quota error is covered by tests/js/store.test.mjs',
    }, async () => {
      const FILLER = 'mamalens-test-filler';
      await send(ext, { type: 'storeClear' });
      const kept = record('kept before the quota was reached');
      await send(ext, { type: 'flag', records: [kept] });
      // Fill storage.local (10 MB without unlimitedStorage) to 2,000 bytes short of its quota.
      const room = await ext.evaluate(async (key) => {
        const area = chrome.storage.local;
        const used = await area.getBytesInUse(null);
        await area.set({ [key]: 'f'.repeat(area.QUOTA_BYTES - used - 2000 - key.length - 2) });
        return area.QUOTA_BYTES - (await area.getBytesInUse(null));
      }, FILLER);
      assert.ok(room > 0 && room <= 2000, `room ${room}`);
      // Three records well inside MamaLens's own bounds, together past the quota.
      const three = [1, 2, 3].map((i) => record(`reply ${i} ${'q'.repeat(1500)}`));
      const res = await send(ext, { type: 'flag', records: three });
      assert.equal(res.added, 0, JSON.stringify(res));
      assert.equal(res.refused, three.length);
      assert.match(res.quota, /quota/i);
      const store = await send(ext, { type: 'storeGet' });
      assert.deepEqual(Object.values(store.records).map((r) => r.text), [kept.text]);
      assert.equal(store.full, true);
      assert.match(await optionsSaysFull(), new RegExp(`^Full: ${three.length} replies could not be kept`));
      // With the quota free again, the same records are kept.
      await ext.evaluate((key) => chrome.storage.local.remove(key), FILLER);
      await send(ext, { type: 'storeClear' });
      assert.equal((await send(ext, { type: 'flag', records: three })).added, three.length);
      await send(ext, { type: 'storeClear' });
    });

    it('hostile reply text is shown as text and never becomes markup, in the page or in a badge', async () => {
      const { page } = await openThread('/hostile');
      const want = (await verdicts(ext, HOSTILE)).map((v) => v.label);
      assert.deepEqual((await pageState(page)).labels.slice(1), want);
      assert.ok(want[2] !== 'neutral', 'the reply whose cue spans the tag is marked');
      // Open every popover, so the cue texts are written into the badges too.
      await page.$$eval('[data-mamalens-badge]', (hosts) => {
        for (const h of hosts) h.shadowRoot.querySelector('button.badge').click();
      });
      await poll(() => page.evaluate(() => [...document.querySelectorAll('[data-mamalens-badge]')].every((h) => h.shadowRoot.querySelector('.panel .scores').textContent)), 'the popovers filled');
      // A popover shows the tag as text.
      assert.ok(await page.evaluate(() => [...document.querySelectorAll('[data-mamalens-badge]')].some((h) => h.shadowRoot.querySelector('.panel').textContent.includes('<img src=x>'))), 'a cue holding markup');
      const hostile = 'img[src="x"], script';
      assert.deepEqual(await elementsMatching(page, hostile), []);
      assert.deepEqual(await page.$$eval(TEXT, (els) => els.slice(1).map((e) => e.textContent)), HOSTILE);
      // The same search finds such an element where it would be: in a badge's
      // shadow root (a script, as an image would load).
      await page.evaluate(() => {
        document.querySelector('[data-mamalens-badge]').shadowRoot.querySelector('.panel').insertAdjacentHTML('beforeend', '<script>window.__pwned = 3</script>');
      });
      assert.equal((await elementsMatching(page, hostile)).length, 1);
      await page.close();
    });

    it('site CSS that hides spans and buttons cannot hide the badge', async () => {
      const { page } = await openThread('/hostile-css');
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

    it('the page cannot talk to the extension: it has no runtime, and its postMessage is not heard', async () => {
      const { page } = await openThread();
      const reach = await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage === 'function' || typeof globalThis.browser?.runtime?.sendMessage === 'function');
      assert.equal(reach, false);
      const texts = await pagePostsMessages(ext, page, {
        kept: 'flagged before the page posted',
        posted: 'flagged by a message the page posted',
        barrier: 'Some women are not cut out to be moms.',
      });
      // Neither cleared nor added to; the barrier reply shows the lens was listening.
      assert.deepEqual(texts, ['Some women are not cut out to be moms.', 'flagged before the page posted']);
      await page.close();
    });

    it('another extension cannot talk to MamaLens: its messages find no listener and change nothing', async () => {
      const { answers, texts } = await foreignSends(ctx, ext, ctx.others[0], { kept: 'flagged before', foreign: 'flagged by another extension' });
      for (const [type, a] of Object.entries(answers)) {
        assert.ok(a.error && !a.answer, `${type} was answered: ${JSON.stringify(a)}`);
        assert.match(a.error, /Receiving end does not exist|Could not establish connection/, type);
      }
      assert.deepEqual(texts, ['flagged before']);
    });

    if (kind === 'chrome') {
      it('a content script may score and flag, but not read or clear the store, nor reach the other admin messages', async () => {
        const { page } = await openThread();
        await send(ext, { type: 'storeClear' });
        await send(ext, { type: 'flag', records: [record('flagged before')] });
        // The content script's own world (CDP: the isolated world MamaLens's
        // content scripts run in), as a compromised content script would.
        const cdp = await page.createCDPSession();
        const worlds = [];
        cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
        await cdp.send('Runtime.enable');
        const world = await poll(() => worlds.find((c) => c.auxData?.type === 'isolated' && c.origin === ctx.base), 'MamaLens\'s content-script world');
        const { result } = await cdp.send('Runtime.evaluate', {
          contextId: world.id,
          awaitPromise: true,
          returnByValue: true,
          expression: `(async () => {
            const out = {};
            for (const type of ['storeGet', 'storeClear', 'validate', 'lexiconInfo', 'syncHosts']) out[type] = await chrome.runtime.sendMessage({ type });
            out.score = await chrome.runtime.sendMessage({ type: 'score', texts: ['You are a terrible mother.'] });
            return out;
          })()`,
        });
        await cdp.detach();
        const answers = result.value;
        for (const type of ['storeGet', 'storeClear', 'validate', 'lexiconInfo', 'syncHosts']) {
          assert.equal(answers[type]?.refused, true, `${type}: ${JSON.stringify(answers[type])}`);
          assert.equal(answers[type].records, undefined);
        }
        // The same world reaches the background: what a content script needs is answered.
        assert.equal(answers.score.results[0].label, 'shaming');
        assert.deepEqual(await storeTexts(ext), ['flagged before']);
        await send(ext, { type: 'storeClear' });
        await page.close();
      });
    }

    it('every extension page is opened, and nothing left the browser during the whole session', async () => {
      for (const rel of ['popup/popup.html', 'options/options.html']) {
        const p = await openExtensionPage(ctx, rel);
        await p.close();
      }
      await assertNothingLeft(assert, ctx);
    });
  });

  describe(`${kind}: a panic inside the Scorer, on the real scoring path`, { timeout: 300000 }, () => {
    let ctx;
    let srv;
    let ext;
    const CRASHING = `You are a terrible mother. ${CRASH_MARKER}`;
    const AROUND = ['Why even have kids if you are never around?', 'So proud of you, mama. You are doing great.', 'What time is the final?'];
    before(async () => {
      srv = await serve({
        '/crash': () => ({ body: renderThread({ ...thread, replies: replies([AROUND[0], CRASHING, AROUND[1], AROUND[2]], 'c') }) }),
        '/after': () => ({ body: renderThread({ ...thread, replies: replies(AROUND, 'd') }) }),
      });
      ctx = await launch(kind, extensionCopy(kind, { drill: true }));
      ctx.net.allowServer(srv);
      await setSettings(ctx, { sites: { '127.0.0.1': true } });
      ext = await openExtensionPage(ctx, 'options/options.html');
    });
    after(async () => {
      await ctx?.close();
      srv?.server.close();
    });

    it('only the test build can crash: the shipped Wasm has no drill', () => {
      const marker = Buffer.from(CRASH_MARKER);
      assert.ok(fs.readFileSync(path.join(DRILL_PKG, 'mamalens_bg.wasm')).includes(marker), 'the drill build has its marker');
      for (const b of ['chrome', 'firefox']) assert.ok(!fs.readFileSync(path.join(ROOT, 'dist', b, 'pkg', 'mamalens_bg.wasm')).includes(marker), `dist/${b}`);
    });

    it('a reply that traps the Wasm mid-batch: the Scorer is rebuilt, the batch retried, and every reply on the page labelled', async () => {
      const before = await send(ext, { type: 'lexiconInfo' });
      const page = await ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 2600 });
      await page.goto(`${srv.base}/crash`);
      const got = await labels(page, REPLY);
      const info = await send(ext, { type: 'lexiconInfo' });
      assert.ok(info.crashes > before.crashes, `crashes ${before.crashes} -> ${info.crashes}`);
      assert.ok(info.built > before.built, `Scorers built ${before.built} -> ${info.built}`);
      // The replies batched with the crashing one carry the verdicts the
      // Scorer gives them on their own; the crashing one is left neutral.
      const texts = await page.$$eval(TEXT, (els) => els.map((e) => e.textContent));
      const crashing = texts.indexOf(CRASHING);
      assert.equal(crashing, 2);
      const alone = (await verdicts(ext, texts.filter((_, i) => i !== crashing))).map((v) => v.label);
      assert.deepEqual(got.filter((_, i) => i !== crashing), alone);
      assert.ok(alone.includes('shaming') && alone.includes('supportive'), JSON.stringify(alone));
      assert.equal(got[crashing], 'neutral');
      // Scoring goes on, on the fresh Scorer.
      const next = await ctx.browser.newPage();
      await next.goto(`${srv.base}/after`);
      assert.deepEqual((await labels(next, REPLY)).slice(1), alone.slice(1));
      await page.close();
      await next.close();
    });

    it('nothing left the browser during the whole session', async () => {
      await assertNothingLeft(assert, ctx);
    });
  });
}
