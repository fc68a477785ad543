import { useState } from 'react';
import { Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreatePredefinedTextMutation,
  DeletePredefinedTextMutation,
  PredefinedTextsQuery,
  UpdatePredefinedTextMutation,
} from '../../graphql/operations';
import type { PredefinedTextsQuery as PredefinedTextsResult } from '../../gql/graphql';
import { labelOf } from '../../records/meta';
import { type DialogActions, DialogForm, NewButton, RowActions, SettingsDialog, SettingsPage, SettingsTable, useAction, useEditor } from '../../components/settings';
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

  const texts = [...(data?.predefinedTexts ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const editor = useEditor<PredefinedItem>(refresh);
  const moduleLabel = (apiName: string) => {
    const m = modules.find((x) => x.apiName === apiName);
    return m ? labelOf(m, lang) : apiName;
  };

  return (
    <SettingsPage
      filters={
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
      }
      action={
        <NewButton onClick={editor.create} testId="new-predefined">
          {t('predefined.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={data ? texts : undefined}
        loading={fetching}
        rowKey={(p) => p.id}
        testId="predefined-table"
        rowTestId="predefined-row"
        rowProps={(p) => ({ 'data-name': p.name, 'data-id': p.id })}
        empty={debounced || moduleFilter ? t('predefined.noMatches') : t('predefined.empty')}
        emptyTestId="predefined-empty"
        columns={[
          {
            key: 'name',
            header: t('predefined.name'),
            render: (p) => (p.snippet && nameHit(p) ? <Snippet snippet={p.snippet} testId="predefined-snippet" /> : p.name),
          },
          { key: 'module', header: t('predefined.module'), render: (p) => moduleLabel(p.module) },
          {
            key: 'text',
            header: t('predefined.text'),
            maw: 420,
            render: (p) =>
              p.snippet && !nameHit(p) ? (
                <Snippet snippet={p.snippet} lineClamp={3} testId="predefined-snippet" />
              ) : (
                <Text size="sm" className="pre-wrap" lineClamp={3}>
                  {p.text}
                </Text>
              ),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (p) => (
              <RowActions
                onEdit={() => editor.edit(p)}
                editTestId="edit-predefined"
                onDelete={() => action.run(() => deleteText({ id: p.id }))}
                deleteQuestion={t('predefined.deleteConfirm', { name: p.name })}
                deleteTestId="delete-predefined"
              />
            ),
          },
        ]}
      />

      <SettingsDialog
        opened={editor.opened}
        onClose={editor.close}
        title={editor.editing ? t('predefined.editTitle', { name: editor.editing.name }) : t('predefined.createTitle')}
        size="lg"
      >
        <PredefinedForm item={editor.editing} defaultModule={moduleFilter} onDone={editor.done} onCancel={editor.close} />
      </SettingsDialog>
    </SettingsPage>
  );
}

/** Whether the search snippet is the name (the hit was there) rather than a piece of the text. */
function nameHit(p: PredefinedItem): boolean {
  return !!p.snippet && p.snippet.fragment === p.name;
}

function PredefinedForm({
  item,
  defaultModule,
  ...dialog
}: {
  item?: PredefinedItem;
  defaultModule: string | null;
} & DialogActions) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const [name, setName] = useState(item?.name ?? '');
  const [module, setModule] = useState<string | null>(item?.module ?? defaultModule ?? 'Leads');
  const [text, setText] = useState(item?.text ?? '');
  const [, create] = useMutation(CreatePredefinedTextMutation);
  const [, update] = useMutation(UpdatePredefinedTextMutation);
  const moduleInfo = modules.find((m) => m.apiName === module) ?? null;

  const submit = () => {
    if (!name.trim() || !module || !text.trim()) return t('predefined.required');
    return item ? update({ id: item.id, name: name.trim(), text }) : create({ input: { name: name.trim(), module, text } });
  };

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitLabel={t('common.save')}
      testId="predefined-form"
      submitTestId="predefined-save"
      errorTestId="predefined-error"
    >
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
    </DialogForm>
  );
}
