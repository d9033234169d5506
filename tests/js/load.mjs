// Loads the extension's content-side scripts into a DOM parsed from saved
// markup (linkedom), the way the browser loads them: plain scripts sharing
// one global.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parseHTML } from 'linkedom';
import { contentScripts } from '../../tools/content-scripts.mjs';
import { localeMessages } from '../../tools/rule-words.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = process.env.MAMALENS_SHARED ?? path.resolve(ROOT, '../shared');

// Content scripts in manifest order, up to the lens (which needs a live browser).
const SCRIPTS = contentScripts().js.filter((f) => !['content/lens.js', 'content/main.js', 'content/badge.js'].includes(f));

export function fixture(rel) {
  const shared = path.join(SHARED, 'fixtures', rel);
  return fs.readFileSync(fs.existsSync(shared) ? shared : path.join(ROOT, 'tests', 'fixtures', rel), 'utf8');
}

// The browser's i18n.getMessage over one locale's messages.json, as the
// WebExtensions documentation describes it: "$NAME$" is its placeholder's
// content, in which "$1".."$9" are the substitutions. A key it lacks is "".
// `uiLanguage` is the browser's own, when it has no folder here (pt-PT: the
// browser reads default_locale's).
export function browserI18n(uiLocale = 'en', uiLanguage = uiLocale.replace('_', '-')) {
  const messages = localeMessages(uiLocale);
  return {
    getMessage(key, subs = []) {
      const entry = messages[key];
      if (!entry) return '';
      const list = [].concat(subs);
      return entry.message.replace(/\$(\w+)\$/g, (_, name) => {
        const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
        return content.replace(/\$(\d)/g, (__, d) => list[d - 1] ?? '');
      });
    },
    getUILanguage: () => uiLanguage,
  };
}

export function load(html, url = 'https://example.invalid/', { uiLocale = 'en' } = {}) {
  const { window, document } = parseHTML(html);
  const context = { window, document, console, URL, location: new URL(url), setTimeout, clearTimeout, chrome: { i18n: browserI18n(uiLocale) } };
  context.globalThis = context;
  vm.createContext(context);
  for (const f of SCRIPTS) vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension', f), 'utf8'), context, { filename: f });
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
