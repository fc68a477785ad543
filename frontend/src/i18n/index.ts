import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

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

/**
 * Each language's texts are a chunk of their own, fetched when first needed: the first load
 * carries one language, not both (de and en are ~12 kB each, brotli). Every key exists in both
 * files, so the fallback language is never needed while another one is shown.
 */
const loaders: Record<AppLanguage, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./en.json'),
  de: () => import('./de.json'),
};

async function loadLanguage(lang: AppLanguage): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const texts = await loaders[lang]();
  i18n.addResourceBundle(lang, 'translation', texts.default, true, true);
}

/** The language last asked for: a slower load of an earlier choice must not win. */
let wanted: AppLanguage | null = null;

export function applyLanguage(lang: AppLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  document.documentElement.lang = lang;
  wanted = lang;
  if (i18n.language === lang) return;
  void loadLanguage(lang).then(
    () => {
      if (wanted === lang && i18n.language !== lang) void i18n.changeLanguage(lang);
    },
    // The chunk could not be fetched (offline, a new deployment): stay in the current language.
    () => undefined,
  );
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
wanted = lng;

/** Resolves once the first language's texts are in: main.tsx renders after it. */
export const i18nReady: Promise<unknown> = loaders[lng]().then((texts) =>
  i18n.use(initReactI18next).init({
    resources: { [lng]: { translation: texts.default } },
    lng,
    fallbackLng: lng,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  }),
);

export default i18n;
