// End-to-end: the packaged extension (no test hosts added) on every supported
// site, at the site's real address. Requests are answered from saved page
// markup by request interception, so nothing reaches the network. Reply texts
// in real markup that says nothing about mothers are swapped for known ones,
// so that highlights must appear; the markup around them is untouched.
//
// Each reply is found by the site's own markup (shared/fixtures/SOURCES.md,
// or the built fixture's header), not by the adapter: its label must be the
// one expected, and its highlights exactly the cues the Scorer reports for
// the same text, asked from an extension page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderThread } from '../../tools/x-thread.mjs';
import { ROOT, SHARED, launch, pageResources, openExtensionPage, poll, tabIdOf, quiet, assertNothingLeft, X_LIKE_CSP } from '../../tools/browser/harness.mjs';
import { highlightsIn, expectedHighlights, send, serveSite, verdicts as finalVerdicts } from '../../tools/browser/checks.mjs';

const read = (rel) => {
  const shared = path.join(SHARED, 'fixtures', rel);
  return fs.readFileSync(fs.existsSync(shared) ? shared : path.join(ROOT, 'tests', 'fixtures', rel), 'utf8');
};
const SHAMING = 'You are a terrible mother.';
const SUPPORT = "Don't beat yourself up, mama. You're doing a great job.";
const thread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'serena-thread.json'), 'utf8'));
// Labels from the corpus the demo thread was taken from, for its replies.
// Serena's own post is left out: the second stage reads it as supportive (a
// misreading of the engine's, counted in its figures, tests/corpus/README.md;
// this test is about the extension showing the engine's verdicts, checked on
// every reply below).
const gold = new Map(fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'demo-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.text, r.label]));
gold.delete(thread.post.text);
// Threads in Portuguese and Spanish, written by the team (made-up accounts),
// labelled by reading them as the corpus guide asks.
const threadGold = fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'threads-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
// A reply marked `"miss": "model"` is one its language's model is known to
// misread (its figures are the blind test split's, corpus/README.md): the
// page must still show the Scorer's verdict, which must differ from the
// label by reading, so the mark goes once the model reads it right.
const goldIn = (lang) => new Map(threadGold.filter((r) => r.lang === lang && !r.miss).map((r) => [r.text, r.label]));
const missesIn = (lang) => new Map(threadGold.filter((r) => r.lang === lang && r.miss).map((r) => [r.text, r.label]));
const ptThread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'pt-thread.json'), 'utf8'));
const esThread = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'es-thread.json'), 'utf8'));

