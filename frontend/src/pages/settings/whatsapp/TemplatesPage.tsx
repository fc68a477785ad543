import { useEffect, useState, type FormEvent } from 'react';
import { lintTemplate } from '../../../messaging/templateLint';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
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
import { errorMessage } from '../../../graphql/errors';
import { formatDateTime } from '../../../format';
import { labelOf } from '../../../records/meta';
import ConfirmButton from '../../../components/ConfirmButton';
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
  const [editing, setEditing] = useState<TemplateItem | 'new' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const templates = data?.templates ?? [];
  const anyPending = templates.some((tpl) => tpl.status === 'PENDING');

  // Review results arrive on the server by webhook; poll while something is in review.
  useEffect(() => {
    if (!anyPending) return;
    const id = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(id);
  }, [anyPending, reexecute]);

  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const moduleLabel = (apiName: string) => {
    const m = modules.find((x) => x.apiName === apiName);
    return m ? labelOf(m, lang) : apiName;
  };

  const remove = async (id: string) => {
    setActionError(null);
    const res = await deleteTemplate({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  const sync = async () => {
    setActionError(null);
    const res = await syncTemplates({});
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  const sorted = [...templates].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  return (
    <Stack>
      <Group justify="space-between">
        <Select
          placeholder={t('templates.allModules')}
          aria-label={t('templates.filterModule')}
          data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, lang) }))}
          value={moduleFilter}
          onChange={setModuleFilter}
          clearable
          data-testid="templates-module-filter"
        />
        <Group>
          <Button variant="default" loading={syncing} onClick={sync} data-testid="sync-templates">
            {t('templates.sync')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-template">
            {t('templates.create')}
          </Button>
        </Group>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap" data-testid="templates-error">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <ScrollArea viewportProps={{ tabIndex: 0 }}>
          <Table verticalSpacing="xs" data-testid="templates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('templates.name')}</Table.Th>
                <Table.Th>{t('templates.module')}</Table.Th>
                <Table.Th>{t('templates.language')}</Table.Th>
                <Table.Th>{t('templates.category')}</Table.Th>
                <Table.Th>{t('templates.statusLabel')}</Table.Th>
                <Table.Th>{t('templates.body')}</Table.Th>
                <Table.Th>{t('templates.updatedAt')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((tpl) => (
                <Table.Tr key={tpl.id} data-testid="template-row" data-name={tpl.name} data-id={tpl.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {tpl.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{moduleLabel(tpl.module)}</Table.Td>
                  <Table.Td>{tpl.language}</Table.Td>
                  <Table.Td>{t(`templates.categories.${tpl.category}`)}</Table.Td>
                  <Table.Td>
                    <TemplateStatusBadge status={tpl.status} />
                    {tpl.quality && (
                      <Text size="xs" c={tpl.quality === 'RED' ? 'red.8' : 'dimmed'} mt={4} data-testid="template-quality">
                        {t('quality.templateLabel')}: {t(`quality.rating.${tpl.quality}`, { defaultValue: tpl.quality })}
                      </Text>
                    )}
                    {tpl.status === 'REJECTED' && tpl.rejectionReason && (
                      <RejectionReason code={tpl.rejectionReason} />
                    )}
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm" className="pre-wrap" lineClamp={3}>
                      {tpl.body}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs">{formatDateTime(tpl.updatedAt, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(tpl)} data-testid="edit-template">
                        {t('common.edit')}
                      </Button>
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        question={t('templates.deleteConfirm', { name: tpl.name })}
                        onConfirm={() => remove(tpl.id)}
                        testId="delete-template"
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {data && templates.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed" size="sm" data-testid="templates-empty">
                      {t('templates.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('templates.reviewNote')}
      </Text>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('templates.createTitle') : editing ? t('templates.editTitle', { name: editing.name }) : ''}
        size="xl"
      >
        {editing && (
          <TemplateForm
            template={editing === 'new' ? null : editing}
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

const NAME_RE = /^[a-z0-9_]+$/;

function TemplateForm({
  template,
  defaultModule,
  onDone,
  onCancel,
}: {
  template: TemplateItem | null;
  defaultModule: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { modules } = useModules();
  const editing = template !== null;
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
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [{ fetching: creating }, createTemplate] = useMutation(CreateTemplateMutation);
  const [{ fetching: updating }, updateTemplate] = useMutation(UpdateTemplateMutation);

  const moduleInfo = modules.find((m) => m.apiName === module) ?? null;
  const warnings = lintTemplate(body, category, [header, footer].filter(Boolean));
  const languages = TEMPLATE_LANGUAGES.includes(language ?? '') || !language ? TEMPLATE_LANGUAGES : [language, ...TEMPLATE_LANGUAGES];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNameError(null);
    if (!NAME_RE.test(name)) {
      setNameError(t('templates.nameHint'));
      return;
    }
    if (!module || !language || !body.trim()) {
      setError(t('templates.required'));
      return;
    }
    const media = headerFormat !== 'TEXT';
    if (media && !headerFile) {
      setError(t('templates.headerFileRequired'));
      return;
    }
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
    const res = editing ? await updateTemplate({ id: template.id, input }) : await createTemplate({ input });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="template-form">
      <Stack>
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
                  setError(null);
                  setUploading(true);
                  try {
                    const u = await uploadFile(file);
                    setHeaderFile({ id: u.id, name: u.fileName });
                  } catch (err) {
                    setError((err as Error).message);
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
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="template-error">
            {error}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('templates.submitNote')}
          </Text>
          <Group>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={creating || updating} data-testid="template-save">
              {editing ? t('templates.saveResubmit') : t('templates.saveSubmit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
