/**
 * The codicon of each task action, the same in the tree's menus (package.json, checked against this by
 * test/unit/details/actionIcons.test.ts) and on the details panel's buttons.
 */
export const ACTION_ICONS = {
  cancel: 'debug-stop',
  forceCancel: 'warning',
  copyId: 'copy',
  refresh: 'refresh',
  openConsole: 'link-external',
  pin: 'pinned',
} as const;
