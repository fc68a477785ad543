import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../../auth/session';
import { TabsOutlet } from '../../components/settings';

const ADMIN_TABS = [
  'users',
  'roles',
  'company',
  'groups',
  'modules',
  'whatsapp',
  'credits',
  'automation',
  'consent',
  'webhooks',
  'audit-log',
  'predefined-texts',
  'api-tokens',
] as const;
const USER_TABS = ['predefined-texts', 'api-tokens'] as const;

/**
 * /settings: tabs for administrators; a standard user has the predefined texts (shared by
 * everyone) and their own API tokens.
 */
export default function SettingsLayout() {
  const { t } = useTranslation();
  const me = useViewer();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[2] ?? '';
  const tabs: readonly string[] = me.isAdmin ? ADMIN_TABS : USER_TABS;
  const labels: Record<string, string> = {
    users: t('settings.users'),
    roles: t('settings.roles'),
    company: t('settings.company'),
    groups: t('settings.groups'),
    modules: t('settings.modules'),
    whatsapp: t('settings.whatsapp'),
    credits: t('settings.credits'),
    automation: t('settings.automation'),
    consent: t('settings.consent'),
    webhooks: t('settings.webhooks'),
    'audit-log': t('settings.auditLog'),
    'predefined-texts': t('settings.predefinedTexts'),
    'api-tokens': t('settings.apiTokens'),
  };

  return (
    <>
      <Title order={2} mb="md" data-testid="page-title">
        {t('settings.title')}
      </Title>
      <TabsOutlet
        tabs={tabs.map((tab) => ({ value: tab, label: labels[tab], testId: `settings-tab-${tab}` }))}
        value={current || null}
        onChange={(v) => navigate(`/settings/${v}`)}
      />
    </>
  );
}

export function SettingsIndex() {
  const me = useViewer();
  return <Navigate to={me.isAdmin ? '/settings/users' : '/settings/api-tokens'} replace />;
}
