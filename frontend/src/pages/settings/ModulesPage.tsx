import { useMemo, useState } from 'react';
import { Accordion, Badge, Button, Checkbox, Group, Paper, Select, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateCustomFieldMutation,
  CreateCustomModuleMutation,
  DeleteCustomFieldMutation,
  ModulesAdminQuery,
} from '../../graphql/operations';
import type { FieldType, ModulesAdminQuery as ModulesAdminResult } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { labelOf } from '../../records/meta';
import ConfirmButton from '../../components/ConfirmButton';
import { DialogForm, SettingsDialog, SettingsPage, useAction } from '../../components/settings';

type ModuleRow = ModulesAdminResult['modules'][number];

/** Field types an administrator may add (owner and line items are built in). */
export const CUSTOM_FIELD_TYPES: FieldType[] = [
  'TEXT',
  'MULTILINE',
  'EMAIL',
  'PHONE',
  'PICKLIST',
  'NUMBER',
  'CURRENCY',
  'DATE',
  'DATETIME',
  'BOOLEAN',
  'LOOKUP',
];

/** Settings → Modules and fields: every module with its fields; custom fields and modules. */
export default function ModulesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error, fetching }, reload] = useQuery({ query: ModulesAdminQuery });
  const [, deleteField] = useMutation(DeleteCustomFieldMutation);
  const [creatingField, setCreatingField] = useState<string | null>(null);
  const [creatingModule, setCreatingModule] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);

  const modules = useMemo(() => data?.modules ?? [], [data]);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const remove = (module: string, apiName: string) => action.run(() => deleteField({ module, apiName }));

  return (
    <SettingsPage
      testId="modules-page"
      intro={t('modulesAdmin.intro')}
      error={[action.error, error]}
      errorTestId="modules-error"
      action={
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreatingModule(true)}
            data-testid="create-custom-module"
          >
            {t('modulesAdmin.newModule')}
          </Button>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreatingField(expanded[0] ?? modules[0]?.apiName ?? '')}
            disabled={modules.length === 0}
            data-testid="create-custom-field"
          >
            {t('modulesAdmin.newField')}
          </Button>
        </Group>
      }
    >
      {fetching && !data && <Text c="dimmed">{t('app.loading')}</Text>}
      <Accordion multiple value={expanded} onChange={setExpanded} variant="separated" data-testid="modules-list">
        {modules.map((m) => (
          <Accordion.Item key={m.apiName} value={m.apiName} data-testid="module-item" data-module={m.apiName}>
            <Accordion.Control data-testid={`module-toggle-${m.apiName}`}>
              <Group gap="xs">
                <Text fw={600}>{labelOf(m, lang)}</Text>
                <Text size="sm" c="dimmed">
                  {m.apiName}
                </Text>
                {m.custom && (
                  <Badge size="sm" variant="light" color="grape">
                    {t('modulesAdmin.custom')}
                  </Badge>
                )}
                <Badge size="sm" variant="outline" color="gray">
                  {t('modulesAdmin.fieldCount', { count: m.fields.length })}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <FieldsTable module={m} onDelete={(apiName) => remove(m.apiName, apiName)} />
              <Group justify="flex-end" mt="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setCreatingField(m.apiName)}
                  data-testid={`create-custom-field-${m.apiName}`}
                >
                  {t('modulesAdmin.newField')}
                </Button>
              </Group>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>

      <SettingsDialog
        opened={creatingField !== null}
        onClose={() => setCreatingField(null)}
        title={t('modulesAdmin.newFieldTitle')}
        size="lg"
      >
        <CustomFieldForm
          modules={modules}
          initialModule={creatingField ?? ''}
          onDone={(module) => {
            setCreatingField(null);
            setExpanded((e) => (e.includes(module) ? e : [...e, module]));
            refresh();
          }}
          onCancel={() => setCreatingField(null)}
        />
      </SettingsDialog>
      <SettingsDialog opened={creatingModule} onClose={() => setCreatingModule(false)} title={t('modulesAdmin.newModuleTitle')}>
        <CustomModuleForm
          onDone={(module) => {
            setCreatingModule(false);
            setExpanded((e) => [...e, module]);
            refresh();
          }}
          onCancel={() => setCreatingModule(false)}
        />
      </SettingsDialog>
    </SettingsPage>
  );
}

function FieldsTable({ module, onDelete }: { module: ModuleRow; onDelete: (apiName: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder>
      <Table verticalSpacing={4} striped data-testid={`fields-table-${module.apiName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('modulesAdmin.label')}</Table.Th>
            <Table.Th>{t('modulesAdmin.labelDe')}</Table.Th>
            <Table.Th>{t('modulesAdmin.apiName')}</Table.Th>
            <Table.Th>{t('modulesAdmin.type')}</Table.Th>
            <Table.Th>{t('modulesAdmin.required')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {module.fields.map((f) => (
            <Table.Tr key={f.apiName} data-testid="field-row" data-field={f.apiName}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{f.label}</Text>
                  {f.custom && (
                    <Badge size="xs" variant="light" color="grape" data-testid="custom-badge">
                      {t('modulesAdmin.custom')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.labelDe}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {f.apiName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t(`fieldTypes.types.${f.fieldType}`)}
                  {f.fieldType === 'LOOKUP' && f.lookupModule ? ` → ${f.lookupModule}` : ''}
                </Text>
                {f.fieldType === 'PICKLIST' && f.options.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {f.options.join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.required ? t('common.yes') : t('common.no')}</Text>
              </Table.Td>
              <Table.Td>
                {f.custom && (
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={12} />}
                    question={t('modulesAdmin.deleteFieldConfirm', { name: f.label })}
                    onConfirm={() => onDelete(f.apiName)}
                    testId="delete-custom-field"
                  >
                    {t('common.delete')}
                  </ConfirmButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function CustomFieldForm({
  modules,
  initialModule,
  onDone,
  onCancel,
}: {
  modules: ModuleRow[];
  initialModule: string;
  onDone: (module: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [module, setModule] = useState<string | null>(initialModule || null);
  const [label, setLabel] = useState('');
  const [labelDe, setLabelDe] = useState('');
  const [fieldType, setFieldType] = useState<FieldType>('TEXT');
  const [required, setRequired] = useState(false);
  const [options, setOptions] = useState<string[]>([]);
  const [lookupModule, setLookupModule] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [, createField] = useMutation(CreateCustomFieldMutation);

  const moduleOptions = modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }));
  const pickModule = (
    label: string,
    value: string | null,
    onChange: (v: string | null) => void,
    error: string | undefined,
    testId: string,
  ) => (
    <Select
      label={label}
      required
      data={moduleOptions}
      value={value}
      onChange={onChange}
      searchable
      error={error}
      data-testid={testId}
    />
  );

  const submit = async () => {
    const errs: Record<string, string> = {};
    if (!module) errs.module = t('records.required');
    if (!label.trim()) errs.label = t('records.required');
    if (fieldType === 'PICKLIST' && options.length === 0) errs.options = t('modulesAdmin.optionsRequired');
    if (fieldType === 'LOOKUP' && !lookupModule) errs.lookupModule = t('records.required');
    setErrors(errs);
    if (Object.keys(errs).length || !module) return;
    const res = await createField({
      module,
      input: {
        label: label.trim(),
        labelDe: labelDe.trim() || undefined,
        fieldType,
        required,
        options: fieldType === 'PICKLIST' ? options : [],
        lookupModule: fieldType === 'LOOKUP' ? lookupModule : undefined,
      },
    });
    if (res.error) return errorMessage(res.error, t);
    onDone(module);
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      testId="custom-field-form"
      submitTestId="custom-field-submit"
      errorTestId="custom-field-error"
    >
      {pickModule(t('modulesAdmin.module'), module, setModule, errors.module, 'custom-field-module')}
      <Group grow>
        <LabelInputs
          label={label}
          setLabel={setLabel}
          labelDe={labelDe}
          setLabelDe={setLabelDe}
          error={errors.label}
          testId="custom-field"
        />
      </Group>
      <Select
        label={t('modulesAdmin.type')}
        required
        data={CUSTOM_FIELD_TYPES.map((ft) => ({ value: ft, label: t(`fieldTypes.types.${ft}`) }))}
        value={fieldType}
        allowDeselect={false}
        onChange={(v) => v && setFieldType(v as FieldType)}
        data-testid="custom-field-type"
      />
      {fieldType === 'PICKLIST' && (
        <TagsInput
          label={t('modulesAdmin.options')}
          description={t('modulesAdmin.optionsHelp')}
          value={options}
          onChange={setOptions}
          error={errors.options}
          data-testid="custom-field-options"
        />
      )}
      {fieldType === 'LOOKUP' &&
        pickModule(t('modulesAdmin.lookupModule'), lookupModule, setLookupModule, errors.lookupModule, 'custom-field-lookup-module')}
      {fieldType !== 'BOOLEAN' && (
        <Checkbox
          label={t('modulesAdmin.required')}
          checked={required}
          onChange={(e) => setRequired(e.currentTarget.checked)}
          data-testid="custom-field-required"
        />
      )}
    </DialogForm>
  );
}

function CustomModuleForm({ onDone, onCancel }: { onDone: (module: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [apiName, setApiName] = useState('');
  const [apiNameTouched, setApiNameTouched] = useState(false);
  const [label, setLabel] = useState('');
  const [labelDe, setLabelDe] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [, createModule] = useMutation(CreateCustomModuleMutation);

  // Suggest an API name from the label (`Service tickets` → `Service_Tickets`) until one is typed.
  const suggested = label
    .trim()
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('_');
  const effectiveApiName = apiNameTouched ? apiName : suggested;

  const submit = async () => {
    const errs: Record<string, string> = {};
    if (!label.trim()) errs.label = t('records.required');
    if (!effectiveApiName.trim()) errs.apiName = t('records.required');
    else if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(effectiveApiName.trim())) errs.apiName = t('modulesAdmin.apiNameInvalid');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const res = await createModule({
      apiName: effectiveApiName.trim(),
      label: label.trim(),
      labelDe: labelDe.trim() || undefined,
    });
    if (res.error || !res.data) return errorMessage(res.error, t) ?? '';
    onDone(res.data.createCustomModule.apiName);
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      testId="custom-module-form"
      submitTestId="custom-module-submit"
      errorTestId="custom-module-error"
    >
      <LabelInputs
        label={label}
        setLabel={setLabel}
        labelDe={labelDe}
        setLabelDe={setLabelDe}
        error={errors.label}
        testId="custom-module"
      />
      <TextInput
        label={t('modulesAdmin.apiName')}
        description={t('modulesAdmin.apiNameHelp')}
        required
        value={effectiveApiName}
        error={errors.apiName}
        onChange={(e) => {
          setApiNameTouched(true);
          setApiName(e.currentTarget.value);
        }}
        data-testid="custom-module-api-name"
      />
    </DialogForm>
  );
}

/** A field's or module's label in English and (optionally) German; German shows the English as a hint. */
function LabelInputs({
  label,
  setLabel,
  labelDe,
  setLabelDe,
  error,
  testId,
}: {
  label: string;
  setLabel: (v: string) => void;
  labelDe: string;
  setLabelDe: (v: string) => void;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('modulesAdmin.label')}
        required
        value={label}
        error={error}
        onChange={(e) => setLabel(e.currentTarget.value)}
        data-testid={`${testId}-label`}
      />
      <TextInput
        label={t('modulesAdmin.labelDe')}
        placeholder={label}
        value={labelDe}
        onChange={(e) => setLabelDe(e.currentTarget.value)}
        data-testid={`${testId}-label-de`}
      />
    </>
  );
}
