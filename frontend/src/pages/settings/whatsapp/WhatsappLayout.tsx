import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../auth/guards';

/** Settings → WhatsApp: account, numbers and profiles (/settings/whatsapp) and templates. */
export default function WhatsappLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const sub = location.pathname.split('/')[3] ?? '';
  const current = sub === 'templates' ? 'templates' : 'setup';

  return (
    <>
      <Tabs
        variant="pills"
        value={current}
        onChange={(v) => navigate(v === 'templates' ? '/settings/whatsapp/templates' : '/settings/whatsapp')}
        mb="md"
      >
        <Tabs.List>
          <Tabs.Tab value="setup" data-testid="whatsapp-tab-setup">
            {t('whatsapp.tabs.setup')}
          </Tabs.Tab>
          <Tabs.Tab value="templates" data-testid="whatsapp-tab-templates">
            {t('whatsapp.tabs.templates')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </>
  );
}
