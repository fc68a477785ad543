import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LANGUAGES, type AppLanguage } from '../i18n';

/** EN/DE buttons. For a signed-in user the choice is saved through `setLanguage`. */
export default function LanguageSwitch({ onError }: { onError?: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  const active: AppLanguage = i18n.language === 'de' ? 'de' : 'en';

  const choose = async (lang: AppLanguage) => {
    const error = await setLanguage(lang);
    if (error && onError) onError(t('lang.saveFailed'));
  };

  return (
    <Group gap={4} role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lang) => (
        <Button
          key={lang}
          size="compact-sm"
          variant={active === lang ? 'filled' : 'default'}
          aria-pressed={active === lang}
          data-testid={`lang-${lang}`}
          onClick={() => void choose(lang)}
        >
          {t(`lang.${lang}`)}
        </Button>
      ))}
    </Group>
  );
}
