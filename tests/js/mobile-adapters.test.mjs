// The adapters on the mobile sites Firefox for Android opens: m.youtube.com
// and m.facebook.com have markup of their own (built fixtures, each saying so
// in its header); mobile.x.com and Reddit's mobile web serve the same markup
// as their desktop sites, so the real fixtures are read at the mobile hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, fixture } from './load.mjs';
import { contentScripts } from '../../tools/content-scripts.mjs';

function run(rel, url) {
  const ctx = load(fixture(rel), url);
  const adapter = ctx.MamaLens.pickAdapter(new URL(url), ctx.document);
  const extracted = Array.from(adapter.findReplies(ctx.document), (el) => {
    const info = adapter.extract(el);
    assert.ok(info, 'extract gave nothing');
    const { text } = ctx.MamaLens.readText(info.textElement);
    return { el, info, author: info.author, permalink: info.permalink, text: text.replace(/\s+/g, ' ').trim() };
  });
  return { ctx, adapter, extracted };
}

test('the content scripts and the site table cover the mobile hosts', () => {
  const { matches } = contentScripts();
  const ctx = load('<html><body></body></html>');
  for (const [host, site] of [['mobile.x.com', 'x'], ['m.youtube.com', 'youtube'], ['m.facebook.com', 'facebook'], ['m.reddit.com', 'reddit'], ['www.reddit.com', 'reddit']]) {
    assert.ok(matches.includes(`https://${host}/*`), host);
    assert.equal(ctx.MamaLens.siteForHost(host)?.id, site, host);
  }
});

test('m.youtube.com: comments and replies, the text without "Read more", the badge after the button', () => {
  const { adapter, extracted } = run('youtube/mobile_comments.html', 'https://m.youtube.com/watch?v=abc');
  assert.equal(adapter.id, 'youtube');
  assert.deepEqual(extracted.map((e) => e.author), ['@sunny.days', '@mama.of.three', '@trailrunner']);
  assert.deepEqual(extracted.map((e) => e.text), [
    'Back at work two weeks after giving birth? That poor baby.',
    'She is providing for her family. You are doing great, mama.',
    'Which trail is this at the start?',
  ]);
  for (const e of extracted) {
    assert.equal(e.info.badgeAfter.localName, 'button');
    assert.ok(e.info.badgeAfter.contains(e.info.textElement));
    assert.equal(e.permalink, null);
  }
});

test('m.facebook.com: touch-site comments and nested replies, each with its own text, author and link', () => {
  const { adapter, extracted } = run('facebook/mobile_comments.html', 'https://m.facebook.com/story.php?story_fbid=1&id=2');
  assert.equal(adapter.id, 'facebook');
  assert.deepEqual(extracted.map((e) => [e.author, e.text]), [
    ['Dana Whitfield', 'Three weeks postpartum and already at a concert? Who is watching the baby??'],
    ['Priya Raman', 'Parents deserve a night out too. Leave her alone!'],
    ['Tom Alvarez', 'What time does the concert start?'],
  ]);
  assert.equal(extracted[0].permalink, 'https://m.facebook.com/story.php?story_fbid=1&id=2&comment_id=101');
  assert.equal(extracted[1].permalink, 'https://m.facebook.com/story.php?story_fbid=1&id=2&comment_id=102');
});

test('mobile.x.com and m.reddit.com: the desktop markup, read at the mobile host', () => {
  const x = run('x/tweetyoink_x-tweet-sample.html', 'https://mobile.x.com/i/status/1');
  assert.equal(x.adapter.id, 'x');
  assert.equal(x.extracted.length, 1);
  assert.match(x.extracted[0].permalink, /^https:\/\/mobile\.x\.com\/\w+\/status\/\d+$/);
  const reddit = run('reddit/shreddit_post_detail_comments_excerpt_2026.html', 'https://m.reddit.com/r/x/comments/1/');
  assert.equal(reddit.adapter.id, 'reddit');
  assert.deepEqual(reddit.extracted.map((e) => e.author), ['Recent-Owl-9135', 'biiirdfeeder', 'angusshangus']);
});
