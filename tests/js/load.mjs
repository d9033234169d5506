// Loads the extension's content-side scripts into a DOM parsed from saved
// markup (linkedom), the way the browser loads them: plain scripts sharing
// one global.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parseHTML } from 'linkedom';
import { contentScripts } from '../../tools/content-scripts.mjs';
import { RULES_FILE, rulesScript } from '../../tools/rule-words.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = process.env.MAMALENS_SHARED ?? path.resolve(ROOT, '../shared');

// Content scripts in manifest order, up to the lens (which needs a live browser).
const SCRIPTS = contentScripts().js.filter((f) => !['content/lens.js', 'content/main.js', 'content/badge.js'].includes(f));

export function fixture(rel) {
  const shared = path.join(SHARED, 'fixtures', rel);
  return fs.readFileSync(fs.existsSync(shared) ? shared : path.join(ROOT, 'tests', 'fixtures', rel), 'utf8');
}

export function load(html, url = 'https://example.invalid/') {
  const { window, document } = parseHTML(html);
  const context = { window, document, console, URL, location: new URL(url), setTimeout, clearTimeout };
  context.globalThis = context;
  vm.createContext(context);
  for (const f of SCRIPTS) {
    // The build writes this one from the core.
    const code = f === RULES_FILE ? rulesScript() : fs.readFileSync(path.join(ROOT, 'extension', f), 'utf8');
    vm.runInContext(code, context, { filename: f });
  }
  return context;
}

// Extension scripts that are not content scripts (shared/store.js): one global.
export function loadShared(files) {
  const context = { console, URL, Blob: globalThis.Blob };
  context.globalThis = context;
  vm.createContext(context);
  for (const f of files) vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension', f), 'utf8'), context, { filename: f });
  return context.MamaLens;
}
