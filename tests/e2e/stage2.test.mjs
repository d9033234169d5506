// The second stage in the extension, in both browsers: every reply is read
// again by the sentence model and its label refined where the two stages
// together decide otherwise; the popover says which stage decided and the
// store keeps the final label. Two drills: weights that cannot load (the
// first stage's labels stand, the popup says so, and "Try again" loads it),
// and a reply that traps the reader (that reply keeps its first label; the
// rest are read on a fresh instance).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, DRILL_PKG, session, extensionCopy, openExtensionPage, gotoExtensionPage, labels, poll, tabIdOf, assertNothingLeft } from '../../tools/browser/harness.mjs';
import { send, verdicts, appendReply } from '../../tools/browser/checks.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
const REPLY = 'article[data-testid="tweet"]';
const TEXT = `${REPLY} [data-testid="tweetText"]`;
// reader/src/lib.rs (CRASH_DRILL_MARKER): with the drill build, reading a
// reply that holds it panics.
const READER_CRASH_MARKER = 'mamalens-reader-crash-drill';

// Real replies from the corpus's test split (threads nothing was trained
// on), the first of each source with a mother named: the first stage
// misreads enough of them that the second stage changes some labels.
function testSplitReplies(perSource = 8) {
  const out = [];
  for (const file of ['civil', 'edos', 'misogyny', 'redditbias']) {
    const lines = fs.readFileSync(path.join(ROOT, 'corpus', 'en', 'labelled', `${file}.jsonl`), 'utf8').split('\n').filter(Boolean);
    const picked = lines.map((l) => JSON.parse(l)).filter((r) => r.split === 'test' && r.text.length < 280).slice(0, perSource);
    out.push(...picked.map((r) => r.text));
  }
  return out;
}

const replies = (texts, prefix) => texts.map((text, i) => ({ ...thread.replies[0], id: `${prefix}${i}`, handle: `${prefix}h${i}`, text }));
const pageTexts = (page) => page.$$eval(TEXT, (els) => els.map((e) => e.textContent));
const stages = (page) => page.$$eval(REPLY, (els) => els.map((e) => e.getAttribute('data-mamalens-stage')));
const firstLabels = async (ext, texts) => (await send(ext, { type: 'score', texts })).results.map((v) => v.label);

// The popover's "which stage" line of the reply at `index`.
const stageLine = (page, index) => page.evaluate((sel, i) => {
  const host = document.querySelectorAll(sel)[i].querySelector('mamalens-badge');
  host.shadowRoot.querySelector('button.badge').click();
  return host.shadowRoot.querySelector('.stage').textContent;
}, REPLY, index);

async function openPopup(ctx, url) {
  const ext = await openExtensionPage(ctx, 'options/options.html');
  const tabId = await tabIdOf(ctx, ext, url);
  await ext.close();
  const popup = await ctx.browser.newPage();
  await gotoExtensionPage(ctx, popup, `${ctx.base}/popup/popup.html?tab=${tabId}`);
  return popup;
}
const popupReader = (popup) => popup.evaluate(() => ({
  state: document.getElementById('reader').getAttribute('data-state'),
  text: document.getElementById('reader').textContent,
  retry: !document.getElementById('reader-retry').hidden,
}));

