import { useEffect, useState } from 'react';
import { lintTemplate } from '../../../messaging/templateLint';
import { Alert, Badge, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateTemplateMutation,
  DeleteTemplateMutation,
  SyncTemplatesMutation,
  TemplatesQuery,
  UpdateTemplateMutation,
} from '../../../graphql/operations';
import type {
  TemplatesQuery as TemplatesQueryResult,
  TemplateCategory,
  TemplateHeaderFormat,
  TemplateStatus,
} from '../../../gql/graphql';
import { uploadFile } from '../../../messaging/uploads';
import { formatDateTime } from '../../../format';
import { labelOf } from '../../../records/meta';
import { type DialogActions, DialogForm, NewButton, RowActions, SettingsDialog, SettingsPage, SettingsTable, useAction, useEditor } from '../../../components/settings';
import MergeFieldTextarea from '../../../messaging/MergeFieldTextarea';
import { useModules } from '../../../messaging/merge';

type TemplateItem = TemplatesQueryResult['templates'][number];

/** While any template is in review, the list is re-read this often (status comes by webhook). */
const POLL_MS = 3000;

export const TEMPLATE_LANGUAGES = ['en', 'en_US', 'en_GB', 'de', 'de_DE', 'fr', 'es', 'it', 'nl', 'pt_BR', 'pt_PT', 'pl', 'tr'];

const STATUS_COLORS: Record<TemplateStatus, string> = {
  DRAFT: 'gray',
  PENDING: 'yellow',
  APPROVED: 'green',
  REJECTED: 'red',
  PAUSED: 'gray',
  DISABLED: 'gray',
};

export function TemplateStatusBadge({ status }: { status: TemplateStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'PENDING' ? 'filled' : 'light'} data-testid="template-status" data-status={status}>
      {t(`templates.status.${status}`)}
    </Badge>
  );
}

/** Settings → WhatsApp → Templates (F7, F8): list with status, module filter, editor. */
/** Meta's rejection code explained in words, with what to change. */
export function RejectionReason({ code }: { code: string }) {
  const { t } = useTranslation();
  const known = ['INVALID_FORMAT', 'ABUSIVE_CONTENT', 'PROMOTIONAL', 'INCORRECT_CATEGORY', 'TAG_CONTENT_MISMATCH', 'SCAM'];
  const key = known.includes(code) ? code : 'other';
  return (
    <Stack gap={2} mt={4} maw={320} data-testid="template-rejection" data-code={code}>
      <Text size="xs" c="red.8">
        <b>{t('templateReview.why')}:</b> {t(`templateReview.reasons.${key}.why`, { code })}
      </Text>
      <Text size="xs" c="dimmed" data-testid="template-rejection-fix">
        <b>{t('templateReview.fix')}:</b> {t(`templateReview.reasons.${key}.fix`)}
      </Text>
    </Stack>
  );
}

