import { useCallback, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ConversationsQuery, RecordQuery } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { useMessageEvents } from './live';
import { PERSON_MODULES } from './merge';
import { linkedPerson } from './SendTemplateDialog';
import ConversationView from './ConversationView';

/**
 * The record detail's Messages tab: the record's WhatsApp conversations (one per profile it
 * talked to), in the same chat view as the Messages page, kept live. Records of other modules
 * show the conversations of the Contact (else Lead) they link to, where their messages go (F9).
 */
export default function RecordMessages({
  module,
  recordId,
  values,
  onSendTemplate,
}: {
  module: string;
  recordId: string;
  values: Record<string, unknown>;
  onSendTemplate: () => void;
}) {
  const { t } = useTranslation();
  const isPerson = PERSON_MODULES.includes(module);
  const linked = isPerson ? null : linkedPerson(values);
  const target = isPerson ? { module, id: recordId } : linked ? { module: linked.module, id: linked.id } : null;

  const [{ data: linkedData }] = useQuery({
    query: RecordQuery,
    variables: { module: linked?.module ?? '', id: linked?.id ?? '' },
    pause: !linked,
  });
  const linkedName = linkedData?.record?.displayName ?? linked?.name ?? '';

  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ConversationsQuery,
    variables: { filter: { module: target?.module, recordId: target?.id }, first: 20 },
    pause: !target,
    requestPolicy: 'cache-and-network',
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  // A new conversation for this record (the first template, the customer's first message)
  // appears as soon as it exists.
  useMessageEvents(() => refresh());

  const conversations = data?.conversations.edges.map((e) => e.node) ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const current = conversations.find((c) => c.id === selected) ?? conversations[0] ?? null;

  if (!target) {
    return (
      <Alert color="gray" data-testid="record-messages-none">
        {t('recordMessages.noLinkedPerson')}
      </Alert>
    );
  }
  if (error) {
    return (
      <Alert color="red" className="pre-wrap">
        {errorMessage(error, t)}
      </Alert>
    );
  }
  if (!data && fetching) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }

  return (
    <Stack data-testid="record-messages">
      {linked && (
        <Text size="sm" c="dimmed">
          {t('recordMessages.ofLinked', { name: linkedName })}
        </Text>
      )}
      {conversations.length === 0 ? (
        <Paper withBorder p="lg">
          <Stack align="center" gap="sm">
            <Text c="dimmed" data-testid="record-messages-empty">
              {t('records.noMessages')}
            </Text>
            <Button
              variant="light"
              leftSection={<IconBrandWhatsapp size={16} />}
              onClick={onSendTemplate}
              data-testid="record-messages-send-template"
            >
              {t('sendTemplate.button')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <>
          {conversations.length > 1 && (
            <Group>
              <SegmentedControl
                value={current?.id ?? ''}
                onChange={setSelected}
                data={conversations.map((c) => ({
                  value: c.id,
                  label: `${c.profile.nickname} · +${c.customerWaId}`,
                }))}
                data-testid="record-conversation-picker"
              />
            </Group>
          )}
          {current && <ConversationView
              key={current.id}
              conversationId={current.id}
              showRecordLink={!isPerson}
              height="max(260px, calc(100vh - 560px))"
            />}
        </>
      )}
    </Stack>
  );
}
