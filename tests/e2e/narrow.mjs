// Narrow screens and touch, shared by the touch and report tests: a 360 px
// phone in Chromium (mobile viewport, touch emulation), a 360 px window in
// Firefox (puppeteer cannot emulate touch there), and the checks on a page.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, OUT } from '../../tools/browser/harness.mjs';

export const PHONE_WIDTH = 360;
// WCAG 2.5.5 target size; extension/shared/page.css and content/badge.js use it.
export const TARGET_PX = 44;
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36';

export async function phone(ctx, page) {
  if (ctx.kind === 'chrome') {
    await page.emulate({ viewport: { width: PHONE_WIDTH, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, userAgent: ANDROID_UA });
  } else {
    await page.setViewport({ width: PHONE_WIDTH, height: 740 });
  }
}

// A tap where touch is emulated (Chromium), a click elsewhere.
export const tap = (ctx, handle) => (ctx.kind === 'chrome' ? handle.tap() : handle.click());

// What a phone user would meet on this page: horizontal scrolling, targets
// under TARGET_PX (text links inside a sentence or a list of details are
// exempt, as in WCAG), and styles that only work under a hovering pointer.
// The screen's width is PHONE_WIDTH whatever innerWidth says: a mobile
// browser widens its layout viewport to fit content that overflows.
export function narrowProblems(page, { within = null } = {}) {
  return page.evaluate((min, withinSel, screen) => {
    const problems = [];
    const doc = document.documentElement;
    const innerWidth = Math.min(globalThis.innerWidth, screen);
    if (doc.scrollWidth > innerWidth + 1) problems.push(`scrolls sideways: ${doc.scrollWidth} > ${innerWidth}`);
    const roots = [document];
    for (const h of document.querySelectorAll('[data-mamalens-badge]')) roots.push(h.shadowRoot);
    for (const root of roots) {
      for (const e of root.querySelectorAll('button, a[href], select, textarea, input, label')) {
        if (withinSel && root === document && !e.closest(withinSel)) continue;
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
        if (e.matches('input, select') && e.closest('label')) continue; // the label is the target
        if (e.matches('label') && !e.querySelector('input, select')) continue; // a caption
        if (e.matches('a') && e.closest('p, dd, li, figcaption')) continue; // a link in text
        if (r.width < min || r.height < min) problems.push(`${e.localName}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} "${e.textContent.trim().slice(0, 30)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
        if (r.right > innerWidth + 1 || r.left < -1) problems.push(`${e.localName} "${e.textContent.trim().slice(0, 30)}" runs off the screen (${Math.round(r.left)}..${Math.round(r.right)})`);
      }
      const sheets = root === document ? [...document.styleSheets] : [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((s) => s.sheet)];
      const walk = (rules) => {
        for (const rule of rules) {
          if (rule.selectorText?.includes(':hover')) problems.push(`a style needs hover: ${rule.selectorText}`);
          if (rule.cssRules) walk(rule.cssRules);
        }
      };
      // With `within`, the page is the site's: only MamaLens's styles count.
      if (!(withinSel && root === document)) for (const s of sheets) if (s) walk(s.cssRules);
    }
    return problems;
  }, TARGET_PX, within, PHONE_WIDTH);
}

// A screenshot from the test run: always in out/e2e; with
// MAMALENS_SCREENSHOTS=1, Chromium's also in docs/screenshots for the README.
export async function keepScreenshot(ctx, page, name, options = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${ctx.kind}-${name}.png`);
  await page.screenshot({ path: file, ...options });
  if (process.env.MAMALENS_SCREENSHOTS === '1' && ctx.kind === 'chrome') fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshots', `${name}.png`));
  return file;
}
