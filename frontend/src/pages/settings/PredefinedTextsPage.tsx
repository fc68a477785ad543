import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreatePredefinedTextMutation,
  DeletePredefinedTextMutation,
  PredefinedTextsQuery,
  UpdatePredefinedTextMutation,
} from '../../graphql/operations';
import type { PredefinedTextsQuery as PredefinedTextsResult } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { labelOf } from '../../records/meta';
import ConfirmButton from '../../components/ConfirmButton';
import MergeFieldTextarea from '../../messaging/MergeFieldTextarea';
import { useModules } from '../../messaging/merge';
import Snippet from '../../messaging/Snippet';

type PredefinedItem = PredefinedTextsResult['predefinedTexts'][number];

/**
 * Predefined texts (F19, F20), shared by all users: filter by module, search (a hit's text shows
 * the server's snippet with the matches marked), create, edit name and text (the module stays, so its merge fields keep working), delete.
 */
export default function PredefinedTextsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const [moduleFilter, setModuleFilter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: PredefinedTextsQuery,
    variables: { module: moduleFilter ?? undefined, search: debounced || undefined },
    requestPolicy: 'cache-and-network',
  });
  const [, deleteText] = useMutation(DeletePredefinedTextMutation);
  const [editing, setEditing] = useState<PredefinedItem | 'new' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const texts = [...(data?.predefinedTexts ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const moduleLabel = (apiName: string) => {
    const m = modules.find((x) => x.apiName === apiName);
    return m ? labelOf(m, lang) : apiName;
  };

  const remove = async (id: string) => {
    setActionError(null);
    const res = await deleteText({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Select
            placeholder={t('predefined.allModules')}
            aria-label={t('predefined.filterModule')}
            data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }))}
            value={moduleFilter}
            onChange={setModuleFilter}
            clearable
            data-testid="predefined-module-filter"
          />
          <TextInput
            placeholder={t('predefined.search')}
            aria-label={t('predefined.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="predefined-search"
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-predefined">
          {t('predefined.create')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <ScrollArea>
          <Table verticalSpacing="xs" data-testid="predefined-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('predefined.name')}</Table.Th>
                <Table.Th>{t('predefined.module')}</Table.Th>
                <Table.Th>{t('predefined.text')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {texts.map((p) => (
                <Table.Tr key={p.id} data-testid="predefined-row" data-name={p.name} data-id={p.id}>
                  <Table.Td>
                    {p.snippet && nameHit(p) ? <Snippet snippet={p.snippet} testId="predefined-snippet" /> : p.name}
                  </Table.Td>
                  <Table.Td>{moduleLabel(p.module)}</Table.Td>
                  <Table.Td maw={420}>
                    {p.snippet && !nameHit(p) ? (
                      <Snippet snippet={p.snippet} lineClamp={3} testId="predefined-snippet" />
                    ) : (
                      <Text size="sm" className="pre-wrap" lineClamp={3}>
                        {p.text}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(p)} data-testid="edit-predefined">
                        {t('common.edit')}
                      </Button>
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        question={t('predefined.deleteConfirm', { name: p.name })}
                        onConfirm={() => remove(p.id)}
                        testId="delete-predefined"
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {data && !fetching && texts.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" size="sm" data-testid="predefined-empty">
                      {debounced || moduleFilter ? t('predefined.noMatches') : t('predefined.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('predefined.createTitle') : editing ? t('predefined.editTitle', { name: editing.name }) : ''}
        size="lg"
      >
        {editing && (
          <PredefinedForm
            item={editing === 'new' ? null : editing}
            defaultModule={moduleFilter}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** Whether the search snippet is the name (the hit was there) rather than a piece of the text. */
function nameHit(p: PredefinedItem): boolean {
  return !!p.snippet && p.snippet.fragment === p.name;
}

function PredefinedForm({
  item,
  defaultModule,
  onDone,
  onCancel,
}: {
  item: PredefinedItem | null;
  defaultModule: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const [name, setName] = useState(item?.name ?? '');
  const [module, setModule] = useState<string | null>(item?.module ?? defaultModule ?? 'Leads');
  const [text, setText] = useState(item?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: creating }, create] = useMutation(CreatePredefinedTextMutation);
  const [{ fetching: updating }, update] = useMutation(UpdatePredefinedTextMutation);
  const moduleInfo = modules.find((m) => m.apiName === module) ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim() || !module || !text.trim()) {
      setError(t('predefined.required'));
      return;
    }
    const res = item
      ? await update({ id: item.id, name: name.trim(), text })
      : await create({ input: { name: name.trim(), module, text } });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="predefined-form">
      <Stack>
        <TextInput
          label={t('predefined.name')}
          placeholder={t('predefined.namePlaceholder')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="predefined-name"
        />
        <Select
          label={t('predefined.module')}
          description={item ? t('predefined.moduleFixed') : t('predefined.moduleHint')}
          required
          data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }))}
          value={module}
          onChange={setModule}
          allowDeselect={false}
          disabled={!!item}
          searchable
          data-testid="predefined-module"
        />
        <MergeFieldTextarea
          label={t('predefined.text')}
          required
          value={text}
          onChange={setText}
          module={moduleInfo}
          modules={modules}
          maxLength={4096}
          testId="predefined-text"
        />
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="predefined-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating || updating} data-testid="predefined-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
