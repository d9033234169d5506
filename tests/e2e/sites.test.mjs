// End-to-end: the packaged extension (no test hosts added) on every supported
// site, at the site's real address. Requests are answered from saved page
// markup by request interception, so nothing reaches the network. Reply texts
// in real markup that says nothing about mothers are swapped for known ones,
// so that highlights must appear; the markup around them is untouched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, SHARED, launch, labels, X_LIKE_CSP } from './harness.mjs';

const read = (rel) => {
  const shared = path.join(SHARED, 'fixtures', rel);
  return fs.readFileSync(fs.existsSync(shared) ? shared : path.join(ROOT, 'tests', 'fixtures', rel), 'utf8');
};
const SHAMING = 'You are a terrible mother.';
const SUPPORT = "Don't beat yourself up, mama. You're doing a great job.";
const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));

// url, markup, the replies' own selector (from shared/fixtures/SOURCES.md, not the adapter), how many.
const SITES = [
  ['https://x.com/serenawilliams/status/1015708254233669632', () => renderThread(thread), 'article[data-testid="tweet"]', 12, { csp: X_LIKE_CSP }],
  ['https://www.reddit.com/r/UtterlyUniquePhotos/comments/1u52d5l/', () => read('reddit/shreddit_post_detail_comments_excerpt_2026.html')
    .replace(/They can throw it away[^<]*/, SHAMING).replace(/I hope there use just no portrait[^<]*/, SUPPORT), 'shreddit-comment', 3],
  ['https://old.reddit.com/r/Mommit/comments/xyz/title/', () => read('reddit/old_reddit_comments.html'), '.thing.comment', 2],
  ['https://www.youtube.com/watch?v=nS9McwlWGzo', () => read('youtube/youtube_comment_thread_view_model_snippet.html').replace(/We need a saparate Tal series[^<]*/, SHAMING), 'ytd-comment-view-model', 1],
  ['https://bsky.app/profile/bsky.app', () => read('bluesky/bluesky_profile_feed_excerpt_2026.html'), '[data-testid^="feedItem-by-"]', 2],
  ['https://www.instagram.com/p/DZp0D66NvRq/', () => read('instagram/instagram_post_comments_excerpt_2026.html').replace('real Goat🔥', 'so proud of you mama, you are doing amazing'), 'a[href*="/c/"] time', 2],
  ['https://www.facebook.com/page/posts/1', () => read('facebook/post_comments.html'), 'div[role="article"]', 3],
  ['https://www.threads.com/@katie.mom/post/DAx1Yz2AbCd', () => read('threads/post_replies.html'), '[data-pressable-container="true"]', 3],
  ['https://www.tiktok.com/@someone/video/7300000000000000000', () => read('tiktok/video_comments.html'), '[data-e2e^="comment-level-"]', 3],
];

const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');

for (const kind of BROWSERS) {
  describe(`${kind}: supported sites at their real addresses`, { timeout: 240000 }, () => {
    let ctx;
    before(async () => {
      ctx = await launch(kind, path.join(ROOT, 'dist', kind));
    });
    after(async () => ctx?.close());

    for (const [url, markup, selector, count, opts = {}] of SITES) {
      it(`${new URL(url).hostname}: every reply labelled, shaming and support highlighted`, async () => {
        const page = await ctx.browser.newPage();
        await page.setViewport({ width: 1000, height: 3000 });
        await page.setRequestInterception(true);
        const outside = [];
        page.on('request', (req) => {
          if (req.url() === url) {
            req.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: opts.csp ? { 'content-security-policy': opts.csp } : {}, body: markup() });
          } else {
            outside.push(req.url());
            req.abort();
          }
        });
        await page.goto(url);
        // The reply element is the selector's match, or (Instagram, TikTok) the
        // nearest ancestor the extension labelled.
        const got = await labels(page, '[data-mamalens-label]', 20000);
        const expected = await page.$$eval(selector, (els) => els.length);
        assert.equal(expected, count, 'the fixture changed');
        assert.equal(got.length, count, `labelled ${got.length} of ${count}`);
        const unlabelled = await page.$$eval(selector, (els) => els.filter((e) => !e.closest('[data-mamalens-label]') && !e.querySelector('[data-mamalens-label]') && !e.parentElement?.closest('[data-mamalens-label]')).length);
        assert.equal(unlabelled, 0);
        const styled = await page.$$eval('[data-mamalens-style]', (els) => els.map((e) => e.getAttribute('data-mamalens-style')));
        assert.ok(styled.length > 0, 'something is highlighted');
        const marks = await page.evaluate(() => ['mamalens-shaming', 'mamalens-supportive'].reduce((n, k) => n + (CSS.highlights?.get(k)?.size ?? 0), 0));
        assert.ok(marks > 0, 'cue words are highlighted');
        await page.close();
      });
    }
  });
}
