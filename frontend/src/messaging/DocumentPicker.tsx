import { useState } from 'react';
import { Alert, Badge, Button, Divider, Group, Loader, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconFileTypePdf, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AttachableDocumentsQuery,
  CreateRecordMutation,
  GenerateDocumentMutation,
  RecordQuery,
} from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatBytes, formatDateTime } from '../format';
import LineItemsSection from '../records/LineItems';
import type { RecordValues } from '../records/meta';

export interface PickedDocument {
  documentId: string;
  fileName: string;
  size: number;
}

/**
 * F21–F22: attach the PDF of a quote, sales order, purchase order or invoice related to the
 * conversation's record: pick an existing PDF, generate one on the spot, or create a new quote
 * for the record (with line items) and attach its PDF.
 */
export default function DocumentPicker({
  opened,
  onClose,
  conversationId,
  record,
  onPick,
}: {
  opened: boolean;
  onClose: () => void;
  conversationId: string;
  record: { id: string; module: string } | null;
  onPick: (doc: PickedDocument) => void;
}) {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }, reload] = useQuery({
    query: AttachableDocumentsQuery,
    variables: { conversationId },
    pause: !opened,
    requestPolicy: 'network-only',
  });
  const [{ fetching: generating }, generate] = useMutation(GenerateDocumentMutation);
  const [{ fetching: creating }, createRecord] = useMutation(CreateRecordMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [newQuote, setNewQuote] = useState<string | null>(null);

  const [{ data: quoteData }, reloadQuote] = useQuery({
    query: RecordQuery,
    variables: { module: 'Quotes', id: newQuote ?? '' },
    pause: !newQuote,
    requestPolicy: 'network-only',
  });

  const pdfOf = async (module: string, recordId: string) => {
    setFailure(null);
    const res = await generate({ module, recordId });
    if (res.error || !res.data) {
      setFailure(res.error ? errorMessage(res.error, t) : t('attach.failed'));
      return;
    }
    const d = res.data.generateDocument;
    onPick({ documentId: d.id, fileName: d.fileName, size: d.size });
    reload({ requestPolicy: 'network-only' });
  };

  const create = async () => {
    if (!record || !subject.trim()) return;
    setFailure(null);
    const link = record.module === 'Contacts' ? 'Contact_Name' : 'Lead_Name';
    const res = await createRecord({ module: 'Quotes', values: { Subject: subject.trim(), [link]: record.id } });
    if (res.error || !res.data) {
      setFailure(res.error ? errorMessage(res.error, t) : t('attach.failed'));
      return;
    }
    setNewQuote(res.data.createRecord.id);
    setSubject('');
    reload({ requestPolicy: 'network-only' });
  };

  const list = data?.attachableDocuments ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title={t('attach.documentsTitle')} size="lg" data-testid="document-picker">
      <Stack gap="sm">
        {failure && (
          <Alert color="red" className="pre-wrap" data-testid="document-picker-error">
            {failure}
          </Alert>
        )}
        {error && <Alert color="red">{errorMessage(error, t)}</Alert>}
        {fetching && !data && <Loader size="sm" />}
        {data && list.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('attach.noDocuments')}
          </Text>
        )}
        {list.map((x) => (
          <Paper key={x.record.id} withBorder p="xs" data-testid="attachable-record" data-id={x.record.id}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge size="xs" variant="light">
                  {t(`attach.modules.${x.module}`, { defaultValue: x.module })}
                </Badge>
                <Text size="sm" fw={500} truncate="end">
                  {x.record.displayName}
                </Text>
              </Group>
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconRefresh size={12} />}
                loading={generating}
                onClick={() => void pdfOf(x.module, x.record.id)}
                data-testid="generate-and-attach"
              >
                {t('attach.generate')}
              </Button>
            </Group>
            {x.documents.map((d) => (
              <Group key={d.id} justify="space-between" mt={4} wrap="nowrap">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <IconFileTypePdf size={16} />
                  <Text size="xs" truncate="end">
                    {d.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(d.size, i18n.language)} · {formatDateTime(d.createdAt, i18n.language)}
                  </Text>
                </Group>
                <Button
                  size="compact-xs"
                  onClick={() => onPick({ documentId: d.id, fileName: d.fileName, size: d.size })}
                  data-testid="attach-document"
                >
                  {t('attach.attach')}
                </Button>
              </Group>
            ))}
          </Paper>
        ))}

        {record && (record.module === 'Leads' || record.module === 'Contacts') && (
          <>
            <Divider label={t('attach.newQuote')} labelPosition="left" />
            {!newQuote ? (
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('attach.quoteSubject')}
                  value={subject}
                  onChange={(e) => setSubject(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  data-testid="new-quote-subject"
                />
                <Button
                  leftSection={<IconPlus size={14} />}
                  onClick={() => void create()}
                  loading={creating}
                  disabled={!subject.trim()}
                  data-testid="new-quote-create"
                >
                  {t('attach.createQuote')}
                </Button>
              </Group>
            ) : (
              <Stack gap="xs" data-testid="new-quote">
                {quoteData?.record ? (
                  <LineItemsSection
                    module="Quotes"
                    recordId={newQuote}
                    values={quoteData.record.values as RecordValues}
                    key={JSON.stringify(quoteData.record.values)}
                  />
                ) : (
                  <Loader size="sm" />
                )}
                <Group justify="flex-end">
                  <Button variant="subtle" onClick={() => reloadQuote({ requestPolicy: 'network-only' })}>
                    {t('attach.refresh')}
                  </Button>
                  <Button
                    leftSection={<IconFileTypePdf size={14} />}
                    loading={generating}
                    onClick={async () => {
                      await pdfOf('Quotes', newQuote);
                      setNewQuote(null);
                    }}
                    data-testid="new-quote-attach"
                  >
                    {t('attach.generateQuote')}
                  </Button>
                </Group>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
