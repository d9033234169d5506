// The interface's messages: every locale has every key with the same
// placeholders, and the words are formatted, pluralised and put into pages
// the way the WebExtensions convention (messages.json, i18n.getMessage) says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parseHTML } from 'linkedom';
import { localeMessages } from '../../tools/rule-words.mjs';
import { ROOT, browserI18n } from './load.mjs';

const LOCALES_DIR = path.join(ROOT, 'extension', '_locales');
const locales = fs.readdirSync(LOCALES_DIR).sort();
const en = localeMessages('en');

// Messages that are rightly the same words as English, by locale, and why.
const SAME_AS_ENGLISH = {
  es: {
    extName: 'the product name is never translated',
    language_en: 'each language is named in itself',
    language_es: 'each language is named in itself',
    language_pt_BR: 'each language is named in itself',
  },
  pt_BR: {
    extName: 'the product name is never translated',
    language_en: 'each language is named in itself',
    language_es: 'each language is named in itself',
    language_pt_BR: 'each language is named in itself',
    options_hSites: 'Brazilian Portuguese says "sites"',
    report_site: 'Brazilian Portuguese says "site"',
    report_sites_one: 'Brazilian Portuguese says "site"',
    report_sites_other: 'Brazilian Portuguese says "sites"',
    report_link: 'Brazilian Portuguese says "link"',
  },
};

// The placeholder names a message uses, as written ("$COUNT$" -> "count").
const used = (message) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();

test('the locales are English, Spanish and Brazilian Portuguese, and settings offer exactly those', () => {
  assert.deepEqual(locales, ['en', 'es', 'pt_BR']);
  const context = {};
  context.globalThis = context;
  vm.createContext(context);
  for (const f of ['shared/sites.js', 'shared/settings.js']) vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension', f), 'utf8'), context);
  assert.deepEqual([...context.MamaLens.UI_LOCALES].sort(), locales);
  const options = fs.readFileSync(path.join(ROOT, 'extension', 'options', 'options.html'), 'utf8');
  const offered = [...options.matchAll(/<option value="([^"]*)"[^>]*data-i18n="(?:language_|options_languageAuto)/g)].map((m) => m[1]);
  assert.deepEqual(offered.sort(), ['', ...locales]);
});

test('every locale has every message key, and no other', () => {
  for (const locale of locales) {
    const keys = Object.keys(localeMessages(locale));
    assert.deepEqual(keys.filter((k) => !(k in en)), [], `${locale}: keys English lacks`);
    assert.deepEqual(Object.keys(en).filter((k) => !keys.includes(k)), [], `${locale}: missing keys`);
  }
});

test('placeholders are the same in every locale, and each one a message uses is declared', () => {
  for (const locale of locales) {
    const messages = localeMessages(locale);
    for (const [key, entry] of Object.entries(messages)) {
      const declared = Object.keys(entry.placeholders ?? {}).sort();
      assert.deepEqual(declared, Object.keys(en[key].placeholders ?? {}).sort(), `${locale} ${key}: placeholders`);
      for (const name of declared) assert.equal(entry.placeholders[name].content, en[key].placeholders[name].content, `${locale} ${key}: $${name}$`);
      assert.deepEqual([...new Set(used(entry.message))], declared, `${locale} ${key}: placeholders used`);
      // Nothing else with a dollar sign: getMessage would read "$1" itself.
      assert.doesNotMatch(entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, ''), /\$/, `${locale} ${key}`);
      for (const name of declared) assert.match(entry.placeholders[name].content, /^\$[1-9]$/, `${locale} ${key}: $${name}$`);
    }
  }
});

test('files are sorted, keys valid, messages non-empty, English described, translations translated', () => {
  for (const locale of locales) {
    const messages = localeMessages(locale);
    const keys = Object.keys(messages);
    assert.deepEqual(keys, [...keys].sort(), `${locale}: keys sorted`);
    for (const [key, entry] of Object.entries(messages)) {
      assert.match(key, /^[A-Za-z0-9_]+$/, `${locale}: ${key}`);
      assert.ok(typeof entry.message === 'string' && entry.message.trim() && entry.message === entry.message.trim(), `${locale} ${key}`);
      if (locale === 'en') assert.ok(entry.description?.length > 3, `en ${key}: a description for translators`);
      if (locale !== 'en' && !key.startsWith('locale_')) {
        const same = entry.message === en[key].message;
        assert.equal(same, key in (SAME_AS_ENGLISH[locale] ?? {}), `${locale} ${key}: "${entry.message}" ${same ? 'is still English' : 'is translated but allow-listed as English'}`);
      }
    }
  }
});

