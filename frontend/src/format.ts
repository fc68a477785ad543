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

/**
 * A money amount stored in integer minor units (cents), shown in euros:
 * `1.234,56 €` in German, `€1,234.56` in English.
 */
export function formatMoney(minor: number | null | undefined, lang: string, currency = 'EUR'): string {
  if (minor == null || !Number.isFinite(minor)) return '';
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency }).format(minor / 100);
}

/**
 * Minor units -> the plain major-unit number an input shows, with the language's decimal mark
 * and no grouping (`123456` -> `1234.56`, German `1234,56`).
 */
export function minorToInput(minor: unknown, lang = 'en'): string {
  const n = typeof minor === 'number' ? minor : Number(minor);
  if (minor === null || minor === undefined || minor === '' || !Number.isFinite(n)) return '';
  const s = (n / 100).toFixed(2);
  return lang === 'de' ? s.replace('.', ',') : s;
}

/**
 * A typed amount in major units (`1234,56`, `1.234,56`, `1,234.56`, `12`) -> whole minor units,
 * or null when it is not a number.
 */
export function parseMoneyInput(text: string): number | null {
  let s = text.trim().replace(/[\s€]/g, '');
  if (!s) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > -1 && lastDot > -1) {
    // The later separator is the decimal one; the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma > -1) {
    s = s.replace(',', '.');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/** A typed decimal (`1,5` or `1.5`) -> number, or null. */
export function parseDecimalInput(text: string): number | null {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!s || !/^-?\d*(\.\d+)?$/.test(s) || s === '-') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
