// The popup names the keyboard shortcut that switches this site, as the
// browser has it now (the user may have changed or removed it).
(async () => {
  const el = document.getElementById('shortcut');
  if (!MamaLens.can.listShortcuts()) return; // Firefox for Android has no shortcuts
  const command = (await ext.commands.getAll()).find((c) => c.name === 'toggle-site');
  await MamaLens.localizePage();
  el.textContent = command?.shortcut ? MamaLens.t('shortcut_set', command.shortcut) : MamaLens.t('shortcut_none');
  el.dataset.shortcut = command?.shortcut ?? '';
  el.hidden = false;
})();
