import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconBrandWhatsapp, IconMail, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { RecordQuery, UpdateRecordMutation } from '../graphql/operations';
import { errorMessage, hasErrorCode } from '../graphql/errors';
import { useViewer } from '../auth/session';
import { labelOf, lookupNameOf, useModuleMeta, type RecordValues } from '../records/meta';
import FieldValue from '../records/FieldValue';
import RecordForm from '../records/RecordForm';
import { moduleBasePath } from '../modules';
import { formatDateTime } from '../format';
import SendTemplateDialog from '../messaging/SendTemplateDialog';
import RecordMessages from '../messaging/RecordMessages';
import ActivitiesPanel from '../records/ActivitiesPanel';
import DocumentsPanel, { isDocumentModule } from '../records/DocumentsPanel';
import LineItemsSection from '../records/LineItems';
import TransitionButtons from '../records/TransitionButtons';
import ConsentPanel from '../records/ConsentPanel';

const TABS = ['details', 'activities', 'documents', 'messages'];

/**
 * One record: its fields, owner, and tabs for related activity. "Send email" (a mailto: link)
 * and "Send WhatsApp template" (F10) sit next to each other; the Messages tab shows the
 * record's WhatsApp conversations.
 */
export default function RecordDetailPage({ module }: { module: string }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useViewer();
  const { module: meta, error: metaError } = useModuleMeta(module);
  const [{ data, fetching, error }, reloadRecord] = useQuery({ query: RecordQuery, variables: { module, id } });
  const [, updateRecord] = useMutation(UpdateRecordMutation);
  const [editing, setEditing] = useState(false);
  // `?tab=activities` (or documents, messages) opens that tab, e.g. after a follow-up was planned.
  const [params] = useSearchParams();
  const [tab, setTab] = useState<string | null>(() => {
    const wanted = params.get('tab');
    return wanted && TABS.includes(wanted) ? wanted : 'details';
  });
  const [sendingTemplate, setSendingTemplate] = useState(false);

  const record = data?.record;
  const moduleLabel = meta ? labelOf(meta, lang) : module;

  const back = (
    <Anchor component={Link} to={moduleBasePath(module)} size="sm" data-testid="back-to-list">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {moduleLabel}
      </Group>
    </Anchor>
  );

  if (!record) {
    if (fetching || (!data && !error)) {
      return (
        <Center py="xl">
          <Loader />
        </Center>
      );
    }
    return (
      <Stack>
        {back}
        <Alert color="red" data-testid="record-not-found">
          {error && !hasErrorCode(error, 'NOT_FOUND') ? errorMessage(error, t) : t('records.notFound')}
        </Alert>
      </Stack>
    );
  }

  const save = async (values: RecordValues) => {
    const res = await updateRecord({ module, id: record.id, values });
    if (res.error) return res.error;
    setEditing(false);
    return undefined;
  };

  const isDocument = isDocumentModule(module);
  // Line items have their own table below the fields.
  const fields = (meta?.fields ?? []).filter((f) => f.fieldType !== 'LINE_ITEMS');
  const hasLineItems = isDocument && (meta?.fields ?? []).some((f) => f.fieldType === 'LINE_ITEMS');
  const email = typeof record.values.Email === 'string' && record.values.Email.trim() ? record.values.Email.trim() : null;

  return (
    <Stack>
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="record-title">
            {record.displayName}
          </Title>
          <Text size="sm" c="dimmed">
            {t('records.owner')}:{' '}
            <span data-testid="record-owner">{record.owner?.name ?? t('common.none')}</span>
          </Text>
        </div>
        <Group gap="xs">
          {email ? (
            <Button
              component="a"
              href={`mailto:${email}`}
              variant="default"
              leftSection={<IconMail size={16} />}
              title={email}
              data-testid="send-email"
            >
              {t('records.sendEmail')}
            </Button>
          ) : (
            // A disabled button gets no hover or focus: the wrapper carries the reason, for the
            // pointer (tooltip), the keyboard (focusable) and screen readers (description).
            <Tooltip label={t('records.noEmail')} events={{ hover: true, focus: true, touch: true }}>
              <span tabIndex={0} aria-describedby="send-email-why" data-testid="send-email-wrapper">
                <Button
                  variant="default"
                  leftSection={<IconMail size={16} />}
                  disabled
                  data-testid="send-email"
                  style={{ pointerEvents: 'none' }}
                >
                  {t('records.sendEmail')}
                </Button>
                <span id="send-email-why" hidden>
                  {t('records.noEmail')}
                </span>
              </span>
            </Tooltip>
          )}
          <Button
            variant="light"
            color="green"
            leftSection={<IconBrandWhatsapp size={16} />}
            onClick={() => setSendingTemplate(true)}
            data-testid="send-template"
          >
            {t('sendTemplate.button')}
          </Button>
          <Button
            leftSection={<IconPencil size={16} />}
            onClick={() => setEditing(true)}
            disabled={!meta}
            data-testid="edit-record"
          >
            {t('records.edit')}
          </Button>
        </Group>
      </Group>

      <TransitionButtons
        module={module}
        recordId={record.id}
        modifiedAt={record.modifiedAt}
        onMoved={() => reloadRecord({ requestPolicy: 'network-only' })}
      />

      {metaError && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(metaError, t)}
        </Alert>
      )}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details" data-testid="tab-details">
            {t('records.tabs.details')}
          </Tabs.Tab>
          <Tabs.Tab value="activities" data-testid="tab-activities">
            {t('records.tabs.activities')}
          </Tabs.Tab>
          {isDocument && (
            <Tabs.Tab value="documents" data-testid="tab-documents">
              {t('records.tabs.documents')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="messages" data-testid="tab-messages">
            {t('records.tabs.messages')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="details" pt="md">
          <Paper withBorder p="md" data-testid="record-details">
            <Grid gap="sm">
              {fields.map((f) => (
                <Grid.Col key={f.apiName} span={{ base: 12, sm: f.fieldType === 'MULTILINE' ? 12 : 6 }}>
                  <Group gap="md" wrap="nowrap" align="flex-start">
                    <Text size="sm" c="dimmed" w={{ base: 120, sm: 160 }} style={{ flexShrink: 0 }}>
                      {labelOf(f, lang)}
                    </Text>
                    {/* Long values (addresses, ids, links) wrap instead of pushing the page wide. */}
                    <Text
                      size="sm"
                      component="div"
                      style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                      data-testid={`record-value-${f.apiName}`}
                    >
                      <FieldValue
                        field={f}
                        value={record.values[f.apiName]}
                        ownerName={f.fieldType === 'OWNER' ? record.owner?.name : undefined}
                        lookupName={lookupNameOf(record.lookups, f.apiName)}
                      />
                    </Text>
                  </Group>
                </Grid.Col>
              ))}
            </Grid>
            <Group gap="xl" mt="md">
              <Text size="xs" c="dimmed">
                {t('records.createdAt')}: {formatDateTime(record.createdAt, lang)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('records.modifiedAt')}: {formatDateTime(record.modifiedAt, lang)}
              </Text>
            </Group>
          </Paper>
          {(module === 'Leads' || module === 'Contacts') && (
            <Stack mt="md">
              <ConsentPanel module={module} recordId={record.id} />
            </Stack>
          )}
          {hasLineItems && (
            <Stack mt="md">
              <LineItemsSection module={module} recordId={record.id} values={record.values} />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="activities" pt="md">
          <ActivitiesPanel module={module} recordId={record.id} />
        </Tabs.Panel>
        {isDocument && (
          <Tabs.Panel value="documents" pt="md">
            <DocumentsPanel module={module} recordId={record.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="messages" pt="md">
          <RecordMessages
            module={module}
            recordId={record.id}
            values={record.values}
            onSendTemplate={() => setSendingTemplate(true)}
          />
        </Tabs.Panel>
      </Tabs>

      <SendTemplateDialog
        opened={sendingTemplate}
        onClose={() => setSendingTemplate(false)}
        target={{ module, id: record.id, displayName: record.displayName, values: record.values }}
        onSent={() => {
          setSendingTemplate(false);
          setTab('messages');
        }}
      />

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('records.editTitle', { name: record.displayName })}
        size="xl"
      >
        {meta && editing && (
          <RecordForm
            module={meta}
            initialValues={record.values}
            lookups={record.lookups}
            ownerName={record.owner?.name}
            isAdmin={me.isAdmin}
            submitLabel={t('common.save')}
            onSubmit={save}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}
