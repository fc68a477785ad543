// A record's consent and broadcasts: cost, creation, progress and control.
import { graphql } from '../../gql';

export const RecordConsentQuery = graphql(`
  query RecordConsent($module: String!, $id: ID!) {
    record(module: $module, id: $id) {
      id
      whatsappOptOut
      consent {
        optedOut
        scope
        keywordOptedOut
        marketingOptedOut
        events {
          at
          optedOut
          scope
          source
          messageId
          text
        }
      }
    }
  }
`);

export const BroadcastCostQuery = graphql(`
  query BroadcastCost($input: BroadcastInput!) {
    broadcastCost(input: $input) {
      recipients
      skipped
      total
      currency
      byCountry {
        country
        recipients
        total
      }
      skippedReasons {
        reason
        count
      }
      skippedRecipients(first: 200) {
        recordId
        name
        waId
        skipReason
      }
      tier
      tierLimit
      tierUsed
      tierNew
      withinTier
      qualityRating
    }
  }
`);

export const CreateBroadcastMutation = graphql(`
  mutation CreateBroadcast($input: BroadcastInput!) {
    createBroadcast(input: $input) {
      id
      status
    }
  }
`);

export const BroadcastsQuery = graphql(`
  query Broadcasts($first: Int, $after: String) {
    broadcasts(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          status
          module
          templateName
          recipients
          sent
          delivered
          read
          failed
          skipped
          total
          currency
          createdAt
          finishedAt
        }
      }
    }
  }
`);

export const BroadcastQuery = graphql(`
  query Broadcast($id: ID!, $first: Int, $after: String) {
    broadcast(id: $id) {
      id
      name
      status
      pauseReason
      module
      templateName
      profile {
        id
        nickname
        displayPhoneNumber
        qualityRating
        messagingLimit
      }
      recipients
      pending
      queued
      sent
      delivered
      read
      failed
      skipped
      cancelled
      total
      currency
      createdAt
      finishedAt
      recipientList(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            recordId
            name
            waId
            country
            price
            status
            skipReason
            errorCode
            errorMessage
          }
        }
      }
    }
  }
`);

export const PauseBroadcastMutation = graphql(`
  mutation PauseBroadcast($id: ID!) {
    pauseBroadcast(id: $id) {
      id
      status
    }
  }
`);

export const ResumeBroadcastMutation = graphql(`
  mutation ResumeBroadcast($id: ID!) {
    resumeBroadcast(id: $id) {
      id
      status
    }
  }
`);

export const CancelBroadcastMutation = graphql(`
  mutation CancelBroadcast($id: ID!) {
    cancelBroadcast(id: $id) {
      id
      status
    }
  }
`);
