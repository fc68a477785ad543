// GraphQL operations of Settings → Automation (workflow rules, blueprints, journeys, demo
// time travel) and the record page's blueprint transitions.
import { graphql } from '../gql';

export const ActionFieldsFragment = graphql(`
  fragment ActionFields on Action {
    kind
    templateId
    profileId
    phoneField
    field
    value
    subject
    dueInDays
    url
    hasSecret
  }
`);

export const RunFieldsFragment = graphql(`
  fragment RunFields on AutomationRun {
    id
    at
    module
    recordId
    ok
    detail
  }
`);

export const WorkflowRulesQuery = graphql(`
  query WorkflowRules {
    workflowRules {
      id
      name
      module
      active
      runs
      trigger
      field
      conditions {
        field
        op
        value
      }
      actions {
        ...ActionFields
      }
      delayMinutes
      status
      pausedReason
      failures
      lastError
      history(first: 20) {
        ...RunFields
      }
    }
  }
`);

export const CreateWorkflowRuleMutation = graphql(`
  mutation CreateWorkflowRule($input: WorkflowRuleInput!) {
    createWorkflowRule(input: $input) {
      id
    }
  }
`);

export const UpdateWorkflowRuleMutation = graphql(`
  mutation UpdateWorkflowRule($id: ID!, $input: WorkflowRuleInput!) {
    updateWorkflowRule(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const SetWorkflowRuleActiveMutation = graphql(`
  mutation SetWorkflowRuleActive($id: ID!, $active: Boolean!) {
    setWorkflowRuleActive(id: $id, active: $active) {
      id
      active
      status
      pausedReason
    }
  }
`);

export const DeleteWorkflowRuleMutation = graphql(`
  mutation DeleteWorkflowRule($id: ID!) {
    deleteWorkflowRule(id: $id)
  }
`);

export const BlueprintsQuery = graphql(`
  query Blueprints {
    blueprints {
      id
      name
      module
      field
      states
      transitions {
        name
        from
        to
        actions {
          ...ActionFields
        }
      }
      runs
      failures
      lastError
      history(first: 20) {
        ...RunFields
      }
    }
  }
`);

export const CreateBlueprintMutation = graphql(`
  mutation CreateBlueprint($input: BlueprintInput!) {
    createBlueprint(input: $input) {
      id
    }
  }
`);

export const UpdateBlueprintMutation = graphql(`
  mutation UpdateBlueprint($id: ID!, $input: BlueprintInput!) {
    updateBlueprint(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const DeleteBlueprintMutation = graphql(`
  mutation DeleteBlueprint($id: ID!) {
    deleteBlueprint(id: $id)
  }
`);

export const JourneysQuery = graphql(`
  query Journeys {
    journeys {
      id
      name
      module
      active
      trigger
      conditions {
        field
        op
        value
      }
      steps {
        key
        kind
        action {
          ...ActionFields
        }
        waitMinutes
        next
        onReply
        onNoReply
      }
      enrolled
      inProgress
      completed
      failures
      lastError
      enrollments(first: 100) {
        module
        recordId
        status
        step
        waitingUntil
        waitingForReply
        enrolledAt
        finishedAt
        path {
          step
          at
          note
        }
      }
      history(first: 20) {
        ...RunFields
      }
    }
  }
`);

export const CreateJourneyMutation = graphql(`
  mutation CreateJourney($input: JourneyInput!) {
    createJourney(input: $input) {
      id
    }
  }
`);

export const UpdateJourneyMutation = graphql(`
  mutation UpdateJourney($id: ID!, $input: JourneyInput!) {
    updateJourney(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const SetJourneyActiveMutation = graphql(`
  mutation SetJourneyActive($id: ID!, $active: Boolean!) {
    setJourneyActive(id: $id, active: $active) {
      id
      active
    }
  }
`);

export const AdvanceClockMutation = graphql(`
  mutation AdvanceClock($minutes: Int!) {
    advanceClock(minutes: $minutes)
  }
`);

export const AvailableTransitionsQuery = graphql(`
  query AvailableTransitions($module: String!, $recordId: ID!) {
    availableTransitions(module: $module, recordId: $recordId) {
      blueprintId
      blueprint
      field
      name
      from
      to
    }
  }
`);

export const TransitionRecordMutation = graphql(`
  mutation TransitionRecord($module: String!, $recordId: ID!, $transition: String!) {
    transitionRecord(module: $module, recordId: $recordId, transition: $transition) {
      id
      values
      modifiedAt
    }
  }
`);
