// The one settings-page pattern: the page's frame (`SettingsPage`: intro or filters, the main
// action, the page's error), an intro with the main action (`PageIntro`, `NewButton`), a
// table of items (`SettingsTable`, its last cell `RowActions`), a create or edit dialog
// (`SettingsDialog` around a `DialogForm`: fields, error, sticky footer; `FormDialog` when the
// fields' state lives in the page), a secret shown once, translated errors (`ErrorAlert`), and
// row actions that report their failure there (`useAction`), which item a dialog has open
// (`useEditor`). Every settings page uses these.
export { default as SettingsTable, type Column } from './SettingsTable';
export { default as DialogForm, type DialogActions, type SubmitOutcome } from './DialogForm';
export { default as SettingsDialog } from './SettingsDialog';
export { default as FormDialog } from './FormDialog';
export { default as ErrorAlert } from './ErrorAlert';
export { default as ShownOnceDialog } from './ShownOnceDialog';
export { default as PageIntro } from './PageIntro';
export { default as NewButton } from './NewButton';
export { default as RowActions } from './RowActions';
export { default as SaveButton } from './SaveButton';
export { useAction } from './useAction';
export { useEditor } from './useEditor';
export { default as SettingsPage } from './SettingsPage';
export { default as TabsOutlet } from './TabsOutlet';
