import { useEffect, useState } from 'react';
import { Badge, Group, Paper, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { JourneysQuery as Result } from '../gql/graphql';
import { formatDateTime } from '../format';
import { JourneysQuery, SetJourneyActiveMutation } from './ops';
import JourneyBuilder from './JourneyBuilder';
import RunHistory from './RunHistory';
import { AutomationTab, CardErrors, CardIcon, EditIcon, HistoryIcon } from './CardParts';

type Journey = Result['journeys'][number];
type Enrollment = Journey['enrollments'][number];

/** Settings → Automation → Journeys: counts, steps and each record's path. */
export default function JourneysTab() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: JourneysQuery, requestPolicy: 'cache-and-network' });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const list = data?.journeys ?? [];
  // Counts and paths move by themselves (new records, replies, waits): look again now and then,
  // more often while records are on a journey.
  const busy = list.some((j) => j.inProgress > 0);
  useEffect(() => {
    const timer = window.setInterval(() => reload({ requestPolicy: 'network-only' }), busy ? 3000 : 5000);
    return () => window.clearInterval(timer);
  }, [busy, reload]);

  return (
    <AutomationTab
      testId="journeys-tab"
      items={data?.journeys}
      error={error}
      empty={t('automation.noJourneys')}
      newLabel={t('automation.newJourney')}
      newTestId="new-journey"
      onSaved={refresh}
      card={(j, edit) => <JourneyCard key={j.id} journey={j} onChanged={refresh} onEdit={edit} />}
      editor={(j, close, saved) => <JourneyBuilder opened journey={j} onClose={close} onSaved={saved} />}
    />
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function JourneyCard({ journey: j, onChanged, onEdit }: { journey: Journey; onChanged: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const [show, setShow] = useState<'records' | 'history' | null>(null);
  const [{ error }, setActive] = useMutation(SetJourneyActiveMutation);
  const toggle = (what: 'records' | 'history') => setShow((s) => (s === what ? null : what));

  return (
    <Paper withBorder p="md" data-testid="journey-card" data-journey-name={j.name}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>{j.name}</Text>
          <Text size="sm" c="dimmed">
            {j.module} · {t(`automation.triggers.${j.trigger}`)} ·{' '}
            {j.steps.map((s) => `${s.key} ${t(`automation.stepKinds.${s.kind}`)}`).join(' → ')}
          </Text>
        </div>
        <Group gap="xs">
          <Switch
            checked={j.active}
            onChange={async (e) => {
              await setActive({ id: j.id, active: e.currentTarget.checked });
              onChanged();
            }}
            aria-label={t('automation.toggleJourney')}
            data-testid="journey-toggle"
          />
          <EditIcon label={t('automation.editJourney')} onClick={onEdit} testId="journey-edit" />
          <CardIcon
            label={show === 'records' ? t('automation.hideEnrollments') : t('automation.showEnrollments')}
            onClick={() => toggle('records')}
            testId="journey-records-toggle"
          >
            <IconUsers size={18} />
          </CardIcon>
          <HistoryIcon shown={show === 'history'} onClick={() => toggle('history')} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" spacing="xs">
        <Count label={t('automation.enrolled')} value={j.enrolled} testId="journey-enrolled" />
        <Count label={t('automation.inProgress')} value={j.inProgress} testId="journey-in-progress" />
        <Count label={t('automation.completed')} value={j.completed} testId="journey-completed" />
        <Count label={t('automation.failures')} value={j.failures} testId="journey-failures" />
      </SimpleGrid>
      <CardErrors lastError={j.lastError} error={error} />
      {show === 'records' && (
        <Stack mt="sm" gap="xs">
          <Text size="sm" fw={500}>
            {t('automation.enrollments')}
          </Text>
          {j.enrollments.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('automation.noEnrollments')}
            </Text>
          )}
          {j.enrollments.map((e) => (
            <EnrollmentPath key={`${e.module}-${e.recordId}`} e={e} />
          ))}
        </Stack>
      )}
      {show === 'history' && (
        <Stack mt="sm">
          <RunHistory runs={j.history} />
        </Stack>
      )}
    </Paper>
  );
}

const STATUS_COLOR = { ACTIVE: 'blue', COMPLETED: 'green', FAILED: 'red' } as const;

function EnrollmentPath({ e }: { e: Enrollment }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Paper withBorder p="xs" data-testid="enrollment" data-status={e.status} data-record-id={e.recordId} data-step={e.step}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {e.module} {e.recordId}
        </Text>
        <Badge color={STATUS_COLOR[e.status]} variant="light">
          {t(`automation.enrollmentStatus.${e.status}`)}
        </Badge>
        {e.waitingUntil && (
          <Text size="xs" c="dimmed">
            {e.step}: {t('automation.waitingUntil', { at: formatDateTime(e.waitingUntil, lang) })}
          </Text>
        )}
      </Group>
      <Stack gap={0} mt={4} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}>
        {e.path.map((p, i) => (
          <Text key={i} size="xs" data-testid="enrollment-path-entry">
            <b>{p.step}</b> · {formatDateTime(p.at, lang)} · {p.note}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
