import { useMemo } from 'react';
import { Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format';
import { formatCredits, units } from './money';

const COLORS: Record<string, string> = {
  marketing: 'grape',
  utility: 'teal',
  authentication: 'blue',
  authentication_international: 'indigo',
};

/** Spend per day by category, from the ledger entries on screen (charges less refunds). */
export default function SpendChart({
  entries,
  currency,
}: {
  entries: { at: string; kind: string; amount: string; category?: string | null }[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const days = useMemo(() => {
    const byDay = new Map<string, Map<string, number>>();
    for (const e of entries) {
      if (e.kind === 'TOPUP' || !e.category) continue;
      const n = units(e.amount);
      if (n == null) continue;
      const day = e.at.slice(0, 10);
      const cats = byDay.get(day) ?? new Map<string, number>();
      cats.set(e.category, (cats.get(e.category) ?? 0) - n);
      byDay.set(day, cats);
    }
    return [...byDay.entries()]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .slice(0, 14)
      .map(([day, cats]) => ({ day, cats: [...cats.entries()].filter(([, v]) => v > 0) }));
  }, [entries]);
  const max = Math.max(1, ...days.map((d) => d.cats.reduce((a, [, v]) => a + v, 0)));
  const text = (n: number) => {
    const s = String(Math.abs(n)).padStart(5, '0');
    return formatCredits(`${s.slice(0, -4)}.${s.slice(-4)}`, currency, i18n.language);
  };
  if (days.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="spend-chart">
      <Title order={4} mb="sm">
        {t('credits.spendTitle')}
      </Title>
      <Stack gap={6}>
        {days.map(({ day, cats }) => {
          const total = cats.reduce((a, [, v]) => a + v, 0);
          return (
            <Group key={day} gap="sm" wrap="nowrap">
              <Text size="xs" w={90}>
                {formatDate(`${day}T00:00:00Z`, i18n.language)}
              </Text>
              <Progress.Root size="lg" style={{ flex: 1 }}>
                {cats.map(([cat, v]) => (
                  <Tooltip key={cat} label={`${cat}: ${text(v)}`}>
                    <Progress.Section value={(v / max) * 100} color={COLORS[cat] ?? 'gray'} />
                  </Tooltip>
                ))}
              </Progress.Root>
              <Text size="xs" w={110} ta="right">
                {text(total)}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
