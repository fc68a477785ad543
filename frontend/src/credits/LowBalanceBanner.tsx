import { Link } from 'react-router-dom';
import { Alert, Anchor } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { WalletQuery } from '../graphql/operations';
import { useViewer } from '../auth/session';
import { formatCredits, units } from './money';

/** Below this much available credit (in the wallet's currency) administrators see a banner. */
const LOW = 5 * 10_000;

/** Administrators: a banner when the credits that sends can spend run low. */
export default function LowBalanceBanner() {
  const me = useViewer();
  if (!me.isAdmin) return null;
  return <Banner />;
}

function Banner() {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: WalletQuery, requestPolicy: 'cache-and-network' });
  const w = data?.wallet;
  if (!w) return null;
  const available = units(w.available);
  const limit = (w.autoRecharge.enabled ? units(w.autoRecharge.minBalance) : null) ?? LOW;
  if (available == null || available >= limit) return null;
  return (
    <Alert color={available <= 0 ? 'red' : 'yellow'} mb="md" data-testid="low-balance-banner">
      {t('credits.lowBanner', { amount: formatCredits(w.available, w.currency, i18n.language) })}{' '}
      <Anchor component={Link} to="/settings/credits" size="sm">
        {t('credits.topUpLink')}
      </Anchor>
    </Alert>
  );
}
