import { useQuery } from 'urql';
import { ModuleQuery } from '../graphql/operations';
import type { ModuleQuery as ModuleQueryResult } from '../gql/graphql';

export type ModuleMeta = NonNullable<ModuleQueryResult['module']>;
export type FieldMeta = ModuleMeta['fields'][number];
export type RecordValues = Record<string, unknown>;

/** Field and module metadata from `module(apiName)`. */
export function useModuleMeta(apiName: string) {
  const [{ data, fetching, error }] = useQuery({
    query: ModuleQuery,
    variables: { apiName },
    pause: !apiName,
  });
  return { module: data?.module ?? null, loaded: data !== undefined, fetching, error };
}

/** Labels come in English and German from the server; German UI uses `labelDe`. */
export function labelOf(item: { label: string; labelDe: string }, lang: string): string {
  return lang === 'de' && item.labelDe ? item.labelDe : item.label;
}

/** A picklist option as the user reads it: its German label in German (the value is stored). */
export function optionLabel(field: { options: string[]; optionsDe: string[] }, value: string, lang: string): string {
  if (lang !== 'de') return value;
  const i = field.options.indexOf(value);
  return i >= 0 && field.optionsDe[i] ? field.optionsDe[i] : value;
}

/** The name the server gave a record's LOOKUP value: a string, null (hidden), or undefined. */
export function lookupNameOf(
  lookups: { field: string; name?: string | null }[] | undefined,
  field: string,
): string | null | undefined {
  const l = lookups?.find((x) => x.field === field);
  return l ? (l.name ?? null) : undefined;
}

/**
 * Columns for the list view: the first few fields that read well in a table row (long text is
 * left out; the owner has its own column), and always a phone number when the module has one:
 * it is how a person is reached on WhatsApp. Of several phone fields, the one most filled in on
 * the rows shown (`values`) is taken.
 */
export function listColumns(fields: FieldMeta[], max = 6, values: RecordValues[] = []): FieldMeta[] {
  const fit = fields.filter((f) => f.fieldType !== 'MULTILINE' && f.fieldType !== 'OWNER');
  const columns = fit.slice(0, max);
  if (columns.some((f) => f.fieldType === 'PHONE')) return columns;
  const filled = (f: FieldMeta) => values.filter((v) => v[f.apiName] != null && v[f.apiName] !== '').length;
  const phones = fit.filter((f) => f.fieldType === 'PHONE');
  const phone = phones.reduce<FieldMeta | null>((best, f) => (!best || filled(f) > filled(best) ? f : best), null);
  if (phone) columns.splice(Math.max(columns.length - 1, 0), 1, phone);
  return columns;
}

/**
 * A LOOKUP or OWNER value may come as a plain id or as an object naming the target; show a
 * name when there is one.
 */
export function referenceText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['displayName', 'name', 'label', 'email', 'id']) {
      if (typeof o[key] === 'string' && o[key]) return o[key] as string;
    }
    return '';
  }
  return String(value);
}

/** The id inside a LOOKUP/OWNER value (plain id or `{ id }`). */
export function referenceId(value: unknown): string | null {
  if (value == null || value === '') return null;
  if (typeof value === 'object') {
    const id = (value as Record<string, unknown>).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  }
  return String(value);
}
