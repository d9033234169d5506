// The popup names the keyboard shortcut that switches this site, as the
// browser has it now (the user may have changed or removed it).
(async () => {
  const el = document.getElementById('shortcut');
  if (!MamaLens.can.listShortcuts()) return; // Firefox for Android has no shortcuts
  const command = (await ext.commands.getAll()).find((c) => c.name === 'toggle-site');
  el.textContent = command?.shortcut
    ? `Keyboard: ${command.shortcut} switches MamaLens on or off for this site.`
    : 'No keyboard shortcut is set for switching this site; you can set one in the browser\u2019s extension shortcuts.';
  el.dataset.shortcut = command?.shortcut ?? '';
  el.hidden = false;
})();
