// In-browser figures: a page of 1,000 replies in headless Chromium with the
// extension loaded, scrolled top to bottom like a reader would. Long tasks are
// observed from the page (PerformanceObserver 'longtask'), which sees the
// content script's work too: it runs on the page's main thread.
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../tools/x-thread.mjs';
import { ROOT, serve, extensionCopy, launch, setSettings, poll } from '../tests/e2e/harness.mjs';
import { generate } from './corpus.mjs';

const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
`;

// Replies in the viewport that carry no label yet.
const UNLABELLED_IN_VIEW = () => [...document.querySelectorAll('article[data-testid="tweet"]:not([data-mamalens-label])')]
  .filter((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).length;

async function run(ctx, url, withLabels) {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 800, height: 1000 });
  await page.evaluateOnNewDocument(OBSERVE);
  await page.goto(url, { waitUntil: 'load' });
  const loaded = Date.now();
  let firstScreenMs = null;
  // A reader: a screen at a time, moving on once what is on screen is marked.
  // (The page grows as badges appear, so its height is read at every step.)
  const waits = [];
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 900) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    const t = Date.now();
    if (withLabels) await poll(() => page.evaluate(UNLABELLED_IN_VIEW).then((n) => n === 0), 'replies on screen labelled', 10000, 5);
    else await new Promise((r) => setTimeout(r, 16));
    waits.push(Date.now() - t);
    if (firstScreenMs === null) firstScreenMs = Date.now() - loaded;
  }
  let allMs = null;
  if (withLabels) {
    await poll(() => page.evaluate(() => document.querySelectorAll('article[data-testid="tweet"]:not([data-mamalens-label])').length === 0), 'all labelled', 30000, 20).catch(async (e) => { console.error(await page.evaluate(() => { const all = [...document.querySelectorAll('article[data-testid="tweet"]')]; return all.map((a, i) => a.hasAttribute('data-mamalens-label') ? null : [i, a.querySelector('[data-testid=tweetText]').textContent.slice(0, 40)]).filter(Boolean).slice(0, 8); })); throw e; });
    allMs = Date.now() - loaded;
  }
  await new Promise((r) => setTimeout(r, 300));
  const tasks = await page.evaluate(() => window.__longTasks);
  await page.close();
  waits.sort((a, b) => a - b);
  return { firstScreenMs, allMs, screens: waits.length, medianScreenMs: waits[Math.floor(waits.length / 2)], tasks };
}

export async function pageOf1000() {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
  const texts = generate(path.resolve(ROOT, '../shared/corpus/dev.jsonl'), 1000);
  const thread = { ...base, replies: texts.map((text, i) => ({ ...base.replies[i % base.replies.length], id: `77${i}`, text })) };
  const html = renderThread(thread);
  const srv = await serve({ '/page': () => ({ body: html }) });
  const ctx = await launch('chrome', extensionCopy('chrome'));
  try {
    await setSettings(ctx, { sites: { '127.0.0.1': false } });
    const baseline = await run(ctx, `${srv.base}/page`, false);
    await setSettings(ctx, { sites: { '127.0.0.1': true } });
    const withExt = await run(ctx, `${srv.base}/page`, true);
    return {
      firstScreenMs: withExt.firstScreenMs,
      allMs: withExt.allMs,
      screens: withExt.screens,
      medianScreenMs: withExt.medianScreenMs,
      longestTaskMs: Math.max(0, ...withExt.tasks),
      longTasks: withExt.tasks.length,
      baselineLongestMs: Math.max(0, ...baseline.tasks),
    };
  } finally {
    await ctx.close();
    srv.server.close();
  }
}
