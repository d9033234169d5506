// Export files are named for what they hold: the sites and the days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadShared } from './load.mjs';

const M = loadShared(['shared/sites.js', 'shared/store.js']);
const rec = (site, firstSeen, pageUrl = null) => ({ site, firstSeen, pageUrl, text: 't' });
const NOW = new Date('2026-12-02T10:00:00Z');

test('one site, one day: its domain and the day, whichever of its hosts', () => {
  const records = [rec('x', '2026-12-01T08:00:00.000Z', 'https://mobile.x.com/a/status/1'), rec('x', '2026-12-01T23:59:00.000Z', 'https://twitter.com/b')];
  assert.equal(M.exportName(records, 'csv', NOW), 'mamalens-flagged-x.com-2026-12-01.csv');
  assert.equal(M.exportName([rec('reddit', '2026-12-01T01:00:00Z')], 'json', NOW), 'mamalens-flagged-reddit.com-2026-12-01.json');
});

test('several sites and days: the sites joined, the range of days; many sites counted', () => {
  const two = [rec('reddit', '2026-11-28T00:00:00Z'), rec('x', '2026-12-01T00:00:00Z'), rec('x', '2026-11-30T00:00:00Z')];
  assert.equal(M.exportName(two, 'csv', NOW), 'mamalens-flagged-reddit.com+x.com-2026-11-28-to-2026-12-01.csv');
  const many = ['x', 'reddit', 'youtube', 'tiktok'].map((s) => rec(s, '2026-12-01T00:00:00Z'));
  assert.equal(M.exportName(many, 'csv', NOW), 'mamalens-flagged-4-sites-2026-12-01.csv');
});

test('sites without fixed hosts are named by their page; nothing unsafe reaches the name; empty is today', () => {
  assert.equal(M.exportName([rec('generic', '2026-12-01T00:00:00Z', 'https://www.blog.example/post?a=1')], 'csv', NOW), 'mamalens-flagged-blog.example-2026-12-01.csv');
  assert.equal(M.exportName([rec('generic', 'not a date', 'bad url'), rec('generic/../x y', 'x')], 'csv', NOW), 'mamalens-flagged-generic+generic_.._x_y-2026-12-02.csv');
  assert.equal(M.exportName([], 'json', NOW), 'mamalens-flagged-none-2026-12-02.json');
});
