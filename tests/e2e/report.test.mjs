// End-to-end: the report of flagged replies, in both browsers. Replies are
// flagged on real pages, the report's rows must be exactly the stored
// records and the filters must narrow them; an empty store says what the
// report will hold; a full store (5,000 replies) renders progressively with
// no long task over 200 ms (Chromium's longtask entries; Firefox has none);
// and Chromium prints it to PDF holding every reply's text.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, session, extensionCopy, openExtensionPage, gotoExtensionPage, labels, poll, tabIdOf, quiet, tempDir, removeTemp, assertNothingLeft } from '../../tools/browser/harness.mjs';
import { send } from '../../tools/browser/checks.mjs';
import { keepScreenshot } from './narrow.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
// The bar: no task of the report page over this long with a full store.
const LONG_TASK_MAX_MS = 200;
const TAB_B = ['Must be nice to have a nanny raise your kids.', 'Some women are not cut out to be moms.', 'No car seat in that photo. Someone call CPS.'];
const replies = (texts, prefix) => texts.map((text, i) => ({ ...thread.replies[0], id: `${prefix}${i}`, handle: `${prefix}h${i}`, text }));

// Records of another site and other days, as the store keeps them.
const OLDER = [
  ['Formula again? Breast is best, you did not even try.', 'you did not even try', '2026-11-20T09:15:00.000Z', 'formula'],
  ['Back at work already? Your poor kids.', 'Your poor kids', '2026-11-20T18:40:00.000Z', 'working'],
  ['She let herself go after the baby.', 'let herself go', '2026-11-22T12:00:00.000Z', 'body'],
].map(([text, cue, firstSeen, category], i) => ({
  site: 'reddit', pageUrl: 'https://www.reddit.com/r/Mommit/comments/abc/title/', permalink: `https://www.reddit.com/r/Mommit/comments/abc/title/c${i}/`,
  author: `user${i}`, timestamp: '2026-11-19T08:00:00.000Z', text, label: 'shaming', shaming: 0.8 + i / 100, support: 0.01,
  categories: [category], cues: [{ text: cue, start: text.indexOf(cue), end: text.indexOf(cue) + cue.length, polarity: 'shaming', category, rule: null }], firstSeen,
}));

// Writes records straight into the store from an extension page (as an older
// session of the extension would have left them).
const addToStore = (ext, records) => ext.evaluate(async (recs) => {
  const api = globalThis.browser ?? globalThis.chrome;
  const store = MamaLens.migrateStore((await api.storage.local.get(MamaLens.STORE_KEY))[MamaLens.STORE_KEY]);
  for (const r of recs) store.records[MamaLens.recordId(r)] = r;
  await api.storage.local.set({ [MamaLens.STORE_KEY]: store });
}, records);

