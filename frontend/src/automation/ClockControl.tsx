import { useState } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';
import { IconClockPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../auth/session';
import { SimulatorQuery } from '../graphql/simulator';
import { formatDateTime } from '../format';
import { AdvanceClockMutation } from './ops';

const STEPS = [
  { minutes: 60, key: 'plusHour' },
  { minutes: 24 * 60, key: 'plusDay' },
  { minutes: 2 * 24 * 60, key: 'plusTwoDays' },
] as const;

/**
 * Demo time travel for administrators: moves the demo's clock forward. Shown only in the demo
 * (it has a simulator); should the server refuse (FORBIDDEN on `serve`), it hides itself.
 */
export default function ClockControl({ onMoved }: { onMoved?: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useViewer();
  const [{ data }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const [{ fetching }, advance] = useMutation(AdvanceClockMutation);
  const [refused, setRefused] = useState(false);
  const [now, setNow] = useState<string | null>(null);
  if (!me.isAdmin || !data?.simulator || refused) return null;

  const move = async (minutes: number) => {
    const res = await advance({ minutes });
    if (res.error || !res.data) {
      setRefused(true);
      return;
    }
    setNow(res.data.advanceClock);
    onMoved?.();
  };

  return (
    <Paper withBorder p="sm" data-testid="clock-control">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Group gap={6}>
            <IconClockPlus size={16} aria-hidden />
            <Text size="sm" fw={600}>
              {t('automation.clock')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {now ? t('automation.clockMoved', { at: formatDateTime(now, i18n.language) }) : t('automation.clockHint')}
          </Text>
        </div>
        <Group gap="xs">
          {STEPS.map((s) => (
            <Button
              key={s.minutes}
              size="xs"
              variant="light"
              loading={fetching}
              onClick={() => void move(s.minutes)}
              data-testid={`clock-advance-${s.minutes}`}
            >
              {t(`automation.${s.key}`)}
            </Button>
          ))}
        </Group>
      </Group>
    </Paper>
  );
}