for (const kind of BROWSERS) {
  describe(`${kind}: the second stage refines labels`, { timeout: 300000 }, () => {
    const TEXTS = testSplitReplies();
    let s;
    before(async () => {
      s = await session(kind, extensionCopy(kind), { '/read': () => ({ body: renderThread({ ...thread, replies: replies(TEXTS, 'r') }) }) }, { settings: { storeSupportive: true } });
    });
    after(async () => s?.close());

    it('every reply is read again; where both stages decide otherwise, the page, the popover and the store carry the final label', async () => {
      const page = await s.ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 12000 });
      await page.goto(`${s.srv.base}/read`);
      const got = await labels(page, REPLY, 60000);
      const texts = await pageTexts(page);
      const final = (await verdicts(s.ext, texts)).map((v) => v.label);
      const first = await firstLabels(s.ext, texts);
      assert.deepEqual(got, final, 'the page shows both stages\' labels');
      assert.deepEqual([...new Set(await stages(page))], ['reader'], 'every reply read by the second stage');
      const changed = final.map((l, i) => (l !== first[i] ? i : -1)).filter((i) => i >= 0);
      assert.ok(changed.length > 0, 'the second stage changed no label on these replies');
      const shown = changed.find((i) => final[i] !== 'neutral');
      assert.ok(shown !== undefined, `no label changed to a marked one (${changed.map((i) => `${first[i]}->${final[i]}`)})`);
      assert.match(await stageLine(page, shown), /sentence model/);
      // The store: flagged by their final labels, each with the first stage's.
      const records = Object.values((await send(s.ext, { type: 'storeGet' })).records);
      const byText = new Map(records.map((r) => [r.text, r]));
      texts.forEach((t, i) => {
        const r = byText.get(t);
        if (final[i] === 'neutral') assert.equal(r, undefined, `neutral in the end, not stored: ${t}`);
        else assert.deepEqual([r?.label, r?.stage, r?.firstLabel], [final[i], 'reader', first[i]], t);
      });
      const popup = await openPopup(s.ctx, `${s.srv.base}/read`);
      const shownState = await poll(async () => {
        const r = await popupReader(popup);
        return r.state === 'ready' ? r : false;
      }, 'the popup to show the second stage ready');
      assert.match(shownState.text, new RegExp(`${(await send(s.ext, { type: 'readerStatus' })).read} replies read`));
      assert.equal(shownState.retry, false);
      await popup.close();
      await page.close();
    });

    it('nothing left the browser during the whole session', async () => {
      await assertNothingLeft(assert, s.ctx);
    });
  });

  describe(`${kind}: second stage drill, weights that cannot load`, { timeout: 300000 }, () => {
    const TEXTS = testSplitReplies(3);
    let s;
    let dir;
    let weights;
    before(async () => {
      dir = extensionCopy(kind, {
        mutate: (d) => {
          const file = path.join(d, 'models', 'reader.en.bin');
          weights = fs.readFileSync(file);
          fs.writeFileSync(file, 'not a model');
        },
      });
      s = await session(kind, dir, { '/read': () => ({ body: renderThread({ ...thread, replies: replies(TEXTS, 'n') }) }) }, { settings: { storeSupportive: true } });
    });
    after(async () => s?.close());

    it('the first stage\'s labels stand and are stored; the popup says so; "Try again" loads it once it can', async () => {
      const page = await s.ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 6000 });
      await page.goto(`${s.srv.base}/read`);
      const got = await labels(page, REPLY);
      const texts = await pageTexts(page);
      assert.deepEqual(got, await firstLabels(s.ext, texts));
      assert.deepEqual([...new Set(await stages(page))], ['first-only']);
      const marked = got.findIndex((l) => l !== 'neutral');
      assert.ok(marked >= 0, 'something is marked');
      assert.match(await stageLine(page, marked), /could not read it/);
      const records = Object.values((await send(s.ext, { type: 'storeGet' })).records);
      assert.ok(records.length > 0 && records.every((r) => r.stage === 'first-only' && r.label === r.firstLabel), JSON.stringify(records.map((r) => r.stage)));

      const popup = await openPopup(s.ctx, `${s.srv.base}/read`);
      const failed = await poll(async () => {
        const r = await popupReader(popup);
        return r.state === 'failed' ? r : false;
      }, 'the popup to say the second stage failed');
      assert.match(failed.text, /could not load/);
      assert.equal(failed.retry, true);
      // The weights are back (an update, a disk that was full): tried again.
      fs.writeFileSync(path.join(dir, 'models', 'reader.en.bin'), weights);
      await popup.evaluate(() => document.getElementById('reader-retry').click());
      await poll(async () => ((await popupReader(popup)).state === 'ready' ? true : false), 'the second stage to load on "Try again"', 30000);
      await popup.close();
      await page.bringToFront(); // a tab in the background is not scored until it is shown
      await appendReply(page, TEXTS[0]);
      await poll(async () => ((await stages(page)).at(-1) === 'reader' ? true : false), 'a new reply read by the second stage', 30000);
      await page.close();
    });

    it('nothing left the browser during the whole session', async () => {
      await assertNothingLeft(assert, s.ctx);
    });
  });

  describe(`${kind}: second stage drill, a reply that traps the reader`, { timeout: 300000 }, () => {
    const AROUND = ['Why even have kids if you are never around?', 'So proud of you, mama. You are doing great.'];
    const CRASHING = `You are a terrible mother. ${READER_CRASH_MARKER}`;
    let s;
    before(async () => {
      s = await session(kind, extensionCopy(kind, { readerDrill: true }), {
        '/trap': () => ({ body: renderThread({ ...thread, replies: replies([AROUND[0], CRASHING, AROUND[1]], 't') }) }),
      }, { settings: { storeSupportive: true } });
    });
    after(async () => s?.close());

    it('only the test build can trap: the shipped reader has no drill', () => {
      const marker = Buffer.from(READER_CRASH_MARKER);
      assert.ok(fs.readFileSync(path.join(DRILL_PKG, 'reader_bg.wasm')).includes(marker), 'the drill build has its marker');
      for (const b of ['chrome', 'firefox']) assert.ok(!fs.readFileSync(path.join(ROOT, 'dist', b, 'pkg', 'reader_bg.wasm')).includes(marker), `dist/${b}`);
    });

    it('the reply that traps keeps its first-stage label; the others are read on a fresh instance', async () => {
      const before = await send(s.ext, { type: 'readerStatus' });
      const page = await s.ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 4000 });
      await page.goto(`${s.srv.base}/trap`);
      const got = await labels(page, REPLY);
      const texts = await pageTexts(page);
      const crashing = texts.indexOf(CRASHING);
      assert.ok(crashing > 0);
      const st = await stages(page);
      assert.equal(st[crashing], 'first-only');
      assert.equal(got[crashing], (await firstLabels(s.ext, [CRASHING]))[0]);
      const others = texts.filter((_, i) => i !== crashing);
      assert.deepEqual(got.filter((_, i) => i !== crashing), (await verdicts(s.ext, others)).map((v) => v.label));
      assert.ok(st.filter((_, i) => i !== crashing).every((x) => x === 'reader'), JSON.stringify(st));
      const after = await send(s.ext, { type: 'readerStatus' });
      assert.ok(after.traps > before.traps, `traps ${before.traps} -> ${after.traps}`);
      assert.equal(after.state, 'ready');
      await page.close();
    });

    it('nothing left the browser during the whole session', async () => {
      await assertNothingLeft(assert, s.ctx);
    });
  });
}