const rendered = (page) => poll(() => page.evaluate(() => document.getElementById('replies')?.dataset.state === 'done').catch(() => false), 'the report rendered', 60000);
const rows = (page) => page.$$eval('article.reply', (els) => els.map((e) => [e.dataset.id, e.querySelector('.reply-text').textContent]).sort());
const expectRows = (records) => Object.entries(records).map(([id, r]) => [id, r.text]).sort();
const pick = (records, keep) => Object.fromEntries(Object.entries(records).filter(([, r]) => keep(r)));
const localDay = (iso) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function setFilter(page, id, value) {
  await page.evaluate((i, v) => {
    const e = document.getElementById(i);
    e.value = v;
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, id, value);
  await rendered(page);
}

for (const kind of BROWSERS) {
  describe(`${kind}: the report`, { timeout: 300000 }, () => {
    let s;
    let ctx;
    let srv;
    let ext;
    before(async () => {
      s = await session(kind, extensionCopy(kind), {
        '/thread': () => ({ body: renderThread(thread) }),
        '/tab-b': () => ({ body: renderThread({ ...thread, replies: replies(TAB_B, 'b') }) }),
      });
      ({ ctx, srv, ext } = s);
    });
    after(async () => s?.close());
    afterEach(async () => {
      for (const p of await ctx.browser.pages()) if (p !== ext && !p.url().startsWith('about:')) await p.close().catch(() => {});
    });

    async function flagOn(route) {
      const page = await ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 2600 });
      await page.goto(`${srv.base}${route}`);
      await labels(page);
      await quiet(ext, await tabIdOf(ctx, ext, `${srv.base}${route}`));
      return page.$$eval('[data-mamalens-label="shaming"] [data-testid="tweetText"]', (els) => els.map((e) => e.textContent));
    }

    async function openReport(query = '') {
      const page = await ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 1200 });
      await gotoExtensionPage(ctx, page, `${ctx.base}/report/report.html${query}`);
      await rendered(page);
      return page;
    }

    it('the popup and the options page open the report as an extension page', async () => {
      for (const rel of ['popup/popup.html', 'options/options.html']) {
        const p = await openExtensionPage(ctx, rel);
        assert.equal(await p.$eval('#report', (a) => a.href), `${ctx.base}/report/report.html`, rel);
        await p.close();
      }
    });

    it('an empty store shows what the report will hold and how to fill it', async () => {
      await send(ext, { type: 'storeClear' });
      const page = await openReport();
      const shown = await page.evaluate(() => ({ empty: !document.getElementById('empty').hidden, text: document.getElementById('empty').textContent, rows: document.querySelectorAll('article.reply').length, filters: !document.getElementById('filters').hidden }));
      assert.ok(shown.empty && !shown.filters && shown.rows === 0, JSON.stringify(shown));
      assert.match(shown.text, /text with the words that set off the verdict marked/);
      assert.match(shown.text, /To fill it/);
    });

    it('replies flagged on pages: the rows are the stored records, with their details, and the filters narrow them', async () => {
      await send(ext, { type: 'storeClear' });
      const onPages = [...(await flagOn('/thread')), ...(await flagOn('/tab-b'))];
      assert.ok(onPages.length >= 6, onPages.join(' | '));
      await poll(async () => Object.keys((await send(ext, { type: 'storeGet' })).records).length === onPages.length, 'the store to hold every flagged reply');
      await addToStore(ext, OLDER);
      const { records } = await send(ext, { type: 'storeGet' });
      assert.equal(Object.keys(records).length, onPages.length + OLDER.length);

      const page = await openReport();
      assert.deepEqual(await rows(page), expectRows(records));
      // Each row: its cue words marked, its author, both times, its links, label, scores, categories.
      const shown = await page.$$eval('article.reply', (els) => Object.fromEntries(els.map((e) => [e.dataset.id, {
        marks: [...e.querySelectorAll('.reply-text mark')].map((m) => m.textContent),
        details: e.querySelector('dl').textContent,
        head: e.querySelector('.reply-head').textContent,
        links: [...e.querySelectorAll('dl a')].map((a) => a.href),
      }])));
      for (const [id, r] of Object.entries(records)) {
        const s = shown[id];
        // Every cue, in order; one overlapping the cue before it is inside that mark.
        let end = 0;
        const cues = r.cues.filter((c) => Number.isInteger(c.start)).sort((a, b) => a.start - b.start).filter((c) => c.start >= end && ((end = c.end), true));
        assert.deepEqual(s.marks, cues.map((c) => r.text.slice(c.start, c.end)), r.text);
        assert.ok(s.marks.length > 0, `cue words marked in ${r.text}`);
        assert.ok(s.details.includes(r.author), `author of ${r.text}`);
        assert.ok(s.details.includes(new Date(r.firstSeen).toISOString()), 'first seen');
        if (r.timestamp) assert.ok(s.details.includes(new Date(r.timestamp).toISOString()), 'its own time');
        assert.ok(s.links.includes(r.permalink), 'permalink');
        assert.ok(s.head.includes(r.label) && s.head.includes(r.shaming.toFixed(2)) && r.categories.every((c) => s.head.includes(c)), s.head);
      }
      // The summary is drawn from the same records: per category and per day.
      const chart = (id) => page.$$eval(`#${id} .bar-row`, (els) => Object.fromEntries(els.map((e) => [e.dataset.key, Number(e.dataset.count)])));
      const byCategory = {};
      const byDay = {};
      for (const r of Object.values(records)) {
        for (const c of r.categories.length ? r.categories : ['(none)']) byCategory[c] = (byCategory[c] ?? 0) + 1;
        byDay[localDay(r.firstSeen)] = (byDay[localDay(r.firstSeen)] ?? 0) + 1;
      }
      assert.deepEqual(await chart('chart-category'), byCategory);
      assert.deepEqual(await chart('chart-day'), byDay);
      await keepScreenshot(ctx, page, 'report', { fullPage: false });

      // By site, by page, by days, each narrowing to exactly its records.
      await setFilter(page, 'f-site', 'reddit');
      assert.deepEqual(await rows(page), expectRows(pick(records, (r) => r.site === 'reddit')));
      await setFilter(page, 'f-site', 'x');
      assert.deepEqual(await rows(page), expectRows(pick(records, (r) => r.site === 'x')));
      const pages = await page.$$eval('#f-page option', (os) => os.map((o) => o.value).filter(Boolean));
      assert.deepEqual(pages.sort(), [`${srv.base}/tab-b`, `${srv.base}/thread`]);
      await setFilter(page, 'f-page', `${srv.base}/tab-b`);
      const tabB = pick(records, (r) => r.pageUrl === `${srv.base}/tab-b`);
      assert.deepEqual(await rows(page), expectRows(tabB));
      assert.ok(Object.keys(tabB).length > 0 && Object.keys(tabB).length < onPages.length);
      await page.click('#reset');
      await rendered(page);
      assert.deepEqual(await rows(page), expectRows(records));
      await setFilter(page, 'f-from', '2026-11-20');
      await setFilter(page, 'f-to', '2026-11-21');
      const days = pick(records, (r) => localDay(r.firstSeen) >= '2026-11-20' && localDay(r.firstSeen) <= '2026-11-21');
      assert.equal(Object.keys(days).length, 2);
      assert.deepEqual(await rows(page), expectRows(days));
      // The filter is in the address, so a filtered report can be opened again.
      const again = await openReport(new URL(page.url()).search);
      assert.deepEqual(await rows(again), expectRows(days));
    });

    if (kind === 'chrome') {
      it('prints to PDF through the browser: every reply\'s text, each site on its own pages, no buttons', async () => {
        const { records } = await send(ext, { type: 'storeGet' });
        assert.ok(Object.keys(records).length >= 9, 'the records of the test before');
        const page = await openReport();
        const dir = tempDir('mamalens-pdf-');
        try {
          const file = path.join(dir, 'report.pdf');
          await page.pdf({ path: file, format: 'A4', printBackground: true });
          const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
          const flat = (s) => s.replace(/\s+/g, ' ').trim();
          const all = flat(text);
          for (const r of Object.values(records)) assert.ok(all.includes(flat(r.text)), `the PDF holds "${r.text}"`);
          for (const label of ['Print or save as PDF', 'Export CSV', 'All replies', 'First seen from']) assert.ok(!all.includes(label), `no "${label}" in the printout`);
          // Pages split at form feeds: the two sites' headings on different pages.
          const pageOf = (heading) => text.split('\f').findIndex((p) => p.includes(heading));
          const reddit = pageOf('Reddit: 3 replies');
          const x = pageOf('X: ');
          assert.ok(reddit >= 0 && x >= 0 && reddit !== x, `site headings on pages ${reddit} and ${x}`);
        } finally {
          removeTemp(dir);
        }
      });
    }

    it('5,000 replies: the report renders them progressively and filters with no long task over 200 ms', async () => {
      await send(ext, { type: 'storeClear' });
      await ext.evaluate(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const store = MamaLens.migrateStore(null);
        const sites = ['x', 'reddit', 'youtube', 'facebook', 'tiktok'];
        for (let i = 0; i < MamaLens.STORE_MAX_RECORDS; i++) {
          const text = `Reply ${i}: what kind of mother leaves her baby with strangers every single day? ${'Shameful. '.repeat(i % 7)}`;
          const site = sites[i % sites.length];
          const r = {
            site, pageUrl: `https://example.invalid/${site}/page${i % 40}`, permalink: `https://example.invalid/${site}/p/${i}`, author: `@user${i % 300}`,
            timestamp: new Date(Date.UTC(2026, 10, 1 + (i % 28), 12)).toISOString(), text, label: 'shaming', shaming: 0.9, support: 0.02,
            categories: [['childcare', 'working', 'insult'][i % 3]], cues: [{ text: 'what kind of mother', start: text.indexOf('what'), end: text.indexOf('what') + 19, polarity: 'shaming', category: 'insult', rule: null }],
            firstSeen: new Date(Date.UTC(2026, 10, 1 + (i % 28), 13, i % 60)).toISOString(),
          };
          store.records[MamaLens.recordId(r)] = r;
        }
        await api.storage.local.set({ [MamaLens.STORE_KEY]: store });
      });
      const page = await ctx.browser.newPage();
      await page.setViewport({ width: 900, height: 1200 });
      // Installed before the page's own scripts run: its long tasks, and the
      // row counts it shows on the way (so rendering is seen to be gradual).
      if (kind === 'chrome') {
        await page.evaluateOnNewDocument(() => {
          globalThis.__long = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) globalThis.__long.push(Math.round(e.duration));
          }).observe({ type: 'longtask' });
          // Each row count the page shows, until its first render is done
          // (a mutation observer hears every task's changes).
          globalThis.__counts = new Set();
          const seen = new MutationObserver(() => {
            const r = document.getElementById('replies');
            if (r?.dataset.rows) globalThis.__counts.add(Number(r.dataset.rows));
            if (r?.dataset.state === 'done') seen.disconnect();
          });
          seen.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rows', 'data-state'] });
        });
      }
      await gotoExtensionPage(ctx, page, `${ctx.base}/report/report.html`);
      await rendered(page);
      assert.equal(await page.$$eval('article.reply', (els) => els.length), 5000);
      await setFilter(page, 'f-site', 'reddit');
      assert.equal(await page.$$eval('article.reply', (els) => els.length), 1000);
      await setFilter(page, 'f-from', '2026-11-10');
      await setFilter(page, 'f-to', '2026-11-12');
      const { records } = await send(ext, { type: 'storeGet' });
      const want = pick(records, (r) => r.site === 'reddit' && localDay(r.firstSeen) >= '2026-11-10' && localDay(r.firstSeen) <= '2026-11-12');
      assert.ok(Object.keys(want).length > 0 && Object.keys(want).length < 1000);
      assert.deepEqual(await rows(page), expectRows(want));
      if (kind === 'chrome') {
        const { long, counts } = await page.evaluate(() => ({ long: globalThis.__long, counts: [...globalThis.__counts] }));
        assert.ok(counts.some((n) => n > 0 && n < 5000), `rendered in steps: ${counts.slice(0, 20).join(', ')}`);
        assert.ok(long.every((d) => d <= LONG_TASK_MAX_MS), `long tasks (ms): ${long.join(', ')}`);
        console.log(`report, 5,000 replies: ${long.length} long tasks, longest ${Math.max(0, ...long)} ms; row counts seen ${counts.length}`);
      }
      await send(ext, { type: 'storeClear' });
    });

    it('nothing left the browser during the session', async () => {
      await assertNothingLeft(assert, ctx);
    });
  });
}
