// Every GraphQL operation the web app sends, one file a domain. The `graphql()` function comes
// from the codegen client preset (src/gql/), which gives each document its result and variable
// types; codegen finds the documents by globbing src/, so a new file here needs no registration.
// Fragments are spread by name across files (MessageFields, AttachmentFields, SnippetFields…).
export * from './access';
export * from './activities';
export * from './broadcast';
export * from './credits';
export * from './messaging';
export * from './records';
export * from './session';
export * from './settings';
export * from './templates';
export * from './whatsapp';
