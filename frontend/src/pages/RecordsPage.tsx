import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronLeft,
  IconChevronRight,
  IconChevronUp,
  IconPlus,
  IconSearch,
  IconSpeakerphone,
} from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateRecordMutation, RecordsQuery } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { useViewer } from '../auth/session';
import { labelOf, listColumns, lookupNameOf, useModuleMeta, type RecordValues } from '../records/meta';
import FieldValue from '../records/FieldValue';
import RecordForm from '../records/RecordForm';
import { recordPath } from '../modules';
import { CSV_MODULES, ExportCsvButton, ImportCsvButton } from '../records/ImportExport';
import { EmptyRow } from '../components/TableRows';

export const PAGE_SIZE = 50;

/** List of a module's records with search, sorting and cursor paging (50 a page). */
export default function RecordsPage({ module }: { module: string }) {
  // Reset all list state when the module changes (e.g. /leads -> /contacts).
  return <RecordsList key={module} module={module} />;
}

function RecordsList({ module }: { module: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const me = useViewer();
  const { module: meta, loaded, error: metaError } = useModuleMeta(module);

  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [sortBy, setSortBy] = useState<string | null>(null);
  const [sortDesc, setSortDesc] = useState(false);
  // Cursor stack: cursors[i] is the `after` for page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [creating, setCreating] = useState(false);
  // Row checkboxes (Leads and Contacts): the recipients of a broadcast.
  const canBroadcast = module === 'Leads' || module === 'Contacts';
  const [selected, setSelected] = useState<string[]>([]);

  useEffect(() => setCursors([null]), [debouncedSearch, sortBy, sortDesc]);

  const [{ data, fetching, error }, reloadRecords] = useQuery({
    query: RecordsQuery,
    variables: {
      module,
      first: PAGE_SIZE,
      after: cursors[page] ?? undefined,
      search: debouncedSearch || undefined,
      sortBy: sortBy ?? undefined,
      sortDesc: sortBy ? sortDesc : undefined,
    },
  });
  const [, createRecord] = useMutation(CreateRecordMutation);

  if (loaded && !meta) {
    return (
      <Alert color="red" data-testid="module-not-found">
        {metaError ? errorMessage(metaError, t) : t('records.moduleNotFound', { module })}
      </Alert>
    );
  }

  const moduleLabel = meta ? labelOf(meta, lang) : module;
  const connection = data?.records;
  const rows = connection?.edges ?? [];
  const columns = meta ? listColumns(meta.fields, 6, rows.map((e) => e.node.values as RecordValues)) : [];
  const ownerField = meta?.fields.find((f) => f.fieldType === 'OWNER');

  const toggleSort = (apiName: string) => {
    if (sortBy === apiName) setSortDesc((d) => !d);
    else {
      setSortBy(apiName);
      setSortDesc(false);
    }
  };

  const create = async (values: RecordValues) => {
    const res = await createRecord({ module, values });
    if (res.error) return res.error;
    setCreating(false);
    if (res.data) navigate(recordPath(module, res.data.createRecord.id));
    return undefined;
  };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2} data-testid="page-title">
          {moduleLabel}
        </Title>
        <Group>
          <TextInput
            placeholder={t('records.searchPlaceholder', { module: moduleLabel })}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label={t('common.search')}
            data-testid="records-search"
          />
          {CSV_MODULES.includes(module) && <ExportCsvButton module={module} search={debouncedSearch} />}
          {CSV_MODULES.includes(module) && me.isAdmin && (
            <ImportCsvButton module={module} onImported={() => reloadRecords({ requestPolicy: 'network-only' })} />
          )}
          {canBroadcast && (selected.length > 0 || debouncedSearch) && (
            <Button
              variant="light"
              leftSection={<IconSpeakerphone size={16} />}
              onClick={() =>
                navigate('/broadcasts/new', {
                  state:
                    selected.length > 0
                      ? { module, recordIds: selected }
                      : { module, viewSearch: debouncedSearch },
                })
              }
              data-testid="broadcast-selected"
            >
              {selected.length > 0
                ? t('broadcast.toSelected', { count: selected.length })
                : t('broadcast.toSearch')}
            </Button>
          )}
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            disabled={!meta}
            data-testid="new-record"
          >
            {t('records.new')}
          </Button>
        </Group>
      </Group>

      {error && (
        <Alert color="red" mb="md" className="pre-wrap" data-testid="records-error">
          {errorMessage(error, t)}
        </Alert>
      )}

      <Paper withBorder>
        <ScrollArea>
          <Table highlightOnHover striped verticalSpacing="xs" data-testid="records-table">
            <Table.Thead>
              <Table.Tr>
                {canBroadcast && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('broadcast.selectAll')}
                      checked={rows.length > 0 && rows.every(({ node }) => selected.includes(node.id))}
                      onChange={(e) => {
                        const ids = rows.map(({ node }) => node.id);
                        const on = e.currentTarget.checked;
                        setSelected((cur) =>
                          on ? [...cur, ...ids.filter((id) => !cur.includes(id))] : cur.filter((id) => !ids.includes(id)),
                        );
                      }}
                      data-testid="select-all"
                    />
                  </Table.Th>
                )}
                {columns.map((f) => (
                  <Table.Th key={f.apiName}>
                    <UnstyledButton
                      onClick={() => toggleSort(f.apiName)}
                      aria-label={t('records.sortBy', { field: labelOf(f, lang) })}
                      data-testid={`sort-${f.apiName}`}
                    >
                      <Group gap={4} wrap="nowrap">
                        <Text fw={600} size="sm">
                          {labelOf(f, lang)}
                        </Text>
                        {sortBy === f.apiName &&
                          (sortDesc ? <IconChevronDown size={14} /> : <IconChevronUp size={14} />)}
                      </Group>
                    </UnstyledButton>
                  </Table.Th>
                ))}
                <Table.Th>{ownerField ? labelOf(ownerField, lang) : t('records.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ node }) => {
                // The first filled-in cell links to the record: rows open by click, this by keyboard.
                const linkAt = columns.findIndex(
                  (f) => f.fieldType !== 'LOOKUP' && node.values[f.apiName] != null && node.values[f.apiName] !== '',
                );
                return (
                  <Table.Tr
                    key={node.id}
                    className="clickable-row"
                    onClick={() => navigate(recordPath(module, node.id))}
                    data-testid="record-row"
                    data-id={node.id}
                  >
                    {canBroadcast && (
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        <Checkbox
                          aria-label={t('broadcast.selectRow')}
                          checked={selected.includes(node.id)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setSelected((cur) => (on ? [...cur, node.id] : cur.filter((id) => id !== node.id)));
                          }}
                          data-testid="select-row"
                        />
                      </Table.Td>
                    )}
                    {columns.map((f, i) => (
                      <Table.Td key={f.apiName}>
                        {i === linkAt ? (
                          <Anchor
                            component={Link}
                            to={recordPath(module, node.id)}
                            c="inherit"
                            onClick={(e) => e.stopPropagation()}
                            data-testid="record-link"
                          >
                            <FieldValue field={f} value={node.values[f.apiName]} link={false} />
                          </Anchor>
                        ) : (
                          <FieldValue
                            field={f}
                            value={node.values[f.apiName]}
                            lookupName={lookupNameOf(node.lookups, f.apiName)}
                            link={f.fieldType === 'LOOKUP'}
                          />
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td>{node.owner?.name ?? t('common.none')}</Table.Td>
                  </Table.Tr>
                );
              })}
              {!fetching && rows.length === 0 && (
                <EmptyRow colSpan={columns.length + (canBroadcast ? 2 : 1)} testId="records-empty" centered>
                  {t('records.empty')}
                </EmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed" data-testid="records-total">
          {connection ? t('records.total', { count: connection.totalCount }) : ''}
          {fetching && <Loader size="xs" ml="xs" />}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconChevronLeft size={14} />}
            disabled={page === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            data-testid="page-prev"
          >
            {t('common.previous')}
          </Button>
          <Text size="sm">{t('records.page', { page: page + 1 })}</Text>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
            onClick={() => {
              const next = connection?.pageInfo.endCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
            data-testid="page-next"
          >
            {t('common.next')}
          </Button>
        </Group>
      </Group>

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('records.createTitle', { module: moduleLabel })}
        size="xl"
      >
        {meta && creating && (
          <RecordForm
            module={meta}
            isAdmin={me.isAdmin}
            submitLabel={t('common.create')}
            onSubmit={create}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </>
  );
}
