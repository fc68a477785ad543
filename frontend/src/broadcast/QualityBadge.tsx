import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { GREEN: 'green', YELLOW: 'yellow', RED: 'red' };

/** The number's quality rating and messaging-limit tier (N9), where sends are composed. */
export default function QualityBadge({
  qualityRating,
  messagingLimit,
}: {
  qualityRating?: string | null;
  messagingLimit?: string | null;
}) {
  const { t } = useTranslation();
  if (!qualityRating && !messagingLimit) return null;
  const q = qualityRating ?? 'UNKNOWN';
  return (
    <Group gap="xs" data-testid="quality-badge">
      <Text size="xs" c="dimmed">
        {t('quality.label')}
      </Text>
      <Badge color={COLORS[q] ?? 'gray'} variant="light" data-testid="quality-rating">
        {t(`quality.rating.${q}`, { defaultValue: q })}
      </Badge>
      {messagingLimit && (
        <Badge color="gray" variant="outline" data-testid="messaging-limit">
          {t('quality.tier', { tier: t(`quality.tiers.${messagingLimit}`, { defaultValue: messagingLimit }) })}
        </Badge>
      )}
    </Group>
  );
}
