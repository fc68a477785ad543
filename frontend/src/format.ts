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
