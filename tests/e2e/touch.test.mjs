// End-to-end: the popup, the options page, the report, and the badge with its
// popover on a 360 px phone: by touch in Chromium (mobile viewport and touch
// emulation), in a 360 px window in Firefox. A tap opens the popover, a
// second tap or Escape closes it; no target under 44 px, nothing that needs
// hover, no sideways scrolling.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, session, extensionCopy, gotoExtensionPage, labels, poll, tabIdOf, quiet, assertNothingLeft } from '../../tools/browser/harness.mjs';
import { phone, tap, narrowProblems, keepScreenshot, PHONE_WIDTH } from './narrow.mjs';

const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');
// The demo thread as a phone page (X serves one the same shape).
const mobileThread = () => renderThread(thread).replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">');

for (const kind of BROWSERS) {
  describe(`${kind}: touch and narrow screens`, { timeout: 240000 }, () => {
    let s;
    let ctx;
    let srv;
    let ext;
    before(async () => {
      s = await session(kind, extensionCopy(kind), { '/thread': () => ({ body: mobileThread() }) });
      ({ ctx, srv, ext } = s);
    });
    after(async () => s?.close());

    async function phonePage(url) {
      const page = await ctx.browser.newPage();
      await phone(ctx, page);
      if (url.startsWith(ctx.base)) await gotoExtensionPage(ctx, page, url);
      else await page.goto(url);
      return page;
    }

    // A phone shows a few replies: only those near the screen are scored.
    const shamingShown = (page) => poll(() => page.evaluate(() => !!document.querySelector('[data-mamalens-label="shaming"] [data-mamalens-badge]')), 'a shaming reply marked');
    const badgeButton = (page) => page.evaluateHandle(() => document.querySelector('[data-mamalens-label="shaming"] [data-mamalens-badge]').shadowRoot.querySelector('button.badge'));
    const popover = (page) => page.evaluate(() => {
      const root = document.querySelector('[data-mamalens-label="shaming"] [data-mamalens-badge]').shadowRoot;
      const panel = root.querySelector('.panel');
      const r = panel.getBoundingClientRect();
      return { open: !panel.hidden, expanded: root.querySelector('button.badge').getAttribute('aria-expanded'), left: r.left, right: r.right, scrollWidth: document.documentElement.scrollWidth };
    }).then((p) => ({ ...p, width: PHONE_WIDTH }));

    it(`a tap opens the popover, a second tap closes it, and so does Escape, at ${PHONE_WIDTH} px`, async () => {
      const page = await phonePage(`${srv.base}/thread`);
      assert.equal(await page.evaluate(() => innerWidth), PHONE_WIDTH);
      if (kind === 'chrome') assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches && navigator.maxTouchPoints > 0), 'touch is emulated');
      await shamingShown(page);
      const tab = await tabIdOf(ctx, ext, `${srv.base}/thread`);
      await quiet(ext, tab);
      const button = await badgeButton(page);
      assert.deepEqual((await popover(page)).open, false);
      await tap(ctx, button);
      const opened = await poll(async () => {
        const p = await popover(page);
        return p.open ? p : false;
      }, 'the popover to open on a tap');
      assert.equal(opened.expanded, 'true');
      assert.ok(opened.left >= 0 && opened.right <= opened.width && opened.scrollWidth <= opened.width, `the popover fits the screen: ${JSON.stringify(opened)}`);
      assert.deepEqual(await narrowProblems(page, { within: '[data-mamalens-badge]' }), []);
      await keepScreenshot(ctx, page, 'popover-360');
      await tap(ctx, button);
      await poll(async () => !(await popover(page)).open, 'the popover to close on a second tap');
      assert.equal((await popover(page)).expanded, 'false');
      await tap(ctx, button);
      await poll(async () => (await popover(page)).open, 'the popover to open again');
      await page.keyboard.press('Escape');
      await poll(async () => !(await popover(page)).open, 'the popover to close on Escape');
      await page.close();
    });

    it(`the popup, options and report pages fit ${PHONE_WIDTH} px, with targets of 44 px and nothing on hover`, async () => {
      const page = await phonePage(`${srv.base}/thread`);
      await shamingShown(page);
      const tab = await tabIdOf(ctx, ext, `${srv.base}/thread`);
      await quiet(ext, tab);
      const popup = await phonePage(`${ctx.base}/popup/popup.html?tab=${tab}`);
      await poll(() => popup.evaluate(() => !document.getElementById('toggle').hidden && !document.getElementById('counts').hidden && Number(document.getElementById('store-count').textContent) > 0), 'the popup filled');
      assert.deepEqual(await narrowProblems(popup), [], 'popup');
      await keepScreenshot(ctx, popup, 'popup-360');
      // The switch works by touch too.
      await tap(ctx, await popup.$('#toggle'));
      await poll(() => popup.evaluate(() => document.getElementById('toggle').getAttribute('aria-checked') === 'false'), 'the switch off');
      await tap(ctx, await popup.$('#toggle'));
      await poll(() => popup.evaluate(() => document.getElementById('toggle').getAttribute('aria-checked') === 'true'), 'the switch on');
      const options = await phonePage(`${ctx.base}/options/options.html`);
      await poll(() => options.evaluate(() => document.querySelectorAll('#sites li').length > 0), 'the sites listed');
      assert.deepEqual(await narrowProblems(options), [], 'options');
      await keepScreenshot(ctx, options, 'options-360');
      const report = await phonePage(`${ctx.base}/report/report.html`);
      await poll(() => report.evaluate(() => document.getElementById('replies').dataset.state === 'done'), 'the report rendered');
      assert.deepEqual(await narrowProblems(report), [], 'report');
      await keepScreenshot(ctx, report, 'report-360');
      for (const p of [popup, options, report, page]) await p.close();
    });

    it('the keyboard command switches MamaLens off and on for the site, and the popup names its shortcut', async () => {
      const page = await ctx.browser.newPage();
      await page.goto(`${srv.base}/thread`);
      await labels(page);
      const tab = await tabIdOf(ctx, ext, `${srv.base}/thread`);
      const popup = await ctx.browser.newPage();
      await gotoExtensionPage(ctx, popup, `${ctx.base}/popup/popup.html?tab=${tab}`);
      const shortcut = await poll(() => popup.evaluate(() => {
        const e = document.getElementById('shortcut');
        return !e.hidden && e.textContent;
      }), 'the shortcut line');
      assert.match(shortcut, /Alt\+Shift\+M switches MamaLens on or off for this site/);
      const marked = () => page.evaluate(() => document.querySelectorAll('[data-mamalens-badge]').length);
      assert.ok((await marked()) > 0);
      await runCommand(tab, page);
      await poll(async () => (await marked()) === 0, 'the marks gone after the command');
      const settings = await ext.evaluate(() => MamaLens.loadSettings());
      assert.equal(settings.sites['127.0.0.1'], false);
      await runCommand(tab, page);
      await poll(async () => (await marked()) > 0, 'the marks back after the command again');
      await popup.close();
      await page.close();
    });

    // The command as the browser delivers it. Chromium: its handler, run in
    // the service worker with the tab (headless Chromium has no keyboard
    // shortcuts). Firefox: the shortcut's own <key> element in the browser
    // window, which is what pressing the keys fires.
    async function runCommand(tab, page) {
      await page.bringToFront(); // the command acts on the selected tab, and a hidden one paints nothing
      if (kind === 'chrome') {
        const worker = await ctx.worker.worker();
        const r = await worker.evaluate((id) => MamaLens.toggleSiteIn({ id }), tab);
        assert.equal(r?.host, '127.0.0.1');
        return;
      }
      const bidi = ctx.browser.connection;
      const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const r = await bidi.send('script.evaluate', {
        expression: `(() => {
          const win = Services.wm.getMostRecentWindow('navigator:browser');
          // MamaLens's keyset (ext-keyset-id-<its id>) holds one key per command.
          const keys = [...win.document.querySelectorAll('keyset[id^="ext-keyset-id-mamalens"] > key')];
          const shown = keys.map((k) => k.getAttribute('key') + '/' + k.getAttribute('modifiers'));
          if (keys.length !== 1 || shown[0].toUpperCase() !== 'M/ALT,SHIFT') return 'keys: ' + shown.join(' ');
          keys[0].doCommand();
          return 'ok';
        })()`,
        target: { context: tree.result.contexts[0].context }, awaitPromise: false, resultOwnership: 'none',
      });
      assert.equal(r.result.result?.value, 'ok', JSON.stringify(r.result));
    }

    it('nothing left the browser during the session', async () => {
      await assertNothingLeft(assert, ctx);
    });
  });
}
