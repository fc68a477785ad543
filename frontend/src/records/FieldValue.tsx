import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format';
import { recordPath } from '../modules';
import { optionLabel, referenceId, referenceText, type FieldMeta } from './meta';

/**
 * Shows one field value as text. Values are customer data: they are always rendered as
 * React text nodes, never as HTML. Phone numbers are shown exactly as stored (E.164).
 */
export default function FieldValue({
  field,
  value,
  ownerName,
  lookupName,
  link = true,
}: {
  field: FieldMeta;
  value: unknown;
  ownerName?: string | null;
  /** A LOOKUP's linked record's name as the server resolved it for the viewer (null: hidden). */
  lookupName?: string | null;
  link?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;

  if (field.fieldType === 'OWNER') {
    const text = ownerName ?? referenceText(value);
    return text ? <>{text}</> : <Text span c="dimmed">{t('common.none')}</Text>;
  }
  if (field.fieldType === 'BOOLEAN') {
    // An unset checkbox reads as "no", as in the form.
    return <>{value === true || value === 'true' ? t('fieldTypes.yes') : t('fieldTypes.no')}</>;
  }
  if (value === null || value === undefined || value === '') {
    return (
      <Text span c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  switch (field.fieldType) {
    case 'DATE':
      return <>{formatDate(String(value), lang)}</>;
    case 'DATETIME':
      return <>{formatDateTime(String(value), lang)}</>;
    case 'NUMBER': {
      const n = typeof value === 'number' ? value : Number(value);
      return <>{Number.isFinite(n) ? formatNumber(n, lang) : String(value)}</>;
    }
    case 'CURRENCY': {
      const n = typeof value === 'number' ? value : Number(value);
      // Stored in minor units (cents).
      return <>{Number.isFinite(n) ? formatMoney(n, lang) : String(value)}</>;
    }
    case 'EMAIL':
      return link ? (
        <Anchor href={`mailto:${String(value)}`} onClick={(e) => e.stopPropagation()}>
          {String(value)}
        </Anchor>
      ) : (
        <>{String(value)}</>
      );
    case 'PHONE':
      return <span dir="ltr">{String(value)}</span>;
    case 'LINE_ITEMS':
      return <>{t('lineItems.count', { count: Array.isArray(value) ? value.length : 0 })}</>;
    case 'PICKLIST':
      return <>{optionLabel(field, String(value), lang)}</>;
    case 'LOOKUP': {
      const id = referenceId(value);
      // The server names what the viewer may see; a record they may not see is not named
      // (and not linked: its page would be empty for them).
      if (lookupName === null) {
        return (
          <Text span c="dimmed" data-testid="lookup-hidden">
            {t('records.lookupHidden')}
          </Text>
        );
      }
      const text = lookupName ?? referenceText(value);
      if (link && id && field.lookupModule) {
        return (
          <Anchor
            component={Link}
            to={recordPath(field.lookupModule, id)}
            onClick={(e) => e.stopPropagation()}
            data-testid="lookup-link"
          >
            {text}
          </Anchor>
        );
      }
      return <>{text}</>;
    }
    case 'MULTILINE':
      return <span className="pre-wrap">{String(value)}</span>;
    default:
      if (Array.isArray(value)) return <>{value.map((v) => String(v)).join(', ')}</>;
      if (typeof value === 'object') return <>{referenceText(value)}</>;
      return <>{String(value)}</>;
  }
}
