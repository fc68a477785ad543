import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TabsOutlet } from '../../../components/settings';

/** Settings → WhatsApp: account, numbers and profiles (/settings/whatsapp) and templates. */
export default function WhatsappLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const sub = location.pathname.split('/')[3] ?? '';
  const current = sub === 'templates' ? 'templates' : 'setup';

  return (
    <TabsOutlet
      variant="pills"
      tabs={[
        { value: 'setup', label: t('whatsapp.tabs.setup'), testId: 'whatsapp-tab-setup' },
        { value: 'templates', label: t('whatsapp.tabs.templates'), testId: 'whatsapp-tab-templates' },
      ]}
      value={current}
      onChange={(v) => navigate(v === 'templates' ? '/settings/whatsapp/templates' : '/settings/whatsapp')}
    />
  );
}
