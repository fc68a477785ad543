import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import QualityBadge from './QualityBadge';

type Profile = {
  id: string;
  nickname: string;
  displayPhoneNumber: string;
  qualityRating?: string | null;
  messagingLimit?: string | null;
};

/**
 * The WhatsApp profile a send goes out from (a template message, a broadcast), with the chosen
 * number's quality and messaging limit under it.
 */
export default function SenderProfileSelect({
  profiles,
  value,
  onChange,
  testId,
  disabled,
  placeholder,
}: {
  profiles: readonly Profile[];
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const chosen = profiles.find((p) => p.id === value);
  return (
    <>
      <Select
        label={t('sendTemplate.profile')}
        data={profiles.map((p) => ({ value: p.id, label: `${p.nickname} (${p.displayPhoneNumber})` }))}
        value={value}
        onChange={onChange}
        allowDeselect={false}
        disabled={disabled}
        placeholder={placeholder}
        data-testid={testId}
      />
      {chosen && <QualityBadge qualityRating={chosen.qualityRating} messagingLimit={chosen.messagingLimit} />}
    </>
  );
}