test('each file names its own language (for <html lang>, dates and plurals)', () => {
  const tags = Object.fromEntries(locales.map((l) => [l, localeMessages(l).locale_tag.message]));
  assert.deepEqual(tags, { en: 'en', es: 'es', pt_BR: 'pt-BR' });
  for (const tag of Object.values(tags)) assert.deepEqual(Intl.getCanonicalLocales(tag), [tag]);
});

test('the manifest takes its name, description, title and command from the messages', () => {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'manifest.base.json'), 'utf8'));
  assert.equal(base.default_locale, 'en');
  const strings = [base.name, base.description, base.action.default_title, ...Object.values(base.commands).map((c) => c.description)];
  for (const s of strings) {
    const key = s.match(/^__MSG_(\w+)__$/)?.[1];
    assert.ok(key && key in en, s);
  }
  for (const browser of ['chrome', 'firefox']) {
    const patch = fs.readFileSync(path.join(ROOT, 'extension', `manifest.${browser}.json`), 'utf8');
    assert.doesNotMatch(patch, /"(name|description|default_title)"/, browser);
  }
});

// i18n.js in a page of its own, with the browser's getMessage over
// `uiLocale`, and the extension's files readable by fetch.
function page(html, uiLocale = 'en', stored = {}, uiLanguage = undefined) {
  const { window, document } = parseHTML(html);
  const files = (url) => path.join(ROOT, 'extension', new URL(url).pathname);
  const context = {
    window, document, console, URL, location: new URL('chrome-extension://id/options/options.html'),
    fetch: async (url) => ({ json: async () => JSON.parse(fs.readFileSync(files(url), 'utf8')) }),
    chrome: {
      i18n: browserI18n(uiLocale, uiLanguage),
      runtime: { getURL: (p) => `chrome-extension://id/${p}` },
      storage: { local: { get: async () => ({ settings: stored }) } },
    },
  };
  context.globalThis = context;
  vm.createContext(context);
  for (const f of ['shared/browser.js', 'shared/messages.js', 'shared/sites.js', 'shared/settings.js', 'shared/i18n.js']) {
    vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension', f), 'utf8'), context, { filename: f });
  }
  return context;
}

test('placeholders: each $NAME$ takes its substitution, in any case; "$$" is a dollar sign', () => {
  const { MamaLens } = page('<html></html>');
  const entry = { message: 'Showing $Done$ of $TOTAL$ ($$5 each)', placeholders: { done: { content: '$1' }, total: { content: '$2' } } };
  assert.equal(MamaLens.formatMessage(entry, [3, 40]), 'Showing 3 of 40 ($5 each)');
  assert.equal(MamaLens.formatMessage(entry, ['3']), 'Showing 3 of  ($5 each)');
  assert.equal(MamaLens.formatMessage({ message: 'Keyboard: $KEY$.', placeholders: { key: { content: '[$1]' } } }, 'Alt+M'), 'Keyboard: [Alt+M].');
});

test('the browser\'s language chooses, unless Options chose; a key the choice lacks falls back to the browser\'s', async () => {
  const ctx = page('<html></html>', 'es');
  const { MamaLens } = ctx;
  await MamaLens.useLocale('');
  assert.equal(MamaLens.t('badge_shaming'), 'Humillación');
  assert.equal(MamaLens.i18n.lang, 'es');
  await MamaLens.useLocale('pt_BR');
  assert.equal(MamaLens.t('badge_shaming'), 'Julgamento');
  assert.equal(MamaLens.t('shortcut_set', 'Alt+Shift+M'), 'Teclado: Alt+Shift+M liga ou desliga o MamaLens neste site.');
  assert.equal(MamaLens.i18n.lang, 'pt-BR');
  delete MamaLens.i18n.messages.badge_support;
  assert.equal(MamaLens.t('badge_support'), 'Apoyo', 'the browser\'s words for a key the override lacks');
  assert.equal(MamaLens.t('no_such_key'), 'no_such_key');
  // An unknown locale is the browser's choice.
  await MamaLens.useLocale('fr');
  assert.equal(MamaLens.t('badge_support'), 'Apoyo');
});

