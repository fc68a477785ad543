import type { ActionInput, ActionKind, ConditionInput, ConditionOp, WorkflowTrigger } from '../gql/graphql';

export const TRIGGERS: WorkflowTrigger[] = ['CREATED', 'EDITED', 'FIELD_UPDATED', 'INBOUND_MESSAGE'];
export const OPS: ConditionOp[] = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'IS_EMPTY', 'IS_NOT_EMPTY', 'GREATER_THAN', 'LESS_THAN'];
export const ACTION_KINDS: ActionKind[] = ['SEND_TEMPLATE', 'CREATE_TASK', 'UPDATE_FIELD', 'OUTGOING_WEBHOOK'];

/** An action being edited: an input, plus whether the stored action has a webhook secret. */
export type ActionDraft = ActionInput & { hasSecret?: boolean | null };

export const opNeedsValue = (op: ConditionOp) => op !== 'IS_EMPTY' && op !== 'IS_NOT_EMPTY';

export function emptyAction(kind: ActionKind = 'SEND_TEMPLATE'): ActionInput {
  return { kind };
}

/** Only the keys that matter for the action's kind, blanks dropped. */
export function cleanAction(a: ActionInput): ActionInput {
  const blank = (s: string | number | null | undefined) => (s != null && String(s).trim() ? String(s).trim() : undefined);
  switch (a.kind) {
    case 'SEND_TEMPLATE':
      return {
        kind: a.kind,
        templateId: blank(a.templateId),
        profileId: blank(a.profileId),
        phoneField: blank(a.phoneField),
      };
    case 'CREATE_TASK':
      return { kind: a.kind, subject: blank(a.subject), dueInDays: a.dueInDays ?? undefined };
    case 'UPDATE_FIELD':
      return { kind: a.kind, field: blank(a.field), value: a.value ?? '' };
    default:
      // No secret typed: the server keeps the one the action had for this URL.
      return { kind: a.kind, url: blank(a.url), secret: a.secret ? a.secret : undefined };
  }
}

export function cleanConditions(cs: ConditionInput[]): ConditionInput[] {
  return cs
    .filter((c) => c.field)
    .map((c) => ({ field: c.field, op: c.op, value: opNeedsValue(c.op) ? (c.value ?? '') : undefined }));
}

/** Strips urql's `__typename` and nulls from an Action read back from the server. */
export function actionFromServer(a: Partial<ActionDraft> & { kind: ActionKind }): ActionDraft {
  const out: ActionDraft = { kind: a.kind };
  for (const [k, v] of Object.entries(a)) {
    if (k !== '__typename' && v !== null && v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Condition rows read back from the server, ready for the editors. */
export function conditionsFromServer(cs: { field: string; op: ConditionOp; value?: string | null }[]): ConditionInput[] {
  return cs.map((c) => ({ field: c.field, op: c.op, value: c.value ?? undefined }));
}
