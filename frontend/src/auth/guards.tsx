import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';
import { errorMessage } from '../graphql/errors';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" data-testid="app-loading">
      <Loader role="status" aria-label={t('app.loading')} />
    </Center>
  );
}

/** Stands in for a page whose code is still loading (inside the layout, which stays). */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="page-loading">
      <Loader role="status" aria-label={t('app.loading')} />
    </Center>
  );
}

/** Renders its children only for a signed-in user; otherwise goes to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, error, refresh } = useSession();
  const location = useLocation();
  const { t } = useTranslation();

  if (me === undefined) {
    if (error) {
      return (
        <Center h="100vh">
          <Stack align="center">
            <Alert color="red" title={t('app.serverUnreachable')}>
              {errorMessage(error, t)}
            </Alert>
            <Button onClick={refresh}>{t('app.retry')}</Button>
          </Stack>
        </Center>
      );
    }
    return <FullPageLoader />;
  }
  if (me === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/** For admin-only pages: standard users see a short explanation instead. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const { t } = useTranslation();
  if (!me?.isAdmin) {
    return (
      <Alert color="yellow" data-testid="admin-only">
        {t('settings.adminOnly')}
      </Alert>
    );
  }
  return <>{children}</>;
}
