/**
 * Credits arrive as decimal strings ("12.5", "-0.0456"); they are shown without ever becoming
 * floats: digits are regrouped as text in the user's language.
 */
export function formatCredits(amount: string | null | undefined, currency: string, lang: string): string {
  if (amount == null || amount === '') return '';
  const negative = amount.startsWith('-');
  const body = negative ? amount.slice(1) : amount.replace(/^\+/, '');
  const [int = '0', frac = ''] = body.split('.');
  const fraction = frac.padEnd(2, '0');
  const de = lang.startsWith('de');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, de ? '.' : ',');
  const text = `${grouped}${de ? ',' : '.'}${fraction}`;
  return `${negative ? '−' : ''}${text} ${currency}`;
}

/** Accepts "12,50" or "12.50"; answers the server's form ("12.50") or null. */
export function creditInput(text: string, allowNegative = false): string | null {
  const t = text.trim().replace(',', '.');
  const re = allowNegative ? /^-?\d+(\.\d{1,4})?$/ : /^\d+(\.\d{1,4})?$/;
  return re.test(t) ? t : null;
}

/** A decimal string as an integer count of 1/10,000 (exact; no float arithmetic on money). */
export function units(amount: string): number | null {
  const m = /^(-?)(\d*)(?:\.(\d{1,4}))?$/.exec(amount.trim());
  if (!m) return null;
  const n = Number(m[2] || '0') * 10_000 + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -n : n;
}
