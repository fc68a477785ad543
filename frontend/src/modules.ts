/** Where each module's pages live in the SPA. Leads and Contacts have short paths. */
const SHORT_PATHS: Record<string, string> = {
  Leads: '/leads',
  Contacts: '/contacts',
};

export function moduleBasePath(module: string): string {
  return SHORT_PATHS[module] ?? `/m/${encodeURIComponent(module)}`;
}

export function recordPath(module: string, id: string): string {
  return `${moduleBasePath(module)}/${encodeURIComponent(id)}`;
}
