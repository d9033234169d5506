// The keyboard command (commands API): switches MamaLens on or off for the
// site in the current tab, as the popup's switch does. The command itself
// grants activeTab; the host comes from the content script, so no tabs
// permission is needed. Pages where MamaLens does not run are left alone.
export const TOGGLE_COMMAND = 'toggle-site';

export async function toggleSiteIn(tab) {
  const target = tab?.id !== undefined ? tab : (await ext.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined) return null;
  const status = await ext.tabs.sendMessage(target.id, { type: MamaLens.MSG.status }).catch(() => null);
  if (!status?.host) return null;
  const settings = await MamaLens.loadSettings();
  const on = !MamaLens.isHostEnabled(settings, status.host);
  await MamaLens.saveSettings({ sites: MamaLens.withSite(settings, status.host, on) });
  return { host: status.host, on };
}

// Firefox for Android has no commands API.
if (MamaLens.can.commands()) ext.commands.onCommand.addListener((command, tab) => {
  if (command === TOGGLE_COMMAND) toggleSiteIn(tab).catch((e) => console.error('MamaLens:', e));
});
// The end-to-end tests run the command's handler from the service worker.
MamaLens.toggleSiteIn = toggleSiteIn;
