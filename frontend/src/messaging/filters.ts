import type {
  DurationInput,
  DurationUnit,
  MessageDirection,
  MessageFilter,
  MessagePeriod,
  MessageStatus,
} from '../gql/graphql';

export type { MessageFilter };

export const DIRECTIONS: MessageDirection[] = ['INBOUND', 'OUTBOUND'];
export const STATUSES: MessageStatus[] = ['QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'RECEIVED'];
export const DURATION_UNITS: DurationUnit[] = ['HOURS', 'DAYS', 'WEEKS', 'MONTHS'];
export const PERIODS: MessagePeriod[] = ['TODAY', 'YESTERDAY', 'THIS_WEEK', 'THIS_MONTH'];
/** Cloud API message types the filter offers (the `type` field is free text on the server). */
export const MESSAGE_TYPES = [
  'text',
  'template',
  'image',
  'document',
  'audio',
  'video',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'button',
  'interactive',
  'unsupported',
];

export type DurationKey = 'notRepliedWithin' | 'repliedWithin' | 'within';
export const DURATION_KEYS: DurationKey[] = ['notRepliedWithin', 'repliedWithin', 'within'];

const ID_KEYS = ['conversationId', 'profileId', 'recordId', 'ownerId', 'repliedById'] as const;
const STRING_KEYS = ['module', 'type', 'from', 'to'] as const;
const BOOL_KEYS = ['ownerIsMe', 'repliedByMe'] as const;

function duration(value: unknown): DurationInput | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { amount, unit } = value as Record<string, unknown>;
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  if (!DURATION_UNITS.includes(unit as DurationUnit)) return undefined;
  return { amount: n, unit: unit as DurationUnit };
}

/**
 * A `MessageFilter` with only the keys the input type knows and no empty values. A saved
 * view's `filter` is JSON (from the server, or from an older version of the app): GraphQL
 * rejects a whole query for one unknown key or bad enum, so everything is checked here.
 */
export function cleanFilter(raw: unknown): MessageFilter {
  const src = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: MessageFilter = {};
  for (const k of ID_KEYS) {
    const v = src[k];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') out[k] = String(v);
  }
  for (const k of STRING_KEYS) {
    const v = src[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  for (const k of BOOL_KEYS) {
    if (typeof src[k] === 'boolean') out[k] = src[k] as boolean;
  }
  if (DIRECTIONS.includes(src.direction as MessageDirection)) out.direction = src.direction as MessageDirection;
  if (STATUSES.includes(src.status as MessageStatus)) out.status = src.status as MessageStatus;
  if (PERIODS.includes(src.period as MessagePeriod)) out.period = src.period as MessagePeriod;
  for (const k of DURATION_KEYS) {
    const d = duration(src[k]);
    if (d) out[k] = d;
  }
  return out;
}

/** How many conditions a filter sets (for the "Filters (n)" badge). */
export function filterCount(filter: MessageFilter): number {
  return Object.values(cleanFilter(filter)).filter((v) => v !== false).length;
}

/** Same conditions, whatever the key order (a view is "modified" when this turns false). */
export function sameFilter(a: MessageFilter, b: MessageFilter): boolean {
  return canonical(cleanFilter(a)) === canonical(cleanFilter(b));
}

function canonical(f: MessageFilter): string {
  const entries = Object.entries(f).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(entries);
}

/** ISO timestamp -> the value of a `datetime-local` input (the browser's local time). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input value (local time) -> ISO timestamp, or undefined when empty/invalid. */
export function localInputToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
