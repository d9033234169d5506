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

async function run(ctx, url, withLabels) {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 800, height: 1000 });
  await page.evaluateOnNewDocument(OBSERVE);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const loaded = Date.now();
  // Scroll a screen at a time, as a reader would, until the end.
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 900) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    await new Promise((r) => setTimeout(r, 16));
  }
  let labelledMs = null;
  if (withLabels) {
    await poll(() => page.evaluate(() => {
      const all = document.querySelectorAll('article[data-testid="tweet"]');
      return all.length === document.querySelectorAll('article[data-testid="tweet"][data-mamalens-label]').length;
    }), 'all 1,000 labelled', 60000, 20);
    labelledMs = Date.now() - loaded;
  }
  await new Promise((r) => setTimeout(r, 300));
  const tasks = await page.evaluate(() => window.__longTasks);
  await page.close();
  return { labelledMs, tasks, totalMs: Date.now() - t0 };
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
      labelledMs: withExt.labelledMs,
      longestTaskMs: Math.max(0, ...withExt.tasks),
      longTasks: withExt.tasks.length,
      baselineLongestMs: Math.max(0, ...baseline.tasks),
    };
  } finally {
    await ctx.close();
    srv.server.close();
  }
}