export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const [moduleFilter, setModuleFilter] = useState<string | null>(null);
  const [{ data, error }, reexecute] = useQuery({
    query: TemplatesQuery,
    variables: { module: moduleFilter ?? undefined },
    requestPolicy: 'cache-and-network',
  });
  const [, deleteTemplate] = useMutation(DeleteTemplateMutation);
  const [{ fetching: syncing }, syncTemplates] = useMutation(SyncTemplatesMutation);

  const templates = data?.templates ?? [];
  const anyPending = templates.some((tpl) => tpl.status === 'PENDING');

  // Review results arrive on the server by webhook; poll while something is in review.
  useEffect(() => {
    if (!anyPending) return;
    const id = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(id);
  }, [anyPending, reexecute]);

  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const editor = useEditor<TemplateItem>(refresh);
  const moduleLabel = (apiName: string) => {
    const m = modules.find((x) => x.apiName === apiName);
    return m ? labelOf(m, lang) : apiName;
  };

  const sorted = [...templates].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  return (
    <SettingsPage
      filters={
        <Select
          placeholder={t('templates.allModules')}
          aria-label={t('templates.filterModule')}
          data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }))}
          value={moduleFilter}
          onChange={setModuleFilter}
          clearable
          data-testid="templates-module-filter"
        />
      }
      action={
        <Group>
          <Button
            variant="default"
            loading={syncing}
            onClick={() => void action.run(() => syncTemplates({}))}
            data-testid="sync-templates"
          >
            {t('templates.sync')}
          </Button>
          <NewButton onClick={editor.create} testId="new-template">
            {t('templates.create')}
          </NewButton>
        </Group>
      }
      error={[action.error, error]}
      errorTestId="templates-error"
    >
      <SettingsTable
        rows={data ? sorted : undefined}
        rowKey={(tpl) => tpl.id}
        testId="templates-table"
        rowTestId="template-row"
        rowProps={(tpl) => ({ 'data-name': tpl.name, 'data-id': tpl.id })}
        empty={t('templates.empty')}
        emptyTestId="templates-empty"
        columns={[
          {
            key: 'name',
            header: t('templates.name'),
            render: (tpl) => (
              <Text size="sm" ff="monospace">
                {tpl.name}
              </Text>
            ),
          },
          { key: 'module', header: t('templates.module'), render: (tpl) => moduleLabel(tpl.module) },
          { key: 'language', header: t('templates.language'), render: (tpl) => tpl.language },
          { key: 'category', header: t('templates.category'), render: (tpl) => t(`templates.categories.${tpl.category}`) },
          {
            key: 'status',
            header: t('templates.statusLabel'),
            render: (tpl) => (
              <>
                <TemplateStatusBadge status={tpl.status} />
                {tpl.quality && (
                  <Text size="xs" c={tpl.quality === 'RED' ? 'red.8' : 'dimmed'} mt={4} data-testid="template-quality">
                    {t('quality.templateLabel')}: {t(`quality.rating.${tpl.quality}`, { defaultValue: tpl.quality })}
                  </Text>
                )}
                {tpl.status === 'REJECTED' && tpl.rejectionReason && <RejectionReason code={tpl.rejectionReason} />}
              </>
            ),
          },
          {
            key: 'body',
            header: t('templates.body'),
            maw: 320,
            render: (tpl) => (
              <Text size="sm" className="pre-wrap" lineClamp={3}>
                {tpl.body}
              </Text>
            ),
          },
          {
            key: 'updated',
            header: t('templates.updatedAt'),
            nowrap: true,
            render: (tpl) => <Text size="xs">{formatDateTime(tpl.updatedAt, lang)}</Text>,
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (tpl) => (
              <RowActions
                onEdit={() => editor.edit(tpl)}
                editTestId="edit-template"
                onDelete={() => action.run(() => deleteTemplate({ id: tpl.id }))}
                deleteQuestion={t('templates.deleteConfirm', { name: tpl.name })}
                deleteTestId="delete-template"
              />
            ),
          },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t('templates.reviewNote')}
      </Text>

      <SettingsDialog
        opened={editor.opened}
        onClose={editor.close}
        title={editor.editing ? t('templates.editTitle', { name: editor.editing.name }) : t('templates.createTitle')}
        size="xl"
      >
        <TemplateForm template={editor.editing} defaultModule={moduleFilter} onDone={editor.done} onCancel={editor.close} />
      </SettingsDialog>
    </SettingsPage>
  );
}

const NAME_RE = /^[a-z0-9_]+$/;

