import { Paper, Stack, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { WhatsappAccountQuery } from '../../../graphql/operations';
import { ErrorAlert } from '../../../components/settings';
import { ConnectedAccount, ConnectForm } from './AccountSection';
import NumbersSection from './NumbersSection';
import ProfilesSection from './ProfilesSection';

/**
 * Settings → WhatsApp (administrators): F1 account and numbers, F2 profiles, F3 deactivate.
 * Numbers and profiles show once an account is connected.
 */
export default function WhatsappSetupPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: WhatsappAccountQuery, requestPolicy: 'cache-and-network' });
  const account = data?.whatsappAccount ?? null;
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <Stack gap="lg">
      <ErrorAlert error={error} />
      <Paper withBorder p="md" data-testid="wa-account">
        <Title order={4} mb="sm">
          {t('whatsapp.account.title')}
        </Title>
        {!data && fetching ? null : account ? (
          <ConnectedAccount wabaId={account.wabaId} webhookPath={account.webhookPath} onDeactivated={refresh} />
        ) : (
          <ConnectForm onConnected={refresh} />
        )}
      </Paper>
      {account && (
        <>
          <NumbersSection />
          <ProfilesSection />
        </>
      )}
    </Stack>
  );
}
