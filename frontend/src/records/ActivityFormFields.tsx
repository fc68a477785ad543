import { useState, type FormEvent } from 'react';
import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateActivityMutation } from '../graphql/operations';
import type { ActivityFieldsFragment, ActivityKind, ActivityStatus } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { localInputToIso } from '../messaging/filters';
import { LocalDateInput } from '../components/LocalDateInput';

export const ACTIVITY_STATUSES: ActivityStatus[] = ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];

/** What the create form of an activity holds; the dates are `datetime-local` input values. */
export interface ActivityFormValues {
  subject: string;
  description: string;
  due: string;
  start: string;
  end: string;
  /** Offered (and sent) only when set; otherwise the server's default status applies. */
  status?: ActivityStatus;
}

/**
 * The state of a form that creates an activity of `kind` on a record: its values, their
 * errors, and `submit`, which checks them, creates the activity and hands it to `onCreated`.
 */
export function useActivityForm({
  module,
  recordId,
  kind,
  initial,
  onCreated,
}: {
  module: string;
  recordId: string;
  kind: ActivityKind;
  initial: ActivityFormValues | (() => ActivityFormValues);
  onCreated: (activity: ActivityFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ActivityFormValues>(initial);
  const [error, setError] = useState<string | null>(null);
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [{ fetching }, createActivity] = useMutation(CreateActivityMutation);

  const set = <K extends keyof ActivityFormValues>(key: K, value: ActivityFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (key === 'subject') setSubjectError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const subject = values.subject.trim();
    if (!subject) {
      setSubjectError(t('records.required'));
      return;
    }
    const startAt = localInputToIso(values.start);
    const endAt = localInputToIso(values.end);
    if (startAt && endAt && endAt < startAt) {
      setError(t('activities.endBeforeStart'));
      return;
    }
    const res = await createActivity({
      module,
      recordId,
      input: {
        kind,
        subject,
        description: values.description.trim() || undefined,
        ...(values.status ? { status: values.status } : {}),
        ...(kind === 'TASK' ? { dueAt: localInputToIso(values.due) } : { startAt, endAt }),
      },
    });
    if (res.error || !res.data) {
      setError(errorMessage(res.error, t));
      return;
    }
    onCreated(res.data.createActivity);
  };

  return { kind, values, set, error, subjectError, fetching, submit };
}

export type ActivityForm = ReturnType<typeof useActivityForm>;

/**
 * The fields of an activity's create form: subject, description, the due date of a task or
 * the start and end of a meeting or call, and the status when the form has one. Each input's
 * test id is `activity-<field>` followed by `testIdSuffix`.
 */
export default function ActivityFormFields({
  form,
  testIdSuffix = '',
  subjectMaxLength,
  descriptionMaxRows,
}: {
  form: ActivityForm;
  testIdSuffix?: string;
  subjectMaxLength?: number;
  descriptionMaxRows?: number;
}) {
  const { t } = useTranslation();
  const { kind, values, set } = form;
  const testId = (field: string) => `activity-${field}${testIdSuffix}`;
  const dateInput = (field: 'due' | 'start' | 'end', label: string) => (
    <LocalDateInput
      withTime
      label={t(label)}
      value={values[field]}
      onChange={(v) => set(field, v)}
      data-testid={testId(field)}
    />
  );

  return (
    <>
      <TextInput
        label={t('activities.subject')}
        required
        value={values.subject}
        error={form.subjectError}
        maxLength={subjectMaxLength}
        onChange={(e) => set('subject', e.currentTarget.value)}
        data-testid={testId('subject')}
        data-autofocus
      />
      <Textarea
        label={t('activities.description')}
        autosize
        minRows={2}
        maxRows={descriptionMaxRows}
        value={values.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        data-testid={testId('description')}
      />
      {kind === 'TASK' ? (
        dateInput('due', 'activities.dueAt')
      ) : (
        <Group grow>
          {dateInput('start', 'activities.startAt')}
          {dateInput('end', 'activities.endAt')}
        </Group>
      )}
      {values.status !== undefined && (
        <Select
          label={t('activities.status')}
          data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.statuses.${s}`) }))}
          value={values.status}
          allowDeselect={false}
          onChange={(v) => v && set('status', v as ActivityStatus)}
          data-testid={testId('status')}
        />
      )}
    </>
  );
}
