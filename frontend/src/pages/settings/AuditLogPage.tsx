import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Code, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDownload, IconFilterOff } from '@tabler/icons-react';
import { useClient, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { AuditFilterOptionsQuery, AuditLogCsvQuery, AuditLogQuery } from '../../graphql/operations';
import type { AuditFilter } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import { formatDateTime } from '../../format';
import { downloadText } from '../../records/ImportExport';
import { ErrorAlert, PageIntro, SettingsTable } from '../../components/settings';
import { LocalDateInput } from '../../components/LocalDateInput';

const PAGE = 50;

/** A `YYYY-MM-DD` from a date input as the start of that day in the browser's time zone. */
function dayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface Filters {
  action: string | null;
  actorId: string | null;
  from: string;
  to: string;
  subject: string;
}

const NO_FILTERS: Filters = { action: null, actorId: null, from: '', to: '', subject: '' };

function toAuditFilter(f: Filters): AuditFilter {
  const out: AuditFilter = {};
  if (f.action) out.action = f.action;
  if (f.actorId) out.actorId = f.actorId;
  const from = dayStart(f.from);
  if (from) out.from = from;
  // The "to" day is included: entries before the start of the next day.
  const to = dayStart(f.to, 1);
  if (to) out.to = to;
  if (f.subject.trim()) out.subject = f.subject.trim();
  return out;
}

/**
 * Settings → Audit log (administrators): who did what, newest first, with filters (action or
 * area, actor, date range, subject), paging and a CSV download of everything the filters match.
 */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Cursors of the pages before the current one (the first page has none).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<string | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const filter = useMemo(() => toAuditFilter(filters), [filters]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({
    query: AuditLogQuery,
    variables: { first: PAGE, after, filter },
    requestPolicy: 'cache-and-network',
  });
  const [{ data: options }] = useQuery({ query: AuditFilterOptionsQuery });

  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([null]);
  };

  const actionLabel = (a: string) => t(`audit.actions.${a.replace(/\./g, '_')}`, { defaultValue: a });

  const actionData = useMemo(() => {
    const areaLabel = (area: string) => t(`audit.areas.${area}`, { defaultValue: area });
    const actionLabel = (a: string) => t(`audit.actions.${a.replace(/\./g, '_')}`, { defaultValue: a });
    const byArea = new Map<string, string[]>();
    for (const a of options?.auditActions ?? []) {
      const area = a.split('.')[0];
      byArea.set(area, [...(byArea.get(area) ?? []), a]);
    }
    return [...byArea.entries()].map(([area, actions]) => ({
      group: areaLabel(area),
      items: [
        { value: `${area}.`, label: t('audit.allOfArea', { area: areaLabel(area) }) },
        ...actions.map((a) => ({ value: a, label: actionLabel(a) })),
      ],
    }));
  }, [options, t]);

  const actorData = useMemo(
    () =>
      (options?.users.edges ?? []).map((e) => ({
        value: e.node.id,
        label: `${e.node.name} <${e.node.email}>`,
      })),
    [options],
  );

  const downloadCsv = async () => {
    setCsvError(null);
    setDownloading(true);
    try {
      const res = await client.query(AuditLogCsvQuery, { filter }, { requestPolicy: 'network-only' }).toPromise();
      if (res.error || res.data?.auditLogCsv == null) {
        setCsvError(errorMessage(res.error, t) ?? t('errors.UNKNOWN'));
        return;
      }
      const date = new Date().toISOString().slice(0, 10);
      downloadText(res.data.auditLogCsv, `audit-log-${date}.csv`);
    } finally {
      setDownloading(false);
    }
  };

  const rows = data?.auditLog.edges.map((e) => e.node);
  const pageInfo = data?.auditLog.pageInfo;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <Stack>
      <PageIntro
        action={
          <Button
            leftSection={<IconDownload size={16} />}
            onClick={() => void downloadCsv()}
            loading={downloading}
            data-testid="audit-csv"
          >
            {t('audit.downloadCsv')}
          </Button>
        }
      >
        {t('audit.intro')}
      </PageIntro>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          <Select
            label={t('audit.action')}
            placeholder={t('audit.anyAction')}
            data={actionData}
            value={filters.action}
            onChange={(v) => change({ action: v })}
            searchable
            clearable
            data-testid="audit-filter-action"
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('audit.anyone')}
            data={actorData}
            value={filters.actorId}
            onChange={(v) => change({ actorId: v })}
            searchable
            clearable
            data-testid="audit-filter-actor"
          />
          <LocalDateInput
            label={t('audit.from')}
            value={filters.from}
            onChange={(v) => change({ from: v })}
            data-testid="audit-filter-from"
          />
          <LocalDateInput
            label={t('audit.to')}
            value={filters.to}
            onChange={(v) => change({ to: v })}
            data-testid="audit-filter-to"
          />
          <TextInput
            label={t('audit.subject')}
            placeholder={t('audit.subjectPlaceholder')}
            value={filters.subject}
            onChange={(e) => change({ subject: e.currentTarget.value })}
            data-testid="audit-filter-subject"
          />
        </SimpleGrid>
        {filtered && (
          <Group justify="flex-end" mt="xs">
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconFilterOff size={14} />}
              onClick={() => change(NO_FILTERS)}
              data-testid="audit-filter-clear"
            >
              {t('audit.clearFilters')}
            </Button>
          </Group>
        )}
      </Paper>
      <ErrorAlert error={[csvError, error]} />
      <SettingsTable
        rows={rows}
        rowKey={(e) => e.id}
        testId="audit-table"
        rowTestId="audit-row"
        rowProps={(e) => ({ 'data-action': e.action })}
        empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
        expanded={(e) =>
          open === e.id ? (
            <Code block data-testid="audit-detail">
              {JSON.stringify(e.detail, null, 2)}
            </Code>
          ) : null
        }
        columns={[
          {
            key: 'toggle',
            header: '',
            render: (e) => (
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('audit.details')}
                onClick={() => setOpen(open === e.id ? null : e.id)}
                data-testid="audit-toggle"
              >
                {open === e.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              </ActionIcon>
            ),
          },
          { key: 'at', header: t('audit.at'), nowrap: true, render: (e) => formatDateTime(e.at, lang) },
          {
            key: 'actor',
            header: t('audit.actor'),
            render: (e) =>
              e.actor ? (
                <Text size="sm">{e.actor.name}</Text>
              ) : e.actorEmail ? (
                <Text size="sm">{e.actorEmail}</Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('audit.system')}
                </Text>
              ),
          },
          {
            key: 'action',
            header: t('audit.action'),
            render: (e) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{actionLabel(e.action)}</Text>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {e.action}
                </Badge>
              </Group>
            ),
          },
          {
            key: 'subject',
            header: t('audit.subject'),
            render: (e) => (
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {e.subject ?? ''}
              </Text>
            ),
          },
        ]}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="audit-page">
          {t('audit.page', { n: cursors.length })}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={cursors.length <= 1 || fetching}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            data-testid="audit-prev"
          >
            {t('common.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!pageInfo?.hasNextPage || fetching}
            onClick={() => pageInfo?.endCursor && setCursors((c) => [...c, pageInfo.endCursor ?? null])}
            data-testid="audit-next"
          >
            {t('common.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
