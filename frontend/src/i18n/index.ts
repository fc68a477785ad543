import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import de from './de.json';

export type AppLanguage = 'en' | 'de';
export const LANGUAGES: AppLanguage[] = ['en', 'de'];

const STORAGE_KEY = 'parley.language';

/**
 * The language before sign-in: the one last picked on this browser, else the browser's own.
 * After sign-in the user's saved `me.language` wins (see SessionProvider).
 */
export function initialLanguage(): AppLanguage {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'de') return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const browser = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return browser.startsWith('de') ? 'de' : 'en';
}

export function applyLanguage(lang: AppLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  document.documentElement.lang = lang;
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

export function currentLanguage(): AppLanguage {
  return i18n.language === 'de' ? 'de' : 'en';
}

/** GraphQL `Language` enum value <-> i18next language code. */
export function toApiLanguage(lang: AppLanguage): 'EN' | 'DE' {
  return lang === 'de' ? 'DE' : 'EN';
}
export function fromApiLanguage(lang: string | null | undefined): AppLanguage {
  return lang === 'DE' ? 'de' : 'en';
}

const lng = initialLanguage();
document.documentElement.lang = lng;

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    de: { translation: de },
  },
  lng,
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18n;
