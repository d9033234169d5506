// Every site adapter against saved page markup: real markup from
// shared/fixtures where it exists, built markup (tests/fixtures, each says so
// in its header) where none could be had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { load, fixture, ROOT, SHARED } from './load.mjs';

function run(adapterId, rel, url) {
  const ctx = load(fixture(rel), url);
  const adapter = ctx.MamaLens.adapters.find((a) => a.id === adapterId);
  assert.ok(adapter, `no adapter ${adapterId}`);
  const replies = adapter.findReplies(ctx.document);
  // Plain objects of this realm (the scripts run in their own vm context).
  const extracted = Array.from(replies, (el) => {
    const info = adapter.extract(el);
    assert.ok(info, 'extract gave nothing');
    const { text } = ctx.MamaLens.readText(info.textElement);
    return { author: info.author, permalink: info.permalink, timestamp: info.timestamp, text: text.replace(/\s+/g, ' ').trim() };
  });
  return { ctx, adapter, replies, extracted };
}

test('every adapter file carries selectors, detect, findReplies, extract and where it was checked', async () => {
  const fs = await import('node:fs');
  const ctx = load('<html><body></body></html>');
  const ids = Array.from(ctx.MamaLens.adapters, (a) => a.id);
  assert.deepEqual(ids.sort(), Array.from(ctx.MamaLens.SITES, (s) => s.id).sort());
  for (const a of ctx.MamaLens.adapters) {
    assert.equal(typeof a.findReplies, 'function', a.id);
    assert.equal(typeof a.extract, 'function', a.id);
    assert.equal(typeof a.detect, 'function', a.id);
    const source = fs.readFileSync(new URL(`../../extension/adapters/${a.id}.js`, import.meta.url), 'utf8');
    assert.match(source, /Checked against:/, `${a.id}.js names its fixtures`);
    // Every fixture the header names exists ({a,b} names several).
    const header = source.slice(0, source.indexOf('MamaLens.registerAdapter'));
    for (const [named] of header.matchAll(/(?:shared|tests)\/fixtures\/[\w./{},-]+\.html/g)) {
      const m = named.match(/^(.*)\{([^}]*)\}(.*)$/);
      for (const rel of m ? m[2].split(',').map((x) => m[1] + x + m[3]) : [named]) {
        const file = rel.startsWith('shared/') ? path.join(SHARED, rel.slice('shared/'.length)) : path.join(ROOT, rel);
        assert.ok(fs.existsSync(file), `${a.id}.js names ${rel}, which does not exist`);
      }
    }
  }
});

test('x: a reply, and a quote tweet without the quoted text', () => {
  const one = run('x', 'x/tweetyoink_x-tweet-sample.html', 'https://x.com/i/status/1');
  assert.equal(one.extracted.length, 1);
  assert.ok(one.extracted[0].text.length > 10);
  assert.match(one.extracted[0].permalink, /^https:\/\/x\.com\/\w+\/status\/\d+$/);
  assert.match(one.extracted[0].author, /^@\w+$/);
  assert.match(one.extracted[0].timestamp, /^\d{4}-\d\d-\d\dT/);
  const quote = run('x', 'x/tweetyoink_x-tweet-quote.html', 'https://x.com/i/status/1');
  assert.equal(quote.extracted.length, 1);
  const all = [...quote.ctx.document.querySelectorAll('[data-testid="tweetText"]')].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
  assert.equal(all.length, 2);
  const quoted = all.find((t) => t !== quote.extracted[0].text);
  assert.ok(quoted && !quote.extracted[0].text.includes(quoted), 'the quoted post is not part of the reply');
  assert.equal(quote.extracted[0].author, '@TestQuoter');
  assert.equal(quote.extracted[0].permalink, 'https://x.com/TestQuoter/status/1983130065320780162');
});

