// The one settings-page pattern: an intro with the main action, a table of items, a create (or
// edit) dialog, a secret shown once, and translated errors. New settings pages use these.
export { default as SettingsTable, type Column } from './SettingsTable';
export { default as FormDialog } from './FormDialog';
export { default as ErrorAlert } from './ErrorAlert';
export { default as ShownOnceDialog } from './ShownOnceDialog';
export { default as PageIntro } from './PageIntro';
