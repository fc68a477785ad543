import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, TagsInput, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ConsentKeywordsQuery, SetConsentKeywordsMutation } from '../../graphql/operations';
import { SaveButton, SettingsPage, useAction } from '../../components/settings';
import Toast from '../../components/Toast';

const norm = (words: string[]) =>
  words.map((w) => w.trim().toUpperCase()).filter((w, i, all) => w && all.indexOf(w) === i);

/**
 * Settings → Consent (administrators): the whole-message keywords that opt a customer out of
 * WhatsApp templates (and back in). Meta's marketing opt-out is explained here, not edited.
 */
export default function ConsentKeywordsPage() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: ConsentKeywordsQuery, requestPolicy: 'cache-and-network' });
  const [{ fetching }, save] = useMutation(SetConsentKeywordsMutation);
  const [optOut, setOptOut] = useState<string[]>([]);
  const [optIn, setOptIn] = useState<string[]>([]);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const k = data?.consentKeywords;

  useEffect(() => {
    if (!k) return;
    setOptOut(k.optOut);
    setOptIn(k.optIn);
  }, [k]);

  const outN = norm(optOut);
  const inN = norm(optIn);
  const both = outN.filter((w) => inN.includes(w));
  const dirty = !!k && (outN.join('\n') !== k.optOut.join('\n') || inN.join('\n') !== k.optIn.join('\n'));
  const invalid =
    outN.length === 0
      ? t('keywords.needOne', { list: t('keywords.optOut') })
      : inN.length === 0
        ? t('keywords.needOne', { list: t('keywords.optIn') })
        : both.length > 0
          ? t('keywords.inBoth', { words: both.join(', ') })
          : null;

  const submit = async () => setSaved(await action.run(() => save({ optOut: outN, optIn: inN })));

  return (
    <SettingsPage intro={t('keywords.intro')} error={[action.error, error]}>
      {k && (
        <Paper withBorder p="md">
          <Stack>
            <TagsInput
              label={t('keywords.optOut')}
              description={t('keywords.optOutHelp')}
              value={optOut}
              onChange={(v) => setOptOut(norm(v))}
              splitChars={[',']}
              clearable
              data-testid="optout-keywords"
            />
            <TagsInput
              label={t('keywords.optIn')}
              description={t('keywords.optInHelp')}
              value={optIn}
              onChange={(v) => setOptIn(norm(v))}
              splitChars={[',']}
              clearable
              data-testid="optin-keywords"
            />
            {invalid && (
              <Text size="sm" c="red" data-testid="keywords-invalid">
                {invalid}
              </Text>
            )}
            <Text size="xs" c="dimmed" data-testid="keywords-defaults">
              {t('keywords.defaults', { optOut: k.defaultOptOut.join(', '), optIn: k.defaultOptIn.join(', ') })}
            </Text>
            <Group justify="space-between">
              <Button
                variant="default"
                leftSection={<IconRestore size={16} />}
                onClick={() => {
                  setOptOut(k.defaultOptOut);
                  setOptIn(k.defaultOptIn);
                }}
                data-testid="keywords-defaults-restore"
              >
                {t('keywords.restoreDefaults')}
              </Button>
              <SaveButton
                onClick={() => void submit()}
                disabled={!dirty || !!invalid}
                loading={fetching}
                testId="keywords-save"
              />
            </Group>
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Text size="sm" fw={600} mb={4}>
          {t('keywords.metaTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('keywords.metaText')}
        </Text>
      </Paper>
      <Toast opened={saved} onClose={() => setSaved(false)} title={t('keywords.saved')} testId="keywords-saved" />
    </SettingsPage>
  );
}
