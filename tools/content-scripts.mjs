// The manifest's content-script lists, derived at build time from the one
// place each fact lives: the hosts from extension/shared/sites.js, the adapter
// files from extension/adapters/ (one per site id, in the order of SITES, so
// the generic adapter, last in SITES, registers last).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Loaded before the adapters, and after them, in this order.
const BEFORE = ['shared/browser.js', 'shared/messages.js', 'shared/sites.js', 'shared/settings.js', 'shared/i18n.js', 'adapters/registry.js'];
const AFTER = ['content/text.js', 'content/badge.js', 'content/lens.js', 'content/main.js'];

export function sites(root = ROOT) {
  const context = {};
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(root, 'extension', 'shared', 'sites.js'), 'utf8'), context, { filename: 'shared/sites.js' });
  return JSON.parse(JSON.stringify(context.MamaLens.SITES));
}

export function contentScripts(root = ROOT) {
  const list = sites(root);
  const files = fs.readdirSync(path.join(root, 'extension', 'adapters')).filter((f) => f.endsWith('.js') && f !== 'registry.js');
  const ids = list.map((s) => s.id);
  const orphans = files.filter((f) => !ids.includes(f.slice(0, -3)));
  if (orphans.length) throw new Error(`extension/adapters/${orphans.join(', ')}: no site of that id in shared/sites.js`);
  const missing = ids.filter((id) => !files.includes(`${id}.js`));
  if (missing.length) throw new Error(`shared/sites.js: no adapters/<id>.js for ${missing.join(', ')}`);
  return {
    matches: list.flatMap((s) => s.hosts.map((h) => `https://${h}/*`)),
    js: [...BEFORE, ...ids.map((id) => `adapters/${id}.js`), ...AFTER],
  };
}
