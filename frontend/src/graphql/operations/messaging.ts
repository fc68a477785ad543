// WhatsApp conversations and messages: lists, search, saved views, live events and replies.
import { graphql } from '../../gql';

export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    wamid
    direction
    type
    text
    status
    timestamp
    errorCode
    errorMessage
    templateId
    replyToId
    sentBy {
      id
      name
    }
    attachment {
      ...AttachmentFields
    }
    reactions {
      emoji
      fromCustomer
    }
    replyTo {
      id
      type
      text
      direction
      attachment {
        fileName
      }
    }
    editedAt
    edits {
      text
      replacedAt
    }
    deletedAt
    location {
      latitude
      longitude
      name
      address
      mapUrl
    }
    contacts {
      name
      firstName
      lastName
      phones {
        phone
        waId
        type
      }
      emails
      company
    }
    chosenOption {
      id
      title
    }
  }
`);

export const AttachmentFieldsFragment = graphql(`
  fragment AttachmentFields on Attachment {
    fileName
    mimeType
    size
    url
    previewUrl
    status
    unavailableReason
    kind
    source
    messageId
    direction
    at
    failed
  }
`);

/** Every file of a conversation, both directions (the Attachments tab, F23). */
export const ConversationAttachmentsQuery = graphql(`
  query ConversationAttachments($id: ID!) {
    conversation(id: $id) {
      id
      attachments {
        ...AttachmentFields
      }
    }
  }
`);

/** Quotes, sales orders, purchase orders and invoices related to the conversation's record. */
export const AttachableDocumentsQuery = graphql(`
  query AttachableDocuments($conversationId: ID!) {
    attachableDocuments(conversationId: $conversationId) {
      module
      record {
        id
        module
        displayName
      }
      documents {
        id
        fileName
        size
        url
        createdAt
      }
    }
  }
`);

export const ReactToMessageMutation = graphql(`
  mutation ReactToMessage($messageId: ID!, $emoji: String!) {
    reactToMessage(messageId: $messageId, emoji: $emoji) {
      id
      reactions {
        emoji
        fromCustomer
      }
    }
  }
`);

/** A search hit's text with the matched terms (UTF-16 offsets into `fragment`). */
export const SnippetFieldsFragment = graphql(`
  fragment SnippetFields on Snippet {
    fragment
    highlights {
      start
      end
    }
  }
`);

export const ConversationsQuery = graphql(`
  query Conversations($filter: ConversationFilter, $search: String, $first: Int, $after: String) {
    conversations(filter: $filter, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          customerWaId
          customerName
          windowOpen
          windowExpiresAt
          channelActive
          lastMessageAt
          profile {
            id
            nickname
            displayPhoneNumber
          }
          record {
            id
            module
            displayName
          }
          lastMessage {
            id
            direction
            type
            text
            status
            timestamp
          }
          snippet {
            ...SnippetFields
          }
        }
      }
    }
  }
`);

export const ConversationQuery = graphql(`
  query Conversation($id: ID!) {
    conversation(id: $id) {
      id
      customerWaId
      customerName
      windowOpen
      windowExpiresAt
      channelActive
      lastMessageAt
      profile {
        id
        nickname
        displayPhoneNumber
      }
      record {
        id
        module
        displayName
        values
      }
    }
  }
`);

/** A conversation's messages, newest first (the chat view reverses them). */
export const ConversationMessagesQuery = graphql(`
  query ConversationMessages($conversationId: ID!, $first: Int) {
    messages(filter: { conversationId: $conversationId }, first: $first) {
      totalCount
      nodes {
        ...MessageFields
      }
    }
  }
`);

/**
 * The Messages module's list (F24–F27) and the Signals page: every message the viewer may see
 * that matches `filter` and `search`, newest first, with who it is from and its record.
 */
export const MessageListQuery = graphql(`
  query MessageList($filter: MessageFilter, $search: String, $first: Int, $after: String) {
    messages(filter: $filter, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        direction
        type
        text
        status
        timestamp
        repliedAt
        repliedBy {
          id
          name
        }
        sentBy {
          id
          name
        }
        attachment {
          fileName
          mimeType
        }
        snippet {
          ...SnippetFields
        }
        customerSnippet {
          ...SnippetFields
        }
        conversation {
          id
          customerWaId
          customerName
          profile {
            id
            nickname
          }
        }
        record {
          id
          module
          displayName
          owner {
            id
            name
          }
        }
      }
    }
  }
`);

export const MessageViewFieldsFragment = graphql(`
  fragment MessageViewFields on MessageView {
    id
    name
    shared
    mine
    owner {
      id
      name
    }
    filter
  }
`);

export const MessageViewsQuery = graphql(`
  query MessageViews {
    messageViews {
      ...MessageViewFields
    }
  }
`);

export const SaveMessageViewMutation = graphql(`
  mutation SaveMessageView($input: SaveMessageViewInput!) {
    saveMessageView(input: $input) {
      ...MessageViewFields
    }
  }
`);

export const DeleteMessageViewMutation = graphql(`
  mutation DeleteMessageView($id: ID!) {
    deleteMessageView(id: $id)
  }
`);

export const MessageEventsSubscription = graphql(`
  subscription MessageEvents {
    messageEvents {
      kind
      message {
        id
        direction
        status
        conversation {
          id
        }
      }
    }
  }
`);

export const SendReplyMutation = graphql(`
  mutation SendReply($input: SendReplyInput!) {
    sendReply(input: $input) {
      ...MessageFields
    }
  }
`);
