// Every message name the extension's parts send one another, in one place.
// `to` is who answers: the background, or the content script in a tab.
// `fromContent` marks what the background takes from a content script; the
// rest it takes from MamaLens's own pages only (background.js says why).
globalThis.MamaLens ??= {};

MamaLens.MESSAGES = Object.freeze({
  score: { to: 'background', fromContent: true },
  refine: { to: 'background', fromContent: true },
  counts: { to: 'background', fromContent: true },
  flag: { to: 'background', fromContent: true },
  markWrong: { to: 'background', fromContent: true },
  readerStatus: { to: 'background' },
  readerRetry: { to: 'background' },
  validate: { to: 'background' },
  lexiconInfo: { to: 'background' },
  storeGet: { to: 'background' },
  storeClear: { to: 'background' },
  syncHosts: { to: 'background' },
  localeMessages: { to: 'background', fromContent: true },
  status: { to: 'tab' },
});

// The names, as constants: MamaLens.MSG.score === 'score'.
MamaLens.MSG = Object.freeze(Object.fromEntries(Object.keys(MamaLens.MESSAGES).map((k) => [k, k])));

// The `langs` of a score message: each reply's language as the page gives it,
// a BCP 47 tag ("pt-BR"), or '' for none (content/text.js reads them).
MamaLens.LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
