import { useQuery } from 'urql';
import { ModulesQuery } from '../graphql/operations';
import type { ModulesQuery as ModulesQueryResult } from '../gql/graphql';

export type ModuleInfo = ModulesQueryResult['modules'][number];
export type ModuleFieldInfo = ModuleInfo['fields'][number];

/** Every module with its fields (for module pickers and merge-field pickers). */
export function useModules() {
  const [{ data, error, fetching }] = useQuery({ query: ModulesQuery, requestPolicy: 'cache-first' });
  return { modules: data?.modules ?? [], error, fetching };
}

/** The modules whose records can be messaged directly (F9); others go to a linked contact. */
export const PERSON_MODULES = ['Leads', 'Contacts'];

/**
 * The merge-field token for a field, as the server parses it: `$[Leads.First Name]`.
 * English labels are used on purpose: they are the canonical form, whatever the UI language.
 */
export function mergeToken(module: ModuleInfo, field: ModuleFieldInfo): string {
  return `$[${module.label}.${field.label}]`;
}

/** Fields that make sense as merge fields (everything but the owner and lookups' raw ids). */
export function mergeableFields(module: ModuleInfo): ModuleFieldInfo[] {
  return module.fields.filter((f) => f.fieldType !== 'OWNER');
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function findModule(modules: ModuleInfo[], name: string): ModuleInfo | undefined {
  return modules.find((m) => same(m.apiName, name) || same(m.label, name) || same(m.labelDe, name));
}

function findField(module: ModuleInfo, name: string): ModuleFieldInfo | undefined {
  return module.fields.find((f) => same(f.apiName, name) || same(f.label, name) || same(f.labelDe, name));
}

export type MergeSegment =
  | { kind: 'text'; text: string }
  | { kind: 'field'; token: string; module: ModuleInfo; field: ModuleFieldInfo }
  | { kind: 'invalid'; token: string; reason: 'syntax' | 'module' | 'otherModule' | 'field' };

/**
 * Splits a text with merge fields into literal text and fields, checking each field against
 * `moduleApiName` the way the server does (module and field by API name, English or German
 * label; only fields of the chosen module).
 */
export function parseMerge(text: string, modules: ModuleInfo[], moduleApiName: string | null): MergeSegment[] {
  const out: MergeSegment[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf('$[');
    if (start < 0) break;
    const close = rest.indexOf(']', start);
    if (close < 0) break; // unclosed: shown as text (the server will name the error)
    if (start > 0) out.push({ kind: 'text', text: rest.slice(0, start) });
    const token = rest.slice(start, close + 1);
    const inner = token.slice(2, -1);
    const dot = inner.indexOf('.');
    if (dot < 0) {
      out.push({ kind: 'invalid', token, reason: 'syntax' });
    } else {
      const mod = findModule(modules, inner.slice(0, dot));
      if (!mod) out.push({ kind: 'invalid', token, reason: 'module' });
      else if (moduleApiName && mod.apiName !== moduleApiName)
        out.push({ kind: 'invalid', token, reason: 'otherModule' });
      else {
        const field = findField(mod, inner.slice(dot + 1));
        if (!field) out.push({ kind: 'invalid', token, reason: 'field' });
        else out.push({ kind: 'field', token, module: mod, field });
      }
    }
    rest = rest.slice(close + 1);
  }
  if (rest) out.push({ kind: 'text', text: rest });
  return out;
}
