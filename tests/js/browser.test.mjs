// Browser feature checks live in shared/browser.js (MamaLens.can): no other
// extension file probes for an API itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { loadShared, ROOT } from './load.mjs';

const EXT = path.join(ROOT, 'extension');
const sources = (dir = EXT) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []);
// An optional API reached through `?.`, or a global probed with typeof.
const PROBES = [/\bext\.\w+\?\./, /\bext\.\w+\.\w+\?\./, /typeof (StaticRange|Highlight|CSS|scheduler)\b/, /\bscheduler\?\./, /\bCSS\.highlights &&/];

test('no file but shared/browser.js checks for a browser feature', () => {
  for (const f of sources()) {
    if (f === path.join(EXT, 'shared', 'browser.js')) continue;
    const code = fs.readFileSync(f, 'utf8');
    for (const p of PROBES) assert.doesNotMatch(code, p, path.relative(ROOT, f));
  }
});

test('the checks answer from the global they run in', () => {
  const none = loadShared(['shared/browser.js']);
  for (const [name, check] of Object.entries(none.can)) assert.equal(check(), false, name);
  const ctx = { chrome: { commands: { onCommand: {}, getAll() {} }, scripting: { registerContentScripts() {} } }, StaticRange: class {} };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(EXT, 'shared', 'browser.js'), 'utf8'), ctx);
  const { can } = ctx.MamaLens;
  assert.equal(ctx.ext, ctx.chrome);
  assert.deepEqual(Object.keys(can).filter((k) => can[k]()).sort(), ['commands', 'listShortcuts', 'registerContentScripts', 'staticRange']);
});
