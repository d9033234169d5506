// The manifest's content-script lists are generated from shared/sites.js and
// adapters/: every site's hosts, every adapter file, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contentScripts, sites, ROOT } from '../../tools/content-scripts.mjs';

test('matches are exactly the hosts that shared/sites.js declares', () => {
  const want = sites().flatMap((s) => s.hosts).map((h) => `https://${h}/*`).sort();
  assert.deepEqual([...contentScripts().matches].sort(), want);
  assert.ok(want.includes('https://x.com/*'));
});

test('js loads the registry, every adapter file once, generic last, then the lens', () => {
  const { js } = contentScripts();
  const adapters = js.filter((f) => f.startsWith('adapters/') && f !== 'adapters/registry.js');
  const files = fs.readdirSync(path.join(ROOT, 'extension', 'adapters')).filter((f) => f !== 'registry.js').map((f) => `adapters/${f}`);
  assert.deepEqual([...adapters].sort(), files.sort());
  assert.deepEqual([...adapters].sort(), sites().map((s) => `adapters/${s.id}.js`).sort());
  assert.equal(adapters.at(-1), 'adapters/generic.js');
  assert.ok(js.indexOf('adapters/registry.js') < js.indexOf(adapters[0]));
  assert.ok(js.indexOf('shared/sites.js') < js.indexOf('adapters/registry.js'));
  assert.equal(js.at(-1), 'content/main.js');
  // The words come before anything that shows them.
  assert.ok(js.indexOf('shared/i18n.js') < js.indexOf('content/badge.js'));
  assert.ok(js.indexOf('shared/settings.js') < js.indexOf('shared/i18n.js'));
  for (const f of js) assert.ok(fs.existsSync(path.join(ROOT, 'extension', f)), f);
});

test('the hand-written manifest base no longer lists them', () => {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'manifest.base.json'), 'utf8'));
  assert.equal(base.content_scripts[0].matches, undefined);
  assert.equal(base.content_scripts[0].js, undefined);
});
