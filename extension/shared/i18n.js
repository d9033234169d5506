// The interface's words: MamaLens.t(key, substitutions) in every page and the
// content script. By default the browser's UI language chooses, through
// i18n.getMessage and extension/_locales/. The options page can override it
// (settings.locale); then the chosen locale's messages.json is read from the
// extension's own files (an extension page reads it itself; a content script,
// which may not read extension files a page cannot, asks the background) and
// formatted here by the same placeholder convention, and a key missing there
// falls back to getMessage.
globalThis.MamaLens ??= {};

MamaLens.i18n = {
  messages: null, // the override's messages.json, or null: the browser's choice
  // The BCP 47 tag of the words in use (for <html lang>, dates and plurals):
  // each messages.json says which it is, so the browser's choice is known too.
  lang: 'en',
};

// "$NAME$" takes its placeholder's content, in which "$1".."$9" are the
// substitutions; "$$" is a dollar sign. Placeholder names ignore case.
MamaLens.formatMessage = (entry, substitutions) => {
  const subs = substitutions === undefined ? [] : [].concat(substitutions).map(String);
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const fill = (s) => s.replace(/\$(\d)/g, (_, d) => subs[Number(d) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name) => (name.toLowerCase() in placeholders ? fill(placeholders[name.toLowerCase()]) : m))
    .replace(/\$\$/g, '$');
};

MamaLens.t = (key, substitutions) => {
  const entry = MamaLens.i18n.messages?.[key];
  if (entry) return MamaLens.formatMessage(entry, substitutions);
  // getMessage wants strings, and at most nine of them.
  const subs = substitutions === undefined ? undefined : [].concat(substitutions).map(String);
  return globalThis.ext?.i18n?.getMessage(key, subs) || key;
};

// The words for a name the core gives (a rule, a category): the message
// `<kind>_<name>`, else the name itself (a name newer than the messages).
MamaLens.wordsFor = (kind, name) => {
  const text = MamaLens.t(`${kind}_${name}`);
  return text === `${kind}_${name}` ? String(name) : text;
};
MamaLens.categoryWords = (category) => MamaLens.wordsFor('category', category);
// A site's name: its own (X, Reddit: names are not translated), or the
// message site_<id> for one that is words ("Other sites").
MamaLens.siteName = (site) => {
  const words = MamaLens.t(`site_${site.id}`);
  return words === `site_${site.id}` ? site.name : words;
};

// A count's words: key_one, key_other (and key_many, ...) by the language's
// plural rules, with the count as the first substitution. Portuguese says
// "0 resposta" as Brazilians do; a form a locale lacks falls back to _other.
MamaLens.tn = (key, count, more = []) => {
  let form = 'other';
  try {
    form = new Intl.PluralRules(MamaLens.i18n.lang).select(count);
  } catch { /* an unknown tag: "other" */ }
  const subs = [String(count), ...more];
  const has = (k) => !!(MamaLens.i18n.messages?.[k] || globalThis.ext?.i18n?.getMessage(k));
  return MamaLens.t(has(`${key}_${form}`) ? `${key}_${form}` : `${key}_other`, subs);
};

// The messages of `locale` (one of MamaLens.UI_LOCALES), from the extension's
// files. The background answers content scripts with this too.
MamaLens.readLocaleMessages = async (locale) => {
  if (!MamaLens.UI_LOCALES.includes(locale)) throw new Error(`no such locale: ${locale}`);
  const res = await fetch(ext.runtime.getURL(`_locales/${locale}/messages.json`));
  return res.json();
};

// The locale to read for a browser whose UI language has no folder of its
// own: the browser falls back to English (default_locale, `browserTag`)
// where a sibling of that language exists (pt-PT, pt-AO: pt_BR), and its
// users read that sibling better than English. '' where the browser's own
// choice stands: it found a folder, or its language is English.
MamaLens.siblingLocale = (uiLanguage, browserTag) => {
  const base = String(uiLanguage ?? '').toLowerCase().split(/[-_]/)[0];
  if (!base || browserTag !== 'en' || base === 'en') return '';
  return MamaLens.UI_LOCALES.find((l) => l.toLowerCase().split('_')[0] === base) ?? '';
};

// Chooses the words: '' follows the browser; a locale overrides it. A
// failure to read the override leaves the browser's choice, which still reads.
MamaLens.useLocale = async (chosen) => {
  let messages = null;
  const browserTag = globalThis.ext?.i18n?.getMessage('locale_tag') || 'en';
  const locale = chosen || MamaLens.siblingLocale(globalThis.ext?.i18n?.getUILanguage?.(), browserTag);
  if (locale && MamaLens.UI_LOCALES.includes(locale)) {
    try {
      const inExtensionPage = typeof location !== 'undefined' && location.href.startsWith(ext.runtime.getURL(''));
      messages = inExtensionPage
        ? await MamaLens.readLocaleMessages(locale)
        : (await ext.runtime.sendMessage({ type: MamaLens.MSG.localeMessages, locale }))?.messages ?? null;
    } catch (e) {
      console.warn('MamaLens: could not read the chosen language; the browser\u2019s is used', e);
    }
  }
  MamaLens.i18n.messages = messages;
  MamaLens.i18n.lang = MamaLens.t('locale_tag') === 'locale_tag' ? 'en' : MamaLens.t('locale_tag');
  return MamaLens.i18n.lang;
};

// Puts the words into a page's marked elements: data-i18n="key" (its text),
// data-i18n-code="key" (text in which `...` is shown as <code>), and
// data-i18n-attr="attribute:key;attribute:key".
MamaLens.localize = (root) => {
  const doc = root.ownerDocument ?? root;
  if (root === doc) doc.documentElement.lang = MamaLens.i18n.lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = MamaLens.t(el.getAttribute('data-i18n'));
  for (const el of root.querySelectorAll('[data-i18n-code]')) {
    el.replaceChildren();
    MamaLens.t(el.getAttribute('data-i18n-code')).split('`').forEach((part, i) => {
      if (!part) return;
      el.append(i % 2 ? Object.assign(doc.createElement('code'), { textContent: part }) : part);
    });
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.getAttribute('data-i18n-attr').split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, MamaLens.t(key));
    }
  }
};

// An extension page: its words in the chosen language, before its own
// scripts draw anything (each awaits this first; the work is done once).
MamaLens.localizePage = () => (MamaLens.i18n.pageReady ??= (async () => {
  await MamaLens.useLocale((await MamaLens.loadSettings()).locale);
  MamaLens.localize(document);
})());
