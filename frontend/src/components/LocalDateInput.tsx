import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/de';
import '@mantine/dates/styles.css';

/**
 * Dates as the app's language writes them, not the browser's (issue 18): a native
 * `type="date"` input follows the browser's locale, so a German user on an English browser saw
 * `11/30/2026`. German shows `30.11.2026` (and `30.11.2026 14:30`); English shows the
 * unambiguous `2026-11-30` (`2026-11-30 14:30`). Either form can be typed in either language, and
 * the calendar's month and day names follow the language too.
 *
 * The value stays what the native inputs held, so nothing sent to the server changes: a date is
 * `YYYY-MM-DD`, a date and time `YYYY-MM-DDTHH:mm` in the browser's time zone, empty is `''`.
 */
const FORMATS = {
  de: { date: 'DD.MM.YYYY', time: 'DD.MM.YYYY HH:mm' },
  en: { date: 'YYYY-MM-DD', time: 'YYYY-MM-DD HH:mm' },
} as const;
/** What an empty input shows: the format in the language's own letters. */
const PLACEHOLDERS = {
  de: { date: 'TT.MM.JJJJ', time: 'TT.MM.JJJJ hh:mm' },
  en: { date: 'YYYY-MM-DD', time: 'YYYY-MM-DD hh:mm' },
} as const;

const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2}))?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Typed text -> `YYYY-MM-DD` (or `YYYY-MM-DD HH:mm:00` with a time), or null while incomplete. */
export function parseTypedDate(text: string, withTime: boolean): string | null {
  const s = text.trim();
  let y: number, m: number, d: number, hh: number, mm: number;
  const de = GERMAN.exec(s);
  const iso = de ? null : ISO.exec(s);
  if (de) {
    [d, m, y, hh, mm] = [de[1], de[2], de[3], de[4] ?? '0', de[5] ?? '0'].map(Number);
  } else if (iso) {
    [y, m, d, hh, mm] = [iso[1], iso[2], iso[3], iso[4] ?? '0', iso[5] ?? '0'].map(Number);
  } else {
    return null;
  }
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null;
  if (hh > 23 || mm > 59) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return withTime ? `${day} ${pad(hh)}:${pad(mm)}:00` : day;
}

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'defaultValue' | 'valueFormat' | 'withTime'> & {
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with `withTime`; `''` when empty. */
  value: string;
  onChange: (value: string) => void;
  /** A date and a time of day (what `datetime-local` was). */
  withTime?: boolean;
  'data-testid'?: string;
};

export function LocalDateInput({ value, onChange, withTime = false, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'de' ? 'de' : 'en';
  const kind = withTime ? 'time' : 'date';
  const format = FORMATS[lang][kind];
  const current = value ? (withTime ? `${value.replace('T', ' ').slice(0, 16)}:00` : value.slice(0, 10)) : null;
  return (
    <DateInput
      {...rest}
      locale={lang}
      firstDayOfWeek={lang === 'de' ? 1 : 0}
      valueFormat={format}
      withTime={withTime}
      dateParser={(text) => parseTypedDate(text, withTime)}
      placeholder={rest.placeholder ?? PLACEHOLDERS[lang][kind]}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      value={current}
      onChange={(v) => {
        const s = v ? String(v) : '';
        onChange(s ? (withTime ? s.slice(0, 16).replace(' ', 'T') : s.slice(0, 10)) : '');
      }}
    />
  );
}
