import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { RecordConsentQuery } from '../graphql/operations';
import { formatDateTime } from '../format';

const SCOPE_COLORS: Record<string, string> = { ALL: 'red', MARKETING: 'orange', NONE: 'green' };

/**
 * WhatsApp consent (N8): opted in, opted out of every template (a keyword such as STOP), or
 * opted out of marketing only (the customer's WhatsApp setting, Meta's `user_preferences`),
 * and the history of changes.
 */
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
  const scope = consent.scope;
  return (
    <Paper withBorder p="md" data-testid="consent-panel">
      <Stack gap="xs">
        <Group gap="sm">
          <Text size="sm" fw={600}>
            {t('consent.title')}
          </Text>
          <Badge
            color={SCOPE_COLORS[scope] ?? 'gray'}
            variant="light"
            data-testid="consent-state"
            data-opted-out={consent.optedOut ? 'true' : 'false'}
            data-scope={scope}
          >
            {t(`consent.state.${scope}`)}
          </Badge>
          {consent.keywordOptedOut && consent.marketingOptedOut && (
            <Badge color="orange" variant="light" data-testid="consent-marketing-too">
              {t('consent.state.MARKETING')}
            </Badge>
          )}
        </Group>
        {scope !== 'NONE' && (
          <Text size="xs" c="dimmed" data-testid="consent-explain">
            {t(`consent.explain.${scope}`)}
          </Text>
        )}
        {consent.events.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('consent.noHistory')}
          </Text>
        ) : (
          consent.events.map((e, i) => (
            <Text size="xs" key={i} data-testid="consent-event" data-scope={e.scope}>
              {formatDateTime(e.at, lang)} —{' '}
              {e.optedOut ? t(`consent.eventOut.${e.scope}`) : t(`consent.eventIn.${e.scope}`)} (
              {t(`consent.sources.${e.source}`, { defaultValue: e.source })}
              {e.text ? `: „${e.text}“` : ''})
            </Text>
          ))
        )}
      </Stack>
    </Paper>
  );
}
