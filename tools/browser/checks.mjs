// What the end-to-end tests look at in a page, shared by the tests and by
// their positive controls (controls.test.mjs), so that a control exercises
// exactly the check it vouches for.
import { poll } from './harness.mjs';

export const send = (page, msg) => page.evaluate((m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), msg);

// The cue-word highlights inside each element matching `textSelector`, as
// [highlight, start, end, text] in that element's text (its text nodes, in
// order: what a Range over it reads), sorted by start.
export function highlightsIn(page, textSelector) {
  return page.evaluate((sel) => {
    const els = [...document.querySelectorAll(sel)];
    const out = els.map(() => []);
    const offset = (el, node, off) => {
      const r = document.createRange();
      r.setStart(el, 0);
      r.setEnd(node, off);
      return r.toString().length;
    };
    for (const name of ['mamalens-shaming', 'mamalens-supportive']) {
      for (const range of CSS.highlights?.get(name) ?? []) {
        const i = els.findIndex((el) => el.contains(range.startContainer));
        if (i === -1) {
          out.push([name, 'outside every reply', range.startContainer.textContent]);
          continue;
        }
        const el = els[i];
        const start = offset(el, range.startContainer, range.startOffset);
        const end = offset(el, range.endContainer, range.endOffset);
        const whole = document.createRange();
        whole.selectNodeContents(el);
        out[i].push([name.slice('mamalens-'.length), start, end, whole.toString().slice(start, end)]);
      }
    }
    for (const list of out) list.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    return out;
  }, textSelector);
}

// What highlightsIn must find, from the Scorer's verdicts on the same texts:
// each cue that counts toward the reply's label, at its place, with its text.
export function expectedHighlights(verdicts) {
  return verdicts.map((v) => (v.label === 'neutral' ? [] : v.cues
    .filter((c) => c.weight > 0 && c.polarity === v.label)
    .map((c) => [v.label, c.start, c.end, c.text])
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])));
}

// The verdicts as the page shows them once both stages have read every reply:
// the first stage's, with the second stage's label where it gave one (not on
// allowlisted or unscored replies, nor on replies not read as English, which
// it never reads), asked from `ext`. `langs`: each reply's language as its
// page gives it (the nearest lang attribute), or none.
export async function verdicts(ext, texts, langs = undefined) {
  const { results, error: scoreError } = await send(ext, { type: 'score', texts, ...(langs ? { langs } : {}) });
  if (scoreError) throw new Error(`score: ${scoreError}`);
  const read = results.map((v) => !v.unscored && (v.lang ?? 'en') === 'en' && !v.cues.some((c) => c.rule === 'allowlisted'));
  const asked = texts.filter((_, i) => read[i]);
  const first = results.filter((_, i) => read[i]).map((v) => [v.shaming, v.support]);
  const { labels, error } = asked.length ? await send(ext, { type: 'refine', texts: asked, first }) : { labels: [] };
  if (error) throw new Error(`refine: ${error}`);
  let k = 0;
  return results.map((v, i) => {
    const label = read[i] ? labels[k++] : null;
    if (!label || label === v.label) return v;
    const categories = label === 'neutral' ? [] : [...new Set(v.cues.filter((c) => c.weight > 0 && c.polarity === label).map((c) => c.category))];
    return { ...v, label, categories };
  });
}

// The texts in the flagged-replies store, sorted, read from an extension page.
export async function storeTexts(ext) {
  return Object.values((await send(ext, { type: 'storeGet' })).records).map((r) => r.text).sort();
}

// A flagged record as the content script makes one, with its own permalink.
let probes = 0;
export const record = (text, over = {}) => ({
  site: 'x', pageUrl: null, permalink: `https://x.com/probe/status/${Date.now()}${probes++}`, author: null, timestamp: null,
  text, label: 'shaming', shaming: 0.9, support: 0, categories: [], cues: [], ...over,
});

