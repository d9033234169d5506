// Message names live in shared/messages.js only: every part sends and answers
// through MamaLens.MSG, and the background has a handler for each name sent
// to it, and no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadShared, ROOT } from './load.mjs';

const EXT = path.join(ROOT, 'extension');
const sources = (dir = EXT) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === 'pkg' ? [] : sources(path.join(dir, e.name))) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []);
const { MESSAGES, MSG } = loadShared(['shared/messages.js']);

test('no message name is spelled out outside shared/messages.js', () => {
  for (const f of sources()) {
    if (f.endsWith(path.join('shared', 'messages.js'))) continue;
    const code = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(code, /\btype: ['"`]/, path.relative(ROOT, f));
    assert.doesNotMatch(code, /\bmsg\??\.type [!=]== ['"`]/, path.relative(ROOT, f));
    for (const [, name] of code.matchAll(/MamaLens\.MSG\.(\w+)/g)) assert.ok(Object.hasOwn(MESSAGES, name), `${path.relative(ROOT, f)}: MSG.${name}`);
  }
});

test('the background handles exactly the messages sent to it', () => {
  const code = fs.readFileSync(path.join(EXT, 'background.js'), 'utf8');
  const block = code.slice(code.indexOf('const handlers = {'), code.indexOf('\n};\n', code.indexOf('const handlers = {')));
  const handled = [...block.matchAll(/^ {2}async (\w+)\(/gm)].map((m) => m[1]).sort();
  const toBackground = Object.keys(MESSAGES).filter((k) => MESSAGES[k].to === 'background').sort();
  assert.deepEqual(handled, toBackground);
  assert.equal(MSG.score, 'score');
});

test('pages and content scripts load shared/messages.js', () => {
  for (const page of ['popup/popup.html', 'options/options.html', 'report/report.html']) {
    assert.match(fs.readFileSync(path.join(EXT, page), 'utf8'), /src="\.\.\/shared\/messages\.js"/, page);
  }
  assert.match(fs.readFileSync(path.join(EXT, 'background.js'), 'utf8'), /^import '\.\/shared\/messages\.js';$/m);
});