test('reddit: shreddit comments, each with its own text only', () => {
  const { extracted } = run('reddit', 'reddit/shreddit_post_detail_comments_excerpt_2026.html', 'https://www.reddit.com/r/x/comments/1/');
  assert.deepEqual(extracted.map((e) => e.author), ['Recent-Owl-9135', 'biiirdfeeder', 'angusshangus']);
  assert.match(extracted[0].text, /^They can throw it away/);
  assert.match(extracted[0].permalink, /^https:\/\/www\.reddit\.com\/r\/UtterlyUniquePhotos\/comments\//);
  assert.equal(extracted[1].timestamp, '2026-06-14T04:49:52.008000+0000');
});

test('reddit: old reddit nested comments', () => {
  const { extracted } = run('reddit', 'reddit/old_reddit_comments.html', 'https://old.reddit.com/r/Mommit/comments/xyz/title/');
  assert.deepEqual(extracted.map((e) => e.author), ['throwaway_mom22', 'crunchy_carol']);
  assert.equal(extracted[0].text, 'Formula fed from day one and my kid is thriving. Fed is best.');
  assert.equal(extracted[1].permalink, 'https://old.reddit.com/r/Mommit/comments/xyz/title/abc222/');
});

test('youtube: a comment thread, and a watch page with no comments loaded', () => {
  const { extracted } = run('youtube', 'youtube/youtube_comment_thread_view_model_snippet.html', 'https://www.youtube.com/watch?v=nS9McwlWGzo');
  assert.equal(extracted.length, 1);
  assert.equal(extracted[0].author, '@Boris_Nedev');
  assert.match(extracted[0].text, /^We need a saparate Tal series/);
  assert.match(extracted[0].permalink, /lc=Ugw0Yj8xvGhcuC_GwNZ4AaABAg/);
  const none = run('youtube', 'youtube/postlight_watch_page_comments_not_loaded.html', 'https://www.youtube.com/watch?v=1');
  assert.equal(none.replies.length, 0);
});

test('bluesky: feed items with handle, permalink and time', () => {
  const { extracted } = run('bluesky', 'bluesky/bluesky_profile_feed_excerpt_2026.html', 'https://bsky.app/profile/bsky.app');
  assert.equal(extracted.length, 2);
  assert.equal(extracted[0].author, 'bsky.app');
  assert.match(extracted[0].permalink, /^https:\/\/bsky\.app\/profile\/bsky\.app\/post\/\w+$/);
  assert.ok(extracted.every((e) => e.text.length > 5));
});

test('mastodon: statuses of a timeline, detected from the page', () => {
  const { ctx, extracted } = run('mastodon', 'mastodon/mastodon_home_timeline_excerpt_2026.html', 'https://mastodon.social/home');
  assert.equal(extracted.length, 2);
  assert.equal(extracted[0].text, 'Hello World');
  assert.equal(extracted[0].author, '@najafialiai');
  assert.equal(extracted[0].permalink, 'https://mastodon.social/@najafialiai/115327477697694166');
  assert.equal(ctx.MamaLens.pickAdapter(new URL('https://mastodon.social/home'), ctx.document).id, 'mastodon');
});

test('instagram: comments found by structure, not generated classes', () => {
  const { extracted } = run('instagram', 'instagram/instagram_post_comments_excerpt_2026.html', 'https://www.instagram.com/p/DZp0D66NvRq/');
  assert.equal(extracted.length, 2, 'the structure Instagram used on 2026-06 no longer matches');
  assert.ok(extracted.every((e) => /^https:\/\/www\.instagram\.com\/p\/DZp0D66NvRq\/c\/\d+\/$/.test(e.permalink)));
  assert.ok(extracted.every((e) => e.author && e.text && e.text !== e.author));
  assert.ok(extracted.every((e) => /^2026-06-1\dT/.test(e.timestamp)));
});

test('facebook, threads, tiktok: built fixtures', () => {
  const fb = run('facebook', 'facebook/post_comments.html', 'https://www.facebook.com/page/posts/1');
  assert.deepEqual(fb.extracted.map((e) => e.author), ['Dana Whitfield', 'Priya Raman', 'Tom Alvarez']);
  assert.equal(fb.extracted[1].text, 'Parents deserve a night out too. Leave her alone!');
  assert.match(fb.extracted[0].permalink, /comment_id=/);
  const th = run('threads', 'threads/post_replies.html', 'https://www.threads.com/@katie.mom/post/DAx1Yz2AbCd');
  assert.deepEqual(th.extracted.map((e) => e.author), ['katie.mom', 'judgy.jen', 'sam.k']);
  assert.equal(th.extracted[1].permalink, 'https://www.threads.com/@judgy.jen/post/DAx2Ab3CdEf');
  const tt = run('tiktok', 'tiktok/video_comments.html', 'https://www.tiktok.com/@x/video/1');
  assert.deepEqual(tt.extracted.map((e) => e.author), ['lily.rose', 'mama.bear', 'dj.mike']);
  assert.equal(tt.extracted[2].text, 'what song is this');
});

test('generic: a WordPress comment list, without the post itself', () => {
  const { ctx, extracted } = run('generic', 'generic/wordpress_comments.html', 'https://blog.example/back-to-work/');
  assert.deepEqual(extracted.map((e) => e.author), ['Marta', 'Jo']);
  assert.equal(extracted[0].permalink, 'https://blog.example/back-to-work/#comment-11');
  assert.ok(!extracted.some((e) => /not a comment/.test(e.text)));
  assert.equal(ctx.MamaLens.pickAdapter(new URL('https://blog.example/x'), ctx.document).id, 'generic');
});

test('hostile markup: reply text is read as text, never run or parsed', () => {
  const ctx = load('<html><body><article data-testid="tweet"><div data-testid="tweetText"><span>&lt;img src=x onerror=alert(1)&gt; bad mom</span><script>window.pwned = 1</script></div></article></body></html>');
  const adapter = ctx.MamaLens.adapters.find((a) => a.id === 'x');
  const info = adapter.extract(adapter.findReplies(ctx.document)[0]);
  const { text } = ctx.MamaLens.readText(info.textElement);
  assert.equal(text, '<img src=x onerror=alert(1)> bad mom');
  assert.equal(ctx.window.pwned, undefined);
});

test('the registry gives a data-only adapter findReplies and extract from its selectors', () => {
  const ctx = load(`<html><body>
    <div class="c"><b class="who">ann</b><p class="t">First reply</p><a class="at" href="/c/1"><time datetime="2026-01-02T03:04:05Z">now</time></a></div>
    <div class="c"><p class="t">Second</p></div>
    <div class="c"><span>no text element</span></div></body></html>`, 'https://forum.invalid/thread/9');
  const a = ctx.MamaLens.registerAdapter({ id: 'data-only', selectors: { reply: '.c', text: '.t', author: '.who', permalink: 'a.at', time: 'time' }, detect: () => false });
  const found = a.findReplies(ctx.document);
  assert.equal(found.length, 3);
  const got = found.map((el) => a.extract(el));
  assert.equal(got[0].textElement.textContent, 'First reply');
  assert.deepEqual({ ...got[0], textElement: null }, { textElement: null, author: 'ann', permalink: 'https://forum.invalid/c/1', timestamp: '2026-01-02T03:04:05Z' });
  assert.deepEqual({ ...got[1], textElement: null }, { textElement: null, author: null, permalink: null, timestamp: null });
  assert.equal(got[2], null);
  // Most site adapters lean on the default findReplies.
  const fs = ctx.MamaLens.adapters.filter((x) => x.findReplies === ctx.MamaLens.ADAPTER_DEFAULTS.findReplies).map((x) => x.id);
  assert.ok(fs.length >= 6, fs.join());
});
