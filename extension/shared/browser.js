// The browser differences MamaLens meets, checked here and nowhere else.
// Firefox names the API `browser`; the rest are features some browsers lack
// (Firefox for Android above all). Each check is a function, so it is asked
// when used, in whichever global (service worker, page, content script).
globalThis.ext = globalThis.browser ?? globalThis.chrome;
globalThis.MamaLens ??= {};

MamaLens.can = Object.freeze({
  // The keyboard command and the shortcut list: none on Firefox for Android.
  commands: () => !!globalThis.ext?.commands?.onCommand,
  listShortcuts: () => typeof globalThis.ext?.commands?.getAll === 'function',
  // Content scripts on hosts the user grants, and the events that say so.
  registerContentScripts: () => typeof globalThis.ext?.scripting?.registerContentScripts === 'function',
  permissionEvents: () => !!(globalThis.ext?.permissions?.onAdded && globalThis.ext.permissions.onRemoved),
  badgeColor: () => typeof globalThis.ext?.action?.setBadgeBackgroundColor === 'function',
  // Ranges that do not follow DOM edits (the highlights' ranges).
  staticRange: () => typeof globalThis.StaticRange === 'function',
  // The CSS Custom Highlight API; without it the lens marks no words.
  highlights: () => typeof globalThis.CSS !== 'undefined' && !!globalThis.CSS.highlights && typeof globalThis.Highlight === 'function',
  // A task boundary that background tabs do not throttle.
  schedulerYield: () => typeof globalThis.scheduler?.yield === 'function',
});
