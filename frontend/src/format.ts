/** Locale-aware formatting of dates and numbers for the current UI language. */
function locale(lang: string): string {
  return lang === 'de' ? 'de-DE' : 'en-GB';
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A DATE field value is a calendar date `YYYY-MM-DD`; format it without any time zone shift. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(value: number, lang: string, fractionDigits?: number): string {
  return new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 6,
  }).format(value);
}

/** A chat timestamp: the time for today, else the date and time, both short. */
export function formatChatTime(value: string | null | undefined, lang: string, now = new Date()): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return new Intl.DateTimeFormat(
    locale(lang),
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(d);
}

/** A file size in B, KB or MB. */
export function formatBytes(size: number | null | undefined, lang: string): string {
  if (size == null) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${formatNumber(size / 1024, lang, 1)} KB`;
  return `${formatNumber(size / (1024 * 1024), lang, 1)} MB`;
}

/** Hours and whole minutes until `until` (never negative). */
export function remainingParts(until: string | null | undefined, now: number): { h: number; m: number; ms: number } {
  const end = until ? new Date(until).getTime() : NaN;
  const ms = Number.isNaN(end) ? 0 : Math.max(0, end - now);
  const totalMin = Math.floor(ms / 60_000);
  return { h: Math.floor(totalMin / 60), m: totalMin % 60, ms };
}
