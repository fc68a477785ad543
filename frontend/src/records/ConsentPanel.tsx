import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { RecordConsentQuery } from '../graphql/operations';
import { formatDateTime } from '../format';

/** WhatsApp consent (N8): opted in or out, and the history of changes. */
export default function ConsentPanel({ module, recordId }: { module: string; recordId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data }] = useQuery({
    query: RecordConsentQuery,
    variables: { module, id: recordId },
    requestPolicy: 'cache-and-network',
  });
  const consent = data?.record?.consent;
  if (!consent) return null;
  return (
    <Paper withBorder p="md" data-testid="consent-panel">
      <Stack gap="xs">
        <Group gap="sm">
          <Text size="sm" fw={600}>
            {t('consent.title')}
          </Text>
          <Badge
            color={consent.optedOut ? 'red' : 'green'}
            variant="light"
            data-testid="consent-state"
            data-opted-out={consent.optedOut ? 'true' : 'false'}
          >
            {consent.optedOut ? t('consent.optedOut') : t('consent.optedIn')}
          </Badge>
        </Group>
        {consent.events.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('consent.noHistory')}
          </Text>
        ) : (
          consent.events.map((e, i) => (
            <Text size="xs" key={i} data-testid="consent-event">
              {formatDateTime(e.at, lang)} — {e.optedOut ? t('consent.optedOut') : t('consent.optedIn')} (
              {t(`consent.sources.${e.source}`, { defaultValue: e.source })}
              {e.text ? `: „${e.text}“` : ''})
            </Text>
          ))
        )}
      </Stack>
    </Paper>
  );
}