function TemplateForm({
  template,
  defaultModule,
  ...dialog
}: {
  template?: TemplateItem;
  defaultModule: string | null;
} & DialogActions) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const editing = template !== undefined;
  const [name, setName] = useState(template?.name ?? '');
  const [module, setModule] = useState<string | null>(template?.module ?? defaultModule ?? 'Leads');
  const [language, setLanguage] = useState<string | null>(template?.language ?? (lang === 'de' ? 'de' : 'en'));
  const [category, setCategory] = useState<TemplateCategory>(template?.category ?? 'UTILITY');
  const [header, setHeader] = useState(template?.header ?? '');
  const [headerFormat, setHeaderFormat] = useState<TemplateHeaderFormat>(template?.headerFormat ?? 'TEXT');
  const [headerFile, setHeaderFile] = useState<{ id: string | null; name: string } | null>(
    template?.headerFileName ? { id: null, name: template.headerFileName } : null,
  );
  const [uploading, setUploading] = useState(false);
  const [body, setBody] = useState(template?.body ?? '');
  const [footer, setFooter] = useState(template?.footer ?? '');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [, createTemplate] = useMutation(CreateTemplateMutation);
  const [, updateTemplate] = useMutation(UpdateTemplateMutation);

  const moduleInfo = modules.find((m) => m.apiName === module) ?? null;
  const warnings = lintTemplate(body, category, [header, footer].filter(Boolean));
  const languages = TEMPLATE_LANGUAGES.includes(language ?? '') || !language ? TEMPLATE_LANGUAGES : [language, ...TEMPLATE_LANGUAGES];

  const submit = () => {
    setUploadError(null);
    setNameError(null);
    if (!NAME_RE.test(name)) {
      setNameError(t('templates.nameHint'));
      return;
    }
    if (!module || !language || !body.trim()) return t('templates.required');
    const media = headerFormat !== 'TEXT';
    if (media && !headerFile) return t('templates.headerFileRequired');
    const input = {
      name,
      module,
      language,
      category,
      body,
      header: !media && header.trim() ? header : null,
      footer: footer.trim() ? footer : null,
      headerFormat,
      headerUploadId: media ? headerFile?.id ?? null : null,
    };
    return editing ? updateTemplate({ id: template.id, input }) : createTemplate({ input });
  };

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitLabel={editing ? t('templates.saveResubmit') : t('templates.saveSubmit')}
      testId="template-form"
      submitTestId="template-save"
      errorTestId="template-error"
      error={uploadError}
      note={
        <Text size="xs" c="dimmed">
          {t('templates.submitNote')}
        </Text>
      }
    >
      {editing && template.status === 'PENDING' && (
        <Alert color="yellow" data-testid="template-in-review">
          {t('templates.inReview')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('templates.name')}
          description={t('templates.nameHint')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          disabled={editing}
          maxLength={512}
          data-testid="template-name"
        />
        <Select
          label={t('templates.module')}
          description={t('templates.moduleHint')}
          required
          data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }))}
          value={module}
          onChange={setModule}
          allowDeselect={false}
          disabled={editing}
          searchable
          data-testid="template-module"
        />
        <Select
          label={t('templates.language')}
          required
          data={languages}
          value={language}
          onChange={setLanguage}
          allowDeselect={false}
          disabled={editing}
          searchable
          data-testid="template-language"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('templates.category')}
          </Text>
          <SegmentedControl
            value={category}
            onChange={(v) => setCategory(v as TemplateCategory)}
            data={[
              { value: 'UTILITY', label: t('templates.categories.UTILITY') },
              { value: 'MARKETING', label: t('templates.categories.MARKETING') },
            ]}
            data-testid="template-category"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`templates.categoryHint.${category}`)}
          </Text>
        </div>
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('templates.headerFormat')}
        </Text>
        <SegmentedControl
          value={headerFormat}
          onChange={(v) => {
            setHeaderFormat(v as TemplateHeaderFormat);
            setHeaderFile(null);
          }}
          data={[
            { value: 'TEXT', label: t('templates.headerFormats.TEXT') },
            { value: 'IMAGE', label: t('templates.headerFormats.IMAGE') },
            { value: 'DOCUMENT', label: t('templates.headerFormats.DOCUMENT') },
          ]}
          data-testid="template-header-format"
        />
      </div>
      {headerFormat === 'TEXT' ? (
        <TextInput
          label={t('templates.header')}
          description={t('templates.optional60')}
          value={header}
          onChange={(e) => setHeader(e.currentTarget.value)}
          maxLength={60}
          data-testid="template-header"
        />
      ) : (
        <Group gap="xs" align="center">
          <Button
            component="label"
            variant="light"
            size="xs"
            loading={uploading}
            data-testid="template-header-file-button"
          >
            {t('templates.headerFile')}
            <input
              type="file"
              hidden
              accept={headerFormat === 'IMAGE' ? 'image/jpeg,image/png' : 'application/pdf'}
              data-testid="template-header-file"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (!file) return;
                setUploadError(null);
                setUploading(true);
                try {
                  const u = await uploadFile(file);
                  setHeaderFile({ id: u.id, name: u.fileName });
                } catch (err) {
                  setUploadError((err as Error).message);
                } finally {
                  setUploading(false);
                }
              }}
            />
          </Button>
          <Text size="sm" c={headerFile ? undefined : 'dimmed'} data-testid="template-header-file-name">
            {headerFile?.name ?? t(`templates.headerFileHint.${headerFormat}`)}
          </Text>
        </Group>
      )}
      <MergeFieldTextarea
        label={t('templates.body')}
        required
        value={body}
        onChange={setBody}
        module={moduleInfo}
        modules={modules}
        maxLength={1024}
        testId="template-body"
      />
      <TextInput
        label={t('templates.footer')}
        description={t('templates.optional60')}
        value={footer}
        onChange={(e) => setFooter(e.currentTarget.value)}
        maxLength={60}
        data-testid="template-footer"
      />
      {warnings.length > 0 && (
        <Alert color="yellow" data-testid="template-warnings" title={t('templateReview.warningsTitle')}>
          <Stack gap={4}>
            {warnings.map((w) => (
              <Text size="sm" key={w.code} data-testid="template-warning" data-code={w.code}>
                {t(`templateReview.${w.code}`, { fields: w.detail, words: w.detail })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </DialogForm>
  );
}
