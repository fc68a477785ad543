import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../graphql/errors';
import { minorToInput, parseMoneyInput } from '../format';
import {
  labelOf,
  referenceId,
  referenceText,
  type FieldMeta,
  type ModuleMeta,
  type RecordValues,
  lookupNameOf,
  optionLabel,
} from './meta';
import LookupSelect from './LookupSelect';
import OwnerSelect from './OwnerSelect';
import { LocalDateInput } from '../components/LocalDateInput';

type FormValue = string | boolean | null;
type FormState = Record<string, FormValue>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO timestamp -> the `YYYY-MM-DDTHH:mm` local time a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function initialFormValue(field: FieldMeta, value: unknown, lang: string): FormValue {
  switch (field.fieldType) {
    case 'BOOLEAN':
      return value === true || value === 'true';
    case 'NUMBER':
      return value === null || value === undefined ? '' : String(value);
    case 'CURRENCY':
      // Stored in minor units (cents); typed in euros.
      return minorToInput(value, lang);
    case 'DATE':
      return typeof value === 'string' ? value.slice(0, 10) : '';
    case 'DATETIME':
      return typeof value === 'string' && value ? toLocalInput(value) : '';
    case 'LOOKUP':
    case 'OWNER':
      return referenceId(value);
    case 'PICKLIST':
      return value === null || value === undefined || value === '' ? null : String(value);
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

class FieldError extends Error {}

/** Form value -> the JSON value sent to the API (null for empty). */
function apiValue(field: FieldMeta, value: FormValue, invalidNumber: string): unknown {
  switch (field.fieldType) {
    case 'BOOLEAN':
      return value === true;
    case 'CURRENCY': {
      if (typeof value !== 'string' || !value.trim()) return null;
      const minor = parseMoneyInput(value);
      if (minor === null) throw new FieldError(invalidNumber);
      return minor;
    }
    case 'NUMBER': {
      const s = typeof value === 'string' ? value.trim().replace(/\s/g, '').replace(',', '.') : '';
      if (!s) return null;
      const n = Number(s);
      if (!Number.isFinite(n)) throw new FieldError(invalidNumber);
      return n;
    }
    case 'DATETIME': {
      if (typeof value !== 'string' || !value) return null;
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : d.toISOString();
    }
    case 'LOOKUP':
    case 'OWNER':
    case 'PICKLIST':
      return value || null;
    default: {
      if (typeof value !== 'string') return null;
      const s = value.trim();
      return s ? (field.fieldType === 'MULTILINE' ? value : s) : null;
    }
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** Field errors the server may point at: `extensions.field` (an API name) on VALIDATION errors. */
function serverFieldErrors(error: CombinedError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const field = e.extensions?.field;
    if (typeof field === 'string' && field) out[field] = e.message;
  }
  return out;
}

export interface RecordFormProps {
  module: ModuleMeta;
  /** The record's current values when editing; absent for a new record. */
  initialValues?: RecordValues;
  /** The record's lookups as the server named them (to label the lookup pickers). */
  lookups?: { field: string; name?: string | null }[];
  /** Owner name of the record being edited (to label the owner picker). */
  ownerName?: string | null;
  isAdmin: boolean;
  submitLabel: string;
  /** Receives only the values to send: all filled fields for a new record, the changed ones on edit. */
  onSubmit: (values: RecordValues) => Promise<CombinedError | undefined>;
  onCancel: () => void;
}

/** Create/edit form generated from the module's field metadata. */
export default function RecordForm({
  module,
  initialValues,
  lookups,
  ownerName,
  isAdmin,
  submitLabel,
  onSubmit,
  onCancel,
}: RecordFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const editing = initialValues !== undefined;

  // Owners can be picked only by administrators (who may list users); otherwise the server
  // assigns the creator and keeps the owner on edit.
  const fields = useMemo(
    // Line items have their own editor on the document; the generic form leaves them alone.
    () => module.fields.filter((f) => (f.fieldType !== 'OWNER' || isAdmin) && f.fieldType !== 'LINE_ITEMS'),
    [module.fields, isAdmin],
  );

  const initialState = useMemo(() => {
    const s: FormState = {};
    for (const f of fields) s[f.apiName] = initialFormValue(f, initialValues?.[f.apiName], lang);
    return s;
  }, [fields, initialValues, lang]);

  const [state, setState] = useState<FormState>(initialState);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = (apiName: string, value: FormValue) => {
    setState((s) => ({ ...s, [apiName]: value }));
    setFieldErrors((e) => {
      if (!e[apiName]) return e;
      const { [apiName]: _removed, ...rest } = e;
      return rest;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const errors: Record<string, string> = {};
    const values: RecordValues = {};
    for (const f of fields) {
      let v: unknown;
      try {
        v = apiValue(f, state[f.apiName] ?? null, t('records.invalidNumber'));
      } catch (err) {
        errors[f.apiName] = err instanceof Error ? err.message : String(err);
        continue;
      }
      if (f.required && f.fieldType !== 'BOOLEAN' && f.fieldType !== 'OWNER' && isEmpty(v)) {
        errors[f.apiName] = t('records.required');
        continue;
      }
      if (editing) {
        let before: unknown;
        try {
          before = apiValue(f, initialState[f.apiName] ?? null, '');
        } catch {
          before = undefined;
        }
        if (JSON.stringify(before) !== JSON.stringify(v)) values[f.apiName] = v;
      } else if (!isEmpty(v) && v !== false) {
        values[f.apiName] = v;
      }
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    if (editing && Object.keys(values).length === 0) {
      setFormError(t('records.noChanges'));
      return;
    }
    setSubmitting(true);
    try {
      const error = await onSubmit(values);
      if (error) {
        setFieldErrors(serverFieldErrors(error));
        setFormError(errorMessage(error, t));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const renderField = (f: FieldMeta) => {
    const label = labelOf(f, lang);
    const testId = `field-${f.apiName}`;
    const error = fieldErrors[f.apiName];
    const value = state[f.apiName];
    const text = typeof value === 'string' ? value : '';
    const common = { label, required: f.required, error, 'data-testid': testId };
    switch (f.fieldType) {
      case 'MULTILINE':
        return (
          <Textarea
            {...common}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => set(f.apiName, e.currentTarget.value)}
          />
        );
      case 'EMAIL':
        return (
          <TextInput
            {...common}
            type="email"
            value={text}
            onChange={(e) => set(f.apiName, e.currentTarget.value)}
          />
        );
      case 'PHONE':
        return (
          <TextInput
            {...common}
            type="tel"
            value={text}
            onChange={(e) => set(f.apiName, e.currentTarget.value)}
          />
        );
      case 'NUMBER':
      case 'CURRENCY':
        return (
          <TextInput
            {...common}
            inputMode="decimal"
            rightSection={f.fieldType === 'CURRENCY' ? '€' : undefined}
            value={text}
            onChange={(e) => set(f.apiName, e.currentTarget.value)}
          />
        );
      case 'DATE':
        return (
          <LocalDateInput {...common} value={text} onChange={(v) => set(f.apiName, v)} />
        );
      case 'DATETIME':
        return (
          <LocalDateInput {...common} withTime value={text} onChange={(v) => set(f.apiName, v)} />
        );
      case 'BOOLEAN':
        return (
          <Checkbox
            label={label}
            error={error}
            data-testid={testId}
            checked={value === true}
            onChange={(e) => set(f.apiName, e.currentTarget.checked)}
            mt="lg"
          />
        );
      case 'PICKLIST':
        return (
          <Select
            {...common}
            data={f.options.map((o) => ({ value: o, label: optionLabel(f, o, lang) }))}
            value={typeof value === 'string' ? value : null}
            onChange={(v) => set(f.apiName, v)}
            clearable
            searchable
            placeholder={t('records.selectPlaceholder')}
          />
        );
      case 'LOOKUP':
        if (!f.lookupModule) break;
        return (
          <LookupSelect
            module={f.lookupModule}
            label={label}
            required={f.required}
            error={error}
            testId={testId}
            value={typeof value === 'string' ? value : null}
            initialText={lookupNameOf(lookups, f.apiName) ?? referenceText(initialValues?.[f.apiName])}
            onChange={(v) => set(f.apiName, v)}
          />
        );
      case 'OWNER':
        return (
          <OwnerSelect
            label={label}
            error={error}
            testId={testId}
            value={typeof value === 'string' ? value : null}
            initialText={ownerName ?? referenceText(initialValues?.[f.apiName])}
            onChange={(v) => set(f.apiName, v)}
          />
        );
      default:
        break;
    }
    return (
      <TextInput {...common} value={text} onChange={(e) => set(f.apiName, e.currentTarget.value)} />
    );
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="record-form">
      <Stack>
        {formError && (
          <Alert color="red" className="pre-wrap" data-testid="record-form-error">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields.map((f) => (
            <div key={f.apiName} style={f.fieldType === 'MULTILINE' ? { gridColumn: '1 / -1' } : undefined}>
              {renderField(f)}
            </div>
          ))}
        </SimpleGrid>
        <Group justify="flex-end" className="dialog-footer">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting} data-testid="record-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
