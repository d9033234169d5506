// Settings: the per-site switches (one per built-in site over all its hosts,
// stored per host as before) and the migration of older stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadShared } from './load.mjs';

const M = loadShared(['shared/sites.js', 'shared/settings.js']);
// Objects from the script's own realm, compared as plain data.
const plain = (o) => JSON.parse(JSON.stringify(o));
const x = plain(M.siteById('x').hosts);

test('an older store with one host of a site switched off: the whole site is off, the new hosts too', () => {
  // Before sites had one switch, each host had its own; mobile.x.com had none.
  const s = M.normalizeSettings({ sites: { 'x.com': false, 'twitter.com': true, 'old.reddit.com': true } });
  for (const h of x) assert.equal(M.isHostEnabled(s, h), false, h);
  for (const h of M.siteById('reddit').hosts) assert.equal(s.sites[h], true, h);
  // Sites never touched keep their default and gain no entries.
  assert.equal(M.isHostEnabled(s, 'www.youtube.com'), true);
  assert.ok(!('www.youtube.com' in s.sites));
});

test('migration is stable, keeps user hosts, and drops what is not a boolean', () => {
  const raw = { sites: { 'mobile.twitter.com': false, 'blog.example': true, 'news.example': false, 'bad.example': 'yes' } };
  const once = M.normalizeSettings(raw);
  assert.deepEqual(plain(M.normalizeSettings(once)), plain(once));
  assert.equal(once.sites['blog.example'], true);
  assert.equal(once.sites['news.example'], false);
  assert.ok(!('bad.example' in once.sites));
  assert.deepEqual(Object.keys(once.sites).filter((h) => x.includes(h)).sort(), [...x].sort());
  assert.deepEqual(plain(M.normalizeSettings({ sites: ['x.com'] }).sites), {});
});

test('one switch covers every host of a site, and only the host for other sites', () => {
  const s = M.normalizeSettings({});
  const off = M.normalizeSettings({ ...s, sites: M.withSite(s, 'mobile.x.com', false) });
  for (const h of x) assert.equal(M.isHostEnabled(off, h), false, h);
  const on = M.normalizeSettings({ ...off, sites: M.withSite(off, 'x.com', true) });
  for (const h of x) assert.equal(M.isHostEnabled(on, h), true, h);
  assert.deepEqual(plain(M.withSite(s, 'blog.example', true)), { 'blog.example': true });
});

test('the interface language: one of the locales, else the browser\'s ("")', () => {
  assert.equal(M.normalizeSettings({}).locale, '');
  assert.equal(M.normalizeSettings({ locale: 'pt_BR' }).locale, 'pt_BR');
  assert.equal(M.normalizeSettings({ locale: 'es' }).locale, 'es');
  // Not a locale MamaLens has, or not in the folder's spelling: the browser's.
  for (const bad of ['fr', 'pt-BR', '../en', 7, null]) assert.equal(M.normalizeSettings({ locale: bad }).locale, '', String(bad));
});