// Each site: its URL, its markup, the selector of a reply's text element in
// the site's own markup, how many replies, and the expected label of each
// reply that has one, by its text. Labels not from the corpus were given by
// reading the reply, as the corpus guide asks: shaming judges the mother,
// support defends or encourages her, the rest is neutral.
const SITES = [
  {
    url: 'https://x.com/serenawilliams/status/1015708254233669632',
    markup: () => renderThread(thread),
    text: 'article[data-testid="tweet"] [data-testid="tweetText"]',
    count: 12,
    csp: X_LIKE_CSP,
    labels: gold,
  },
  {
    url: ptThread.url,
    markup: () => renderThread(ptThread),
    text: 'article[data-testid="tweet"] [data-testid="tweetText"]',
    count: 13,
    csp: X_LIKE_CSP,
    labels: goldIn('pt'),
    misses: missesIn('pt'),
    lang: 'pt',
  },
  {
    url: esThread.url.replace('https://x.com/', 'https://mobile.x.com/'),
    markup: () => renderThread(esThread),
    text: 'article[data-testid="tweet"] [data-testid="tweetText"]',
    count: 13,
    csp: X_LIKE_CSP,
    labels: goldIn('es'),
    misses: missesIn('es'),
    lang: 'es',
  },
  {
    url: 'https://www.reddit.com/r/UtterlyUniquePhotos/comments/1u52d5l/',
    markup: () => read('reddit/shreddit_post_detail_comments_excerpt_2026.html')
      .replace(/They can throw it away[^<]*/, SHAMING).replace(/I hope there use just no portrait[^<]*/, SUPPORT),
    text: 'shreddit-comment > div[slot="comment"]',
    count: 3,
    labels: new Map([
      [SHAMING, 'shaming'],
      [SUPPORT, 'supportive'],
      ['The thing that makes it especially weird is he was probably waiting for one of Epstein’s underage girls to arrive.', 'neutral'],
    ]),
  },
  {
    url: 'https://old.reddit.com/r/Mommit/comments/xyz/title/',
    markup: () => read('reddit/old_reddit_comments.html'),
    text: '.comment .usertext-body .md',
    count: 2,
    labels: new Map([
      ['Formula fed from day one and my kid is thriving. Fed is best.', 'supportive'],
      ["Breast is best though. You didn't even try.", 'shaming'],
    ]),
  },
  {
    url: 'https://www.youtube.com/watch?v=nS9McwlWGzo',
    markup: () => read('youtube/youtube_comment_thread_view_model_snippet.html').replace(/We need a saparate Tal series[^<]*/, SHAMING),
    text: 'ytd-comment-thread-renderer #content-text',
    count: 1,
    labels: new Map([[SHAMING, 'shaming']]),
  },
  {
    url: 'https://bsky.app/profile/bsky.app',
    markup: () => read('bluesky/bluesky_profile_feed_excerpt_2026.html').replace(/who's the best design researcher you know\?[^<]*/, SUPPORT),
    text: '[data-testid^="feedItem-by-"] [data-testid="postText"]',
    count: 2,
    labels: new Map([
      [SUPPORT, 'supportive'],
      ['The application has remained stable since the evening of April 16 and we have seen no evidence of unauthorized access to private user data. Given the ongoing stability, this will be our final update.', 'neutral'],
    ]),
  },
  {
    url: 'https://www.instagram.com/p/DZp0D66NvRq/',
    markup: () => read('instagram/instagram_post_comments_excerpt_2026.html').replace('real Goat🔥', 'so proud of you mama, you are doing amazing'),
    text: 'div.x1cy8zhl > span[dir="auto"]',
    count: 2,
    labels: new Map([
      ['@jbricky09 so proud of you mama, you are doing amazing', 'supportive'],
      ['That movie wouldn’t even pass hk film censorship or funding in current hk environment 😢', 'neutral'],
    ]),
  },
  {
    url: 'https://www.facebook.com/page/posts/1',
    markup: () => read('facebook/post_comments.html'),
    text: 'div[role="article"] div[dir="auto"]',
    count: 3,
    labels: new Map([
      ['Three weeks postpartum and already at a concert? Who is watching the baby??', 'shaming'],
      ['Parents deserve a night out too. Leave her alone!', 'supportive'],
      ['What time does the concert start?', 'neutral'],
    ]),
  },
  {
    url: 'https://www.threads.com/@katie.mom/post/DAx1Yz2AbCd',
    markup: () => read('threads/post_replies.html'),
    // The text is a span[dir=auto] outside the author and permalink links.
    text: '[data-pressable-container="true"] span[dir="auto"]:not(a *)',
    count: 3,
    labels: new Map([
      ['So a stranger is raising your baby now. Why even have kids?', 'shaming'],
      ["You've got this, mama. It gets easier, I promise.", 'supportive'],
    ]),
  },
  {
    url: 'https://www.tiktok.com/@someone/video/7300000000000000000',
    markup: () => read('tiktok/video_comments.html'),
    text: '[data-e2e^="comment-level-"]',
    count: 3,
    labels: new Map([
      ["Makeup on a 5 year old?? That's so inappropriate for a child.", 'shaming'],
      ["It's washable play makeup, it's not that serious. Let her have fun!", 'supportive'],
      ['what song is this', 'neutral'],
    ]),
  },
  // The mobile sites Firefox for Android opens. mobile.x.com and Reddit's
  // mobile web serve the desktop markup; m.youtube.com and m.facebook.com
  // have their own (built fixtures, each saying so in its header).
  {
    url: 'https://mobile.x.com/serenawilliams/status/1015708254233669632',
    markup: () => renderThread(thread),
    text: 'article[data-testid="tweet"] [data-testid="tweetText"]',
    count: 12,
    csp: X_LIKE_CSP,
    labels: gold,
  },
  {
    url: 'https://m.reddit.com/r/UtterlyUniquePhotos/comments/1u52d5l/',
    markup: () => read('reddit/shreddit_post_detail_comments_excerpt_2026.html')
      .replace(/They can throw it away[^<]*/, SHAMING).replace(/I hope there use just no portrait[^<]*/, SUPPORT),
    text: 'shreddit-comment > div[slot="comment"]',
    count: 3,
    labels: new Map([[SHAMING, 'shaming'], [SUPPORT, 'supportive']]),
  },
  {
    url: 'https://m.youtube.com/watch?v=nS9McwlWGzo',
    markup: () => read('youtube/mobile_comments.html'),
    text: 'ytm-comment-renderer p.YtmCommentRendererText',
    count: 3,
    labels: new Map([
      ['She is providing for her family. You are doing great, mama.', 'supportive'],
      ['Which trail is this at the start?', 'neutral'],
    ]),
  },
  {
    url: 'https://m.facebook.com/story.php?story_fbid=1&id=2',
    markup: () => read('facebook/mobile_comments.html'),
    text: '[data-sigil~="comment"] [data-sigil="comment-body"]',
    count: 3,
    labels: new Map([
      ['Three weeks postpartum and already at a concert? Who is watching the baby??', 'shaming'],
      ['Parents deserve a night out too. Leave her alone!', 'supportive'],
      ['What time does the concert start?', 'neutral'],
    ]),
  },
];

const BROWSERS = (process.env.MAMALENS_BROWSERS ?? 'chrome,firefox').split(',');

for (const kind of BROWSERS) {
  describe(`${kind}: supported sites at their real addresses`, { timeout: 300000 }, () => {
    let ctx;
    let ext; // an extension page, to ask the background and the content scripts
    before(async () => {
      ctx = await launch(kind, path.join(ROOT, 'dist', kind));
      ext = await openExtensionPage(ctx, 'options/options.html');
    });
    after(async () => ctx?.close());

    for (const site of SITES) {
      it(`${new URL(site.url).hostname}${site.lang ? ` (${site.lang})` : ''}: each reply has its label and exactly its cue words highlighted`, async () => {
        const markup = site.markup();
        // The page itself: its URL, what its own markup loads (avatars), and
        // its favicon; answered with nothing, and kept out of `outside`.
        const own = pageResources(markup, site.url);
        ctx.net.allowPage(site.url, own);
        const page = await ctx.browser.newPage();
        await page.setViewport({ width: 1000, height: 3000 });
        const outside = await serveSite(page, { url: site.url, markup, csp: site.csp, own });
        await page.goto(site.url);
        const tab = await tabIdOf(ctx, ext, site.url);
        // Every reply's text element lies inside an element the extension
        // labelled; the labels are read once the lens has nothing left to do.
        const labelsNow = () => page.evaluate((sel) => [...document.querySelectorAll(sel)]
          .map((e) => [e.textContent.trim(), e.closest('[data-mamalens-label]')?.getAttribute('data-mamalens-label') ?? null]), site.text);
        await poll(async () => {
          const got = await labelsNow();
          return got.length && got.every(([, l]) => l);
        }, `labels on ${site.text}`);
        await quiet(ext, tab);
        const labelled = await labelsNow();
        assert.equal(labelled.length, site.count, 'the fixture changed');

        // The page shows the Scorer's verdict for each reply's own text...
        const texts = await page.$$eval(site.text, (els) => els.map((e) => {
          const r = document.createRange();
          r.selectNodeContents(e);
          return r.toString();
        }));
        const langs = await page.$$eval(site.text, (els) => els.map((e) => e.closest('[lang]')?.getAttribute('lang') ?? ''));
        const verdicts = await finalVerdicts(ext, texts, langs);
        // A thread in another language is read in it, every reply, and the
        // popover says so (in the interface's words, English here).
        if (site.lang) {
          assert.deepEqual(verdicts.map((v) => v.lang), texts.map(() => site.lang), 'the language each reply was read in');
          const locale = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
          const said = locale.badge_readIn.message.replace('$LANGUAGE$', locale[site.lang === 'es' ? 'badge_langEs' : 'badge_langPt'].message);
          const panel = await page.evaluate(() => {
            const host = document.querySelector('[data-mamalens-badge]');
            host.shadowRoot.querySelector('button.badge').click();
            return host.shadowRoot.querySelector('.panel').textContent;
          });
          assert.ok(panel.includes(said), `the popover says "${said}": ${panel}`);
        }
        assert.deepEqual(labelled.map(([, l]) => l), verdicts.map((v) => v.label), 'labels on the page differ from the Scorer\'s verdicts');
        // ...and that verdict is the expected one.
        let checked = 0;
        for (const [text, label] of labelled) {
          const want = site.labels.get(text);
          if (!want) continue;
          assert.equal(label, want, text);
          checked++;
        }
        assert.ok(checked > 0, 'no reply had an expected label');
        for (const [text, label] of labelled) {
          const misread = site.misses?.get(text);
          if (misread) assert.notEqual(label, misread, `${text}: read right now; drop its "miss" mark in threads-gold.jsonl`);
        }
        assert.ok(labelled.some(([, l]) => l !== 'neutral'), 'something is marked');

        // Highlights: each range's text and end are its cue's, in every reply.
        const want = expectedHighlights(verdicts);
        const got = await poll(async () => {
          const h = await highlightsIn(page, site.text);
          return JSON.stringify(h) === JSON.stringify(want) ? h : false;
        }, 'the highlights to be the cues', 20000).catch(async (e) => {
          assert.deepEqual(await highlightsIn(page, site.text), want, e.message);
        });
        assert.ok(want.some((r) => r.length > 0), 'a reply with cues to highlight');
        assert.deepEqual(got, want);
        assert.deepEqual(outside, [], 'requests from the page other than the page itself');
        await page.close();
      });
    }

    it('nothing left the browser during the whole session', async () => {
      await assertNothingLeft(assert, ctx);
    });
  });
}
