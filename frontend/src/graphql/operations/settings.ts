// Administration: consent keywords, the audit log, outgoing webhooks and company settings.
import { graphql } from '../../gql';

export const CompanySettingsFieldsFragment = graphql(`
  fragment CompanySettingsFields on CompanySettings {
    name
    address
    email
    phone
    website
    taxId
    currency
  }
`);

export const ConsentKeywordsQuery = graphql(`
  query ConsentKeywords {
    consentKeywords {
      optOut
      optIn
      defaultOptOut
      defaultOptIn
    }
  }
`);

export const SetConsentKeywordsMutation = graphql(`
  mutation SetConsentKeywords($optOut: [String!]!, $optIn: [String!]!) {
    setConsentKeywords(optOut: $optOut, optIn: $optIn) {
      optOut
      optIn
      defaultOptOut
      defaultOptIn
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          actor {
            id
            name
            email
          }
          actorEmail
          action
          subject
          detail
        }
      }
    }
  }
`);

export const AuditLogCsvQuery = graphql(`
  query AuditLogCsv($filter: AuditFilter) {
    auditLogCsv(filter: $filter)
  }
`);

export const AuditFilterOptionsQuery = graphql(`
  query AuditFilterOptions {
    auditActions
    users(first: 200) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

export const WebhookSubscriptionsQuery = graphql(`
  query WebhookSubscriptions {
    webhookSubscriptions {
      id
      url
      events
      active
      createdAt
      consecutiveFailures
      disabledAt
      disabledReason
    }
    webhookEvents
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($first: Int) {
    webhookSubscriptions {
      id
      deliveries(first: $first) {
        id
        event
        createdAt
        status
        statusCode
        attempts {
          at
          statusCode
          error
        }
      }
    }
  }
`);

export const CreateWebhookSubscriptionMutation = graphql(`
  mutation CreateWebhookSubscription($url: String!, $events: [String!]!) {
    createWebhookSubscription(url: $url, events: $events) {
      id
      url
      events
      secret
    }
  }
`);

export const DeleteWebhookSubscriptionMutation = graphql(`
  mutation DeleteWebhookSubscription($id: ID!) {
    deleteWebhookSubscription(id: $id)
  }
`);

export const SetWebhookSubscriptionActiveMutation = graphql(`
  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) {
    setWebhookSubscriptionActive(id: $id, active: $active) {
      id
      active
      consecutiveFailures
      disabledAt
      disabledReason
    }
  }
`);

export const SendTestWebhookMutation = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      id
      event
      status
    }
  }
`);

export const CompanySettingsQuery = graphql(`
  query CompanySettings {
    companySettings {
      ...CompanySettingsFields
    }
  }
`);

export const SetCompanySettingsMutation = graphql(`
  mutation SetCompanySettings($input: CompanySettingsInput!) {
    setCompanySettings(input: $input) {
      ...CompanySettingsFields
    }
  }
`);
