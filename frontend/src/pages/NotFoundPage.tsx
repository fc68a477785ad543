import { Link } from 'react-router-dom';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" data-testid="not-found">
      <Title order={2}>404</Title>
      <Text>{t('app.notFound')}</Text>
      <Anchor component={Link} to="/leads">
        {t('app.backHome')}
      </Anchor>
    </Stack>
  );
}
