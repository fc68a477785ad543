// What Meta's template review rejects, checked while the template is written, so the form
// can warn before submitting. The rules follow the review the simulator applies (see the
// module docs of src/channel/whatsapp/sandbox/mod.rs), which follows Meta's guidelines.

export type LintCode = 'STARTS_WITH_FIELD' | 'ENDS_WITH_FIELD' | 'ADJACENT_FIELDS' | 'PROMOTIONAL' | 'ABUSIVE';

export interface LintIssue {
  code: LintCode;
  /** The merge fields or words concerned, for the message. */
  detail?: string;
}

const FIELD = /\$\[[^\]]+\]/g;

/** Advertising words Meta rejects in a Utility template ("Angebot", a quote, is not one). */
const PROMOTIONAL_WORDS = [
  'discount',
  'discounts',
  'coupon',
  'coupons',
  'promo',
  'promotion',
  'promotions',
  'sale',
  'rabatt',
  'rabatte',
  'rabattcode',
  'sonderangebot',
  'sonderangebote',
  'gutscheincode',
];
const PROMOTIONAL_PHRASES = [
  '% off',
  '% rabatt',
  'special offer',
  'limited time',
  'buy now',
  'for free',
  'free gift',
  'jetzt kaufen',
  'nur heute',
  'gratis',
];
const ABUSIVE_WORDS = ['idiot', 'stupid', 'moron', 'loser', 'bastard', 'scum', 'arschloch', 'vollidiot', 'scheisse', 'scheiße'];

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The problems Meta's review would reject `body` (with the other visible texts) for. */
export function lintTemplate(body: string, category: string, otherTexts: string[] = []): LintIssue[] {
  const issues: LintIssue[] = [];
  const trimmed = body.trim();
  const fields = [...trimmed.matchAll(FIELD)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  if (fields.length > 0 && fields[0].start === 0) issues.push({ code: 'STARTS_WITH_FIELD', detail: fields[0].text });
  if (fields.length > 0 && fields[fields.length - 1].end === trimmed.length) {
    issues.push({ code: 'ENDS_WITH_FIELD', detail: fields[fields.length - 1].text });
  }
  for (let i = 1; i < fields.length; i++) {
    if (trimmed.slice(fields[i - 1].end, fields[i].start).trim() === '') {
      issues.push({ code: 'ADJACENT_FIELDS', detail: `${fields[i - 1].text} ${fields[i].text}` });
      break;
    }
  }
  // Merge fields are not shown to Meta as words; only the fixed text counts.
  const visible = [trimmed.replace(FIELD, ' '), ...otherTexts].join('\n');
  const all = words(visible);
  const lower = visible.toLowerCase().replace(/\u00a0/g, ' ');
  const abusive = [...new Set(all.filter((w) => ABUSIVE_WORDS.includes(w)))];
  if (abusive.length > 0) issues.push({ code: 'ABUSIVE', detail: abusive.join(', ') });
  if (category === 'UTILITY') {
    const promo = [
      ...new Set([...all.filter((w) => PROMOTIONAL_WORDS.includes(w)), ...PROMOTIONAL_PHRASES.filter((p) => lower.includes(p))]),
    ];
    if (promo.length > 0) issues.push({ code: 'PROMOTIONAL', detail: promo.join(', ') });
  }
  return issues;
}
