import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileExport, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useClient, useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { ExportRecordsQuery, ImportRecordsMutation } from '../graphql/operations';
import type { ImportRecordsMutation as ImportResultData } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';

/** Modules with CSV import and export. */
export const CSV_MODULES = ['Leads', 'Contacts'];

/** Hands `text` to the browser as a file download through a Blob URL. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export CSV" (everyone) of the records the list shows (its search applies). */
export function ExportCsvButton({ module, search }: { module: string; search?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await client
        .query(ExportRecordsQuery, { module, search: search || undefined }, { requestPolicy: 'network-only' })
        .toPromise();
      if (res.error || !res.data) {
        setError(errorMessage(res.error, t) ?? t('errors.UNKNOWN'));
        return;
      }
      const date = new Date().toISOString().slice(0, 10);
      downloadText(res.data.exportRecords, `${module.toLowerCase()}-${date}.csv`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileExport size={16} />}
        loading={busy}
        onClick={() => void run()}
        data-testid="export-csv"
      >
        {t('csv.export')}
      </Button>
      <Modal opened={error !== null} onClose={() => setError(null)} title={t('csv.exportFailed')}>
        <Alert color="red" className="pre-wrap" data-testid="export-error">
          {error}
        </Alert>
      </Modal>
    </>
  );
}

/** "Import CSV" (administrators): pick a file, send it, show what was created and which rows failed. */
export function ImportCsvButton({ module, onImported }: { module: string; onImported: () => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResultData['importRecords'] | null>(null);
  const [{ fetching }, importRecords] = useMutation(ImportRecordsMutation);

  const close = () => {
    setOpened(false);
    setFile(null);
    setError(null);
    setResult(null);
  };

  const run = async () => {
    setError(null);
    setResult(null);
    if (!file) {
      setError(t('csv.pickFile'));
      return;
    }
    let csv: string;
    try {
      csv = await file.text();
    } catch {
      setError(t('csv.readFailed'));
      return;
    }
    const res = await importRecords({ module, csv });
    if (res.error || !res.data) {
      setError(errorMessage(res.error, t) ?? t('errors.UNKNOWN'));
      return;
    }
    setResult(res.data.importRecords);
    if (res.data.importRecords.created > 0) onImported();
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} />}
        onClick={() => setOpened(true)}
        data-testid="import-csv"
      >
        {t('csv.import')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('csv.importTitle')} size="lg">
        <Stack data-testid="import-dialog">
          <Text size="sm" c="dimmed">
            {t('csv.importHelp')}
          </Text>
          <FileInput
            label={t('csv.file')}
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setResult(null);
              setError(null);
            }}
            clearable
            placeholder={t('csv.pickFile')}
            leftSection={<IconUpload size={16} />}
            data-testid="import-file"
          />
          {error && (
            <Alert color="red" className="pre-wrap" data-testid="import-error">
              {error}
            </Alert>
          )}
          {result && (
            <Stack gap="xs" data-testid="import-result">
              <Alert color={result.errors.length ? 'yellow' : 'teal'} data-testid="import-created">
                {t('csv.created', { count: result.created })}
                {result.errors.length > 0 && ` ${t('csv.failedRows', { count: result.errors.length })}`}
              </Alert>
              {result.errors.length > 0 && (
                <Table striped verticalSpacing="xs" data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('csv.row')}</Table.Th>
                      <Table.Th>{t('csv.field')}</Table.Th>
                      <Table.Th>{t('csv.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.map((e, i) => (
                      <Table.Tr key={i} data-testid="import-error-row">
                        <Table.Td>{e.row}</Table.Td>
                        <Table.Td>{e.field ?? t('common.none')}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
          <Group justify="flex-end" className="dialog-footer">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button loading={fetching} disabled={!file} onClick={() => void run()} data-testid="import-submit">
              {t('csv.importButton')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