test('plurals follow the language\'s rules (CLDR): Brazilian Portuguese counts 0 as singular, English does not', async () => {
  const { MamaLens } = page('<html></html>');
  await MamaLens.useLocale('en');
  assert.equal(MamaLens.tn('report_shown', 1), '1 reply.');
  assert.equal(MamaLens.tn('report_shown', 0), '0 replies.');
  assert.equal(MamaLens.tn('report_siteGroup', 2, ['Reddit']), 'Reddit: 2 replies');
  await MamaLens.useLocale('pt_BR');
  assert.equal(MamaLens.tn('report_shown', 0), '0 resposta.');
  assert.equal(MamaLens.tn('report_shown', 2), '2 respostas.');
  // Spanish says "1.000.000 de respuestas" ("many"); no message has that form, so "other".
  await MamaLens.useLocale('es');
  assert.equal(MamaLens.tn('report_shown', 1000000), '1000000 respuestas.');
});

test('a page\'s marked elements get their words, attributes and code in the chosen language', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'extension', 'options', 'options.html'), 'utf8');
  const ctx = page(html, 'en', { locale: 'pt_BR' });
  await ctx.MamaLens.localizePage();
  const doc = ctx.document;
  assert.equal(doc.documentElement.getAttribute('lang'), 'pt-BR');
  assert.equal(doc.querySelector('title').textContent, 'Opções do MamaLens');
  assert.equal(doc.querySelector('#h-language').textContent, 'Idioma');
  for (const el of doc.querySelectorAll('[data-i18n]')) assert.ok(el.textContent.trim(), el.outerHTML);
  const note = doc.querySelector('[data-i18n-code="options_lexiconNote"]');
  assert.deepEqual([...note.querySelectorAll('code')].map((c) => c.textContent), ['{mom}', '{kid}', '(a|b)', '*', '~2']);
  assert.match(note.textContent, /^Uma frase por linha\. Lacunas como \{mom\}/);
  const report = page(fs.readFileSync(path.join(ROOT, 'extension', 'report', 'report.html'), 'utf8'), 'es');
  await report.MamaLens.localizePage();
  assert.equal(report.document.querySelector('#filters').getAttribute('aria-label'), 'Filtros');
  assert.equal(report.document.documentElement.getAttribute('lang'), 'es');
});

test('a site whose name is words has a message; brand names are shown as they are', async () => {
  const ctx = page('<html></html>', 'en', {});
  const { MamaLens } = ctx;
  for (const site of MamaLens.SITES) {
    // Brands are one word each (X, YouTube, TikTok); words have spaces.
    if (/\s/.test(site.name)) assert.equal(en[`site_${site.id}`]?.message, site.name, `${site.id}: a message site_${site.id} with the English name`);
    else assert.ok(!(`site_${site.id}` in en), `${site.id}: a brand needs no message`);
  }
  await MamaLens.useLocale('pt_BR');
  assert.equal(MamaLens.siteName(MamaLens.siteById('generic')), localeMessages('pt_BR').site_generic.message);
  assert.equal(MamaLens.siteName(MamaLens.siteById('youtube')), 'YouTube');
});

test('a browser in a language MamaLens has only a sibling of (pt-PT) reads that sibling, not English', async () => {
  // The browser itself falls back to default_locale (English) for pt-PT.
  const ctx = page('<html></html>', 'en', {}, 'pt-PT');
  await ctx.MamaLens.useLocale('');
  assert.equal(ctx.MamaLens.t('badge_shaming'), localeMessages('pt_BR').badge_shaming.message);
  assert.equal(ctx.MamaLens.i18n.lang, 'pt-BR');
  // A choice in Options still wins; and a language with no sibling stays English.
  await ctx.MamaLens.useLocale('en');
  assert.equal(ctx.MamaLens.t('badge_shaming'), en.badge_shaming.message);
  const fr = page('<html></html>', 'en', {}, 'fr-FR');
  await fr.MamaLens.useLocale('');
  assert.equal(fr.MamaLens.t('badge_shaming'), en.badge_shaming.message);
  assert.equal(fr.MamaLens.i18n.lang, 'en');
  // Spanish of anywhere has its folder's words from the browser already (es-MX -> es).
  assert.equal(fr.MamaLens.siblingLocale('es-MX', 'es'), '');
  assert.equal(fr.MamaLens.siblingLocale('es-MX', 'en'), 'es');
  // The browser found a folder for its language: that stands, whatever getUILanguage says.
  assert.equal(fr.MamaLens.siblingLocale('en-US', 'pt-BR'), '');
});
