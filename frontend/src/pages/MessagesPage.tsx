import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function MessagesPage() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} mb="md" data-testid="page-title">
        {t('messages.title')}
      </Title>
      <Paper withBorder p="xl">
        <Text c="dimmed">{t('messages.placeholder')}</Text>
      </Paper>
    </>
  );
}
