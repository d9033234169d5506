// In-browser figures: a thread of 1,000 replies in headless Chromium with the
// extension loaded, scrolled top to bottom like a reader would. Like X, Reddit
// or YouTube, the page shows the first replies and loads more, 20 at a time,
// as the reader nears the end (no real site parses 1,000 replies in one go,
// which alone is a 150-200 ms task). Long tasks are observed from the page
// (PerformanceObserver 'longtask'), which sees the content script's work too:
// it runs on the page's main thread. The same run with MamaLens off gives the
// page's own.
import fs from 'node:fs';
import path from 'node:path';
import { renderThread, article } from '../tools/x-thread.mjs';
import { ROOT, SHARED, serve, extensionCopy, launch, setSettings, poll, openExtensionPage } from '../tools/browser/harness.mjs';
import { send } from '../tools/browser/checks.mjs';
import { generate } from './corpus.mjs';

const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
`;

const BATCH = 20;
const TOTAL = 1000;
const ROUNDS = 3;

// Loads the next replies when the end of the thread is within two screens.
const MORE = `<div id="more" style="height:1px"></div>
<script>
(() => {
  let next = ${BATCH}, busy = false;
  const more = document.getElementById('more');
  async function load() {
    if (busy || next >= ${TOTAL}) return;
    busy = true;
    while (next < ${TOTAL} && more.getBoundingClientRect().top < innerHeight * 3) {
      const html = await (await fetch('/more?from=' + next)).text();
      more.insertAdjacentHTML('beforebegin', html);
      next += ${BATCH};
      await new Promise((r) => requestAnimationFrame(r));
    }
    busy = false;
  }
  new IntersectionObserver(load, { rootMargin: '2000px' }).observe(more);
  addEventListener('scroll', load, { passive: true });
})();
</script>`;

// Replies in the viewport that carry no label yet.
const UNLABELLED_IN_VIEW = () => [...document.querySelectorAll('article[data-testid="tweet"]:not([data-mamalens-label])')]
  .filter((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).length;

async function run(ctx, url, withLabels, { untilRead = false } = {}) {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 800, height: 1000 });
  await page.evaluateOnNewDocument(OBSERVE);
  // MAMALENS_BENCH_PROFILE=1 writes a CPU profile of the labelled run (page
  // and content script) to out/bench/page.cpuprofile, for Chromium DevTools.
  const profile = withLabels && process.env.MAMALENS_BENCH_PROFILE ? await page.createCDPSession() : null;
  if (profile) {
    await profile.send('Profiler.enable');
    await profile.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load' });
  const loaded = Date.now();
  let firstScreenMs = null;
  // A reader: a screen at a time, moving on once what is on screen is marked.
  // (The page grows as badges appear, so its height is read at every step.)
  const waits = [];
  const state = () => page.evaluate(() => [document.body.scrollHeight, document.querySelectorAll('article[data-testid="tweet"]').length]);
  for (let y = 0; ; ) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    const t = Date.now();
    if (withLabels) await poll(() => page.evaluate(UNLABELLED_IN_VIEW).then((n) => n === 0), 'replies on screen labelled', 10000, 5);
    else await new Promise((r) => setTimeout(r, 16));
    waits.push(Date.now() - t);
    if (firstScreenMs === null) firstScreenMs = Date.now() - loaded;
    const [height, count] = await state();
    if (y + 1000 >= height && count >= TOTAL + 1) break; // the end, all loaded
    if (waits.length > 3000) throw new Error('the thread never finished loading');
    y = Math.min(y + 900, height);
  }
  let allMs = null;
  if (withLabels) {
    await poll(() => page.evaluate(() => document.querySelectorAll('article[data-testid="tweet"]:not([data-mamalens-label])').length === 0), 'all labelled', 30000, 20).catch(async (e) => { console.error(await page.evaluate(() => { const all = [...document.querySelectorAll('article[data-testid="tweet"]')]; return all.map((a, i) => a.hasAttribute('data-mamalens-label') ? null : [i, a.querySelector('[data-testid=tweetText]').textContent.slice(0, 40)]).filter(Boolean).slice(0, 8); })); throw e; });
    allMs = Date.now() - loaded;
  }
  // Once: until the second stage has read every reply (one at a time, in the
  // background, after the first stage).
  let readAllMs = null;
  if (untilRead) {
    await poll(() => page.evaluate(() => document.querySelectorAll('[data-mamalens-stage="first"]').length === 0), 'all read by the second stage', 600000, 200);
    readAllMs = Date.now() - loaded;
  }
  await new Promise((r) => setTimeout(r, 300));
  const tasks = await page.evaluate(() => window.__longTasks);
  if (profile) {
    const { profile: data } = await profile.send('Profiler.stop');
    fs.mkdirSync(path.join(ROOT, 'out', 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'out', 'bench', 'page.cpuprofile'), JSON.stringify(data));
  }
  await page.close();
  waits.sort((a, b) => a - b);
  return { firstScreenMs, allMs, readAllMs, screens: waits.length, medianScreenMs: waits[Math.floor(waits.length / 2)], tasks };
}

export async function pageOf1000() {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
  const texts = generate(path.join(SHARED, 'corpus', 'dev.jsonl'), TOTAL);
  const replies = texts.map((text, i) => ({ ...base.replies[i % base.replies.length], id: `77${i}`, text }));
  const html = renderThread({ ...base, replies: replies.slice(0, BATCH) }).replace('</body>', `${MORE}</body>`);
  const srv = await serve({
    '/page': () => ({ body: html }),
    '/more': (url) => {
      const from = Number(url.searchParams.get('from'));
      return { body: replies.slice(from, from + BATCH).map((r) => article(r)).join('\n') };
    },
  });
  const ctx = await launch('chrome', extensionCopy('chrome'), { record: false });
  // Long tasks on a shared 2-core machine vary from run to run, so the page
  // is read ROUNDS times each way, MamaLens off and on in turn, and the
  // median run (by longest task) is reported.
  const median = (runs) => [...runs].sort((a, b) => Math.max(0, ...a.tasks) - Math.max(0, ...b.tasks))[runs.length >> 1];
  try {
    const off = [];
    const on = [];
    for (let r = 0; r < ROUNDS; r++) {
      await setSettings(ctx, { sites: { '127.0.0.1': false } });
      off.push(await run(ctx, `${srv.base}/page`, false));
      await setSettings(ctx, { sites: { '127.0.0.1': true } });
      on.push(await run(ctx, `${srv.base}/page`, true, { untilRead: r === 0 }));
    }
    const ext = await openExtensionPage(ctx, 'options/options.html');
    const reader = await send(ext, { type: 'readerStatus' });
    await ext.close();
    const withExt = median(on);
    const baseline = median(off);
    return {
      rounds: ROUNDS,
      firstScreenMs: withExt.firstScreenMs,
      allMs: withExt.allMs,
      readAllMs: on[0].readAllMs,
      readerMemoryBytes: reader.memoryBytes,
      readerLoadMs: reader.loadMs,
      screens: withExt.screens,
      medianScreenMs: withExt.medianScreenMs,
      longestTaskMs: Math.max(0, ...withExt.tasks),
      longTasks: withExt.tasks.length,
      baselineLongestMs: Math.max(0, ...baseline.tasks),
      baselineLongTasks: baseline.tasks.length,
      longestByRound: on.map((r) => Math.max(0, ...r.tasks)),
      baselineLongestByRound: off.map((r) => Math.max(0, ...r.tasks)),
    };
  } finally {
    await ctx.close();
    srv.server.close();
  }
}