// A new reply at the end of an X-like thread (tools/x-thread.mjs), with its
// own permalink, scrolled into view so that the lens scores it.
export function appendReply(page, text) {
  return page.evaluate((t, id) => {
    const cells = document.querySelectorAll('[data-testid="cellInnerDiv"]');
    const cell = cells[cells.length - 1].cloneNode(true);
    for (const b of cell.querySelectorAll('[data-mamalens-badge]')) b.remove();
    for (const e of cell.querySelectorAll('[data-mamalens-label], [data-mamalens-stage], [data-mamalens-style], [data-mamalens-veil]')) {
      e.removeAttribute('data-mamalens-label');
      e.removeAttribute('data-mamalens-stage');
      e.removeAttribute('data-mamalens-style');
      e.removeAttribute('data-mamalens-veil');
    }
    cell.querySelector('[data-testid="tweetText"] span').textContent = t;
    cell.querySelector('a[href*="/status/"]').setAttribute('href', `/probe/status/${id}`);
    document.querySelector('section').appendChild(cell);
    cell.scrollIntoView({ block: 'center' });
  }, text, `${Date.now()}${probes++}`);
}

// A page posts MamaLens-shaped messages to itself: the one channel a page
// has toward a content script. Then, as a barrier, a shaming reply arrives
// and is flagged the ordinary way; the posted messages were sent before it,
// so once it is in the store, whatever they could set off has happened.
// Returns the store's texts: `kept` (flagged before), `posted` only if a
// posted message was heard, and `barrier`.
export async function pagePostsMessages(ext, page, { kept, posted, barrier }) {
  await send(ext, { type: 'storeClear' });
  await send(ext, { type: 'flag', records: [record(kept)] });
  await page.evaluate((r) => {
    window.postMessage({ type: 'storeClear' }, '*');
    window.postMessage({ type: 'flag', records: [r] }, '*');
  }, record(posted));
  await appendReply(page, barrier);
  await poll(async () => (await storeTexts(ext)).includes(barrier), 'the barrier reply to be flagged');
  return storeTexts(ext);
}

// Another extension sends MamaLens messages by its id: read the store, clear
// it, add to it. Returns each answer (or the error the send failed with) and
// the store's texts after, which held `kept` before. The answers are the
// barrier: a handler answers only after it has run.
export async function foreignSends(ctx, ext, other, { kept, foreign }) {
  await send(ext, { type: 'storeClear' });
  await send(ext, { type: 'flag', records: [record(kept)] });
  const page = await ctx.browser.newPage();
  const url = `${other.base}/page.html`;
  if (ctx.kind === 'chrome') await page.goto(url);
  else page.goto(url).catch(() => {});
  await poll(() => page.evaluate(() => globalThis.OTHER_READY === true).catch(() => false), 'the other extension\'s page');
  const answers = await page.evaluate(async (id, r) => {
    const out = {};
    for (const msg of [{ type: 'storeGet' }, { type: 'storeClear' }, { type: 'flag', records: [r] }]) {
      try {
        out[msg.type] = { answer: (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(id, msg)) ?? null };
      } catch (e) {
        out[msg.type] = { error: String(e?.message ?? e) };
      }
    }
    return out;
  }, ctx.id, record(foreign));
  await page.close();
  return { answers, texts: await storeTexts(ext) };
}

// Every element in the page and in every shadow root under it (badges).
export function elementsMatching(page, selector) {
  return page.evaluate((sel) => {
    const found = [];
    const visit = (root) => {
      for (const e of root.querySelectorAll(sel)) found.push(e.outerHTML.slice(0, 120));
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) visit(e.shadowRoot);
    };
    visit(document);
    return found;
  }, selector);
}

// Answers a real site's address from saved markup by request interception:
// the page itself, what its own markup loads (with nothing) and its favicon.
// Everything else is refused and returned in `outside`; data: URLs are not
// requests to anywhere and go through.
export async function serveSite(page, { url, markup, csp, own }) {
  await page.setRequestInterception(true);
  const outside = [];
  page.on('request', (req) => {
    if (req.url().startsWith('data:')) {
      req.continue();
    } else if (req.url() === url) {
      req.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: csp ? { 'content-security-policy': csp } : {}, body: markup });
    } else if (own.has(req.url()) || req.url() === new URL('/favicon.ico', url).href) {
      req.respond({ status: 404, body: '' });
    } else {
      outside.push(req.url());
      req.abort();
    }
  });
  return outside;
}
