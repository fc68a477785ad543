import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { DocumentsQuery, GenerateDocumentMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatBytes, formatDateTime } from '../format';
import { EmptyRow, LoadingRow } from '../components/TableRows';

/** Modules whose records are business documents: they have line items and printable PDFs. */
export const DOCUMENT_MODULES = ['Quotes', 'Sales_Orders', 'Purchase_Orders', 'Invoices'];

export function isDocumentModule(module: string): boolean {
  return DOCUMENT_MODULES.includes(module);
}

/** The Documents tab: the record's generated PDFs (newest first) and "Generate PDF". */
export default function DocumentsPanel({ module, recordId }: { module: string; recordId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, fetching, error }, reload] = useQuery({
    query: DocumentsQuery,
    variables: { module, recordId },
  });
  const [{ fetching: generating }, generate] = useMutation(GenerateDocumentMutation);
  const [actionError, setActionError] = useState<string | null>(null);
  const documents = data?.documents ?? [];

  const onGenerate = async () => {
    setActionError(null);
    const res = await generate({ module, recordId });
    if (res.error) setActionError(errorMessage(res.error, t));
    reload({ requestPolicy: 'network-only' });
  };

  return (
    <Stack data-testid="documents-panel">
      <Group justify="flex-end">
        <Button
          leftSection={<IconFileTypePdf size={16} />}
          loading={generating}
          onClick={() => void onGenerate()}
          data-testid="generate-document"
        >
          {t('documents.generate')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap" data-testid="documents-error">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <Table verticalSpacing="xs" data-testid="documents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.fileName')}</Table.Th>
              <Table.Th>{t('documents.createdAt')}</Table.Th>
              <Table.Th>{t('documents.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d) => (
              <Table.Tr key={d.id} data-testid="document-row" data-id={d.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <IconFileTypePdf size={18} stroke={1.6} color="var(--mantine-color-red-7)" />
                    <Text size="sm">{d.fileName}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(d.createdAt, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatBytes(d.size, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={d.url} download={d.fileName} size="sm" data-testid="document-download">
                    <Group gap={4} wrap="nowrap">
                      <IconDownload size={14} />
                      {t('documents.download')}
                    </Group>
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
            {data && documents.length === 0 && (
              <EmptyRow colSpan={4} testId="documents-empty" centered>
                {t('records.noDocuments')}
              </EmptyRow>
            )}
            {!data && fetching && <LoadingRow colSpan={4} />}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
