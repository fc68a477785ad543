// Every GraphQL operation the web app sends. The `graphql()` function comes from the
// codegen client preset (src/gql/), which gives each document its result and variable types.
import { graphql } from '../gql';

// ---- session / viewer -------------------------------------------------------------------

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      isAdmin
      language
      active
      messageAlerts
      welcomeDismissed
      role {
        id
        name
      }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        email
        name
        isAdmin
        language
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/** Whether inbound WhatsApp messages ring the viewer's bell (the user menu's switch). */
export const SetMessageAlertsMutation = graphql(`
  mutation SetMessageAlerts($enabled: Boolean!) {
    setMessageAlerts(enabled: $enabled) {
      id
      messageAlerts
    }
  }
`);

/** Closes the start page's "what to try" panel for the viewer (remembered on the server). */
export const DismissWelcomeMutation = graphql(`
  mutation DismissWelcome($dismissed: Boolean!) {
    dismissWelcome(dismissed: $dismissed) {
      id
      welcomeDismissed
    }
  }
`);

/** The start page: what needs the viewer now. */
export const HomeQuery = graphql(`
  query Home($since: DateTime) {
    home(since: $since) {
      unansweredCount
      unanswered {
        id
        customerName
        customerWaId
        windowOpen
        windowExpiresAt
        record {
          id
          module
          displayName
        }
        lastMessage {
          id
          text
          type
          timestamp
        }
      }
      closingSoon {
        id
        customerName
        customerWaId
        windowExpiresAt
        record {
          id
          module
          displayName
        }
      }
      signalsCount
      signals {
        id
        text
        type
        timestamp
        conversation {
          id
          customerName
          customerWaId
        }
      }
      templatesInReview {
        id
        name
        language
      }
      templatesRejected {
        id
        name
        language
        rejectionReason
      }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const SetLanguageMutation = graphql(`
  mutation SetLanguage($language: Language!) {
    setLanguage(language: $language) {
      id
      language
    }
  }
`);

// ---- notifications ----------------------------------------------------------------------

export const NotificationsQuery = graphql(`
  query Notifications($first: Int) {
    notifications(first: $first) {
      unreadCount
      totalCount
      edges {
        cursor
        node {
          id
          kind
          title
          body
          link
          read
          createdAt
        }
      }
    }
  }
`);

export const NotificationsSubscription = graphql(`
  subscription NotificationAdded {
    notifications {
      id
      title
      body
      link
      read
      createdAt
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

// ---- modules and records ----------------------------------------------------------------

export const ModuleQuery = graphql(`
  query Module($apiName: String!) {
    module(apiName: $apiName) {
      apiName
      label
      labelDe
      custom
      fields {
        apiName
        label
        labelDe
        fieldType
        required
        options
        optionsDe
        lookupModule
        custom
      }
    }
  }
`);

export const RecordsQuery = graphql(`
  query Records(
    $module: String!
    $first: Int
    $after: String
    $search: String
    $sortBy: String
    $sortDesc: Boolean
  ) {
    records(
      module: $module
      first: $first
      after: $after
      search: $search
      sortBy: $sortBy
      sortDesc: $sortDesc
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          module
          displayName
          values
          lookups {
            field
            module
            id
            name
          }
          owner {
            id
            name
          }
          modifiedAt
        }
      }
    }
  }
`);

export const RecordQuery = graphql(`
  query Record($module: String!, $id: ID!) {
    record(module: $module, id: $id) {
      id
      module
      displayName
      values
      lookups {
        field
        module
        id
        name
      }
      owner {
        id
        name
        email
      }
      createdAt
      modifiedAt
    }
  }
`);

export const CreateRecordMutation = graphql(`
  mutation CreateRecord($module: String!, $values: JSON!) {
    createRecord(module: $module, values: $values) {
      id
      module
      displayName
      values
    }
  }
`);

export const UpdateRecordMutation = graphql(`
  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {
    updateRecord(module: $module, id: $id, values: $values) {
      id
      module
      displayName
      values
      owner {
        id
        name
        email
      }
      modifiedAt
    }
  }
`);

// ---- settings: users, roles, groups, API tokens ------------------------------------------

export const UsersQuery = graphql(`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          email
          name
          isAdmin
          active
          language
          role {
            id
            name
          }
        }
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      name
      isAdmin
      active
      role {
        id
        name
      }
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      name
      isAdmin
      active
      role {
        id
        name
      }
    }
  }
`);

export const RolesQuery = graphql(`
  query Roles {
    roles {
      id
      name
      parentId
    }
  }
`);

export const CreateRoleMutation = graphql(`
  mutation CreateRole($name: String!, $parentId: ID) {
    createRole(name: $name, parentId: $parentId) {
      id
      name
      parentId
    }
  }
`);

export const DeleteRoleMutation = graphql(`
  mutation DeleteRole($id: ID!) {
    deleteRole(id: $id)
  }
`);

export const GroupsQuery = graphql(`
  query Groups {
    groups {
      id
      name
      members {
        id
        name
        email
      }
    }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {
    createGroup(name: $name, memberIds: $memberIds) {
      id
      name
      members {
        id
        name
        email
      }
    }
  }
`);

export const SetGroupMembersMutation = graphql(`
  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {
    setGroupMembers(id: $id, memberIds: $memberIds) {
      id
      name
      members {
        id
        name
        email
      }
    }
  }
`);

export const DeleteGroupMutation = graphql(`
  mutation DeleteGroup($id: ID!) {
    deleteGroup(id: $id)
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!) {
    createApiToken(name: $name) {
      token
      apiToken {
        id
        name
        createdAt
        lastUsedAt
        expiresAt
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);

// ---- modules (all, with fields: merge-field pickers) -------------------------------------

export const ModulesQuery = graphql(`
  query Modules {
    modules {
      apiName
      label
      labelDe
      custom
      fields {
        apiName
        label
        labelDe
        fieldType
        lookupModule
      }
    }
  }
`);

// ---- messaging: conversations and messages -----------------------------------------------

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

// ---- predefined texts --------------------------------------------------------------------

export const PredefinedTextsQuery = graphql(`
  query PredefinedTexts($module: String, $search: String) {
    predefinedTexts(module: $module, search: $search) {
      id
      name
      module
      text
      snippet {
        ...SnippetFields
      }
    }
  }
`);

export const ReplyPreviewQuery = graphql(`
  query ReplyPreview($conversationId: ID!, $predefinedTextId: ID!) {
    replyPreview(conversationId: $conversationId, predefinedTextId: $predefinedTextId)
  }
`);

export const CreatePredefinedTextMutation = graphql(`
  mutation CreatePredefinedText($input: CreatePredefinedTextInput!) {
    createPredefinedText(input: $input) {
      id
      name
      module
      text
    }
  }
`);

export const UpdatePredefinedTextMutation = graphql(`
  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {
    updatePredefinedText(id: $id, name: $name, text: $text) {
      id
      name
      module
      text
    }
  }
`);

export const DeletePredefinedTextMutation = graphql(`
  mutation DeletePredefinedText($id: ID!) {
    deletePredefinedText(id: $id)
  }
`);

// ---- templates ---------------------------------------------------------------------------

export const TemplatesQuery = graphql(`
  query Templates($module: String) {
    templates(module: $module) {
      id
      name
      module
      language
      category
      body
      header
      footer
      status
      rejectionReason
      updatedAt
      sendable
      headerFormat
      headerFileName
      headerMimeType
      quality
    }
  }
`);

export const TemplatePreviewQuery = graphql(`
  query TemplatePreview($templateId: ID!, $module: String!, $recordId: ID!) {
    templatePreview(templateId: $templateId, module: $module, recordId: $recordId)
  }
`);

export const CreateTemplateMutation = graphql(`
  mutation CreateTemplate($input: CreateTemplateInput!) {
    createTemplate(input: $input) {
      id
      name
      module
      language
      category
      body
      header
      footer
      status
      rejectionReason
      updatedAt
      sendable
      headerFormat
      headerFileName
      headerMimeType
    }
  }
`);

export const UpdateTemplateMutation = graphql(`
  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {
    updateTemplate(id: $id, input: $input) {
      id
      name
      module
      language
      category
      body
      header
      footer
      status
      rejectionReason
      updatedAt
      sendable
      headerFormat
      headerFileName
      headerMimeType
    }
  }
`);

export const SyncTemplatesMutation = graphql(`
  mutation SyncTemplates {
    syncTemplates {
      id
    }
  }
`);

export const DeleteTemplateMutation = graphql(`
  mutation DeleteTemplate($id: ID!) {
    deleteTemplate(id: $id)
  }
`);

export const SendTemplateMutation = graphql(`
  mutation SendTemplate($input: SendTemplateInput!) {
    sendTemplate(input: $input) {
      ...MessageFields
      conversation {
        id
      }
    }
  }
`);

// ---- WhatsApp setup (administrators) -----------------------------------------------------

export const WhatsappProfilesQuery = graphql(`
  query WhatsappProfiles {
    whatsappProfiles {
      id
      nickname
      phoneNumberId
      displayPhoneNumber
      unknownSenders
      active
      qualityRating
      messagingLimit
      messagingLimitCount
    }
  }
`);

export const AllWhatsappProfilesQuery = graphql(`
  query AllWhatsappProfiles {
    allWhatsappProfiles {
      id
      nickname
      phoneNumberId
      displayPhoneNumber
      unknownSenders
      active
      userIds
      groupIds
      roleIds
    }
  }
`);

export const WhatsappAccountQuery = graphql(`
  query WhatsappAccount {
    whatsappAccount {
      wabaId
      webhookPath
    }
  }
`);

export const WhatsappNumbersQuery = graphql(`
  query WhatsappNumbers {
    whatsappNumbers {
      id
      displayPhoneNumber
      verifiedName
      verified
      registered
      eligible
      ineligibleReason
      linkedProfileId
    }
  }
`);

export const UpdateWhatsappProfileMutation = graphql(`
  mutation UpdateWhatsappProfile($id: ID!, $input: UpdateWhatsappProfileInput!) {
    updateWhatsappProfile(id: $id, input: $input) {
      id
      nickname
      unknownSenders
      userIds
      groupIds
      roleIds
    }
  }
`);

export const SetWhatsappProfileActiveMutation = graphql(`
  mutation SetWhatsappProfileActive($id: ID!, $active: Boolean!) {
    setWhatsappProfileActive(id: $id, active: $active) {
      id
      active
    }
  }
`);

export const ConnectWhatsappMutation = graphql(`
  mutation ConnectWhatsapp($input: ConnectWhatsappInput!) {
    connectWhatsapp(input: $input) {
      wabaId
      webhookPath
    }
  }
`);

export const RegisterWhatsappNumberMutation = graphql(`
  mutation RegisterWhatsappNumber($phoneNumberId: String!, $pin: String!) {
    registerWhatsappNumber(phoneNumberId: $phoneNumberId, pin: $pin)
  }
`);

export const CreateWhatsappProfileMutation = graphql(`
  mutation CreateWhatsappProfile($input: CreateWhatsappProfileInput!) {
    createWhatsappProfile(input: $input) {
      id
      nickname
      phoneNumberId
      displayPhoneNumber
      unknownSenders
      active
      userIds
      groupIds
      roleIds
    }
  }
`);

export const DeactivateWhatsappMutation = graphql(`
  mutation DeactivateWhatsapp {
    deactivateWhatsapp
  }
`);

// ---- activities, documents, import/export ------------------------------------------------

export const ActivityFieldsFragment = graphql(`
  fragment ActivityFields on Activity {
    id
    kind
    module
    recordId
    subject
    description
    status
    dueAt
    startAt
    endAt
    owner {
      id
      name
    }
    createdAt
    modifiedAt
  }
`);

export const ActivitiesQuery = graphql(`
  query Activities($module: String!, $recordId: ID!) {
    activities(module: $module, recordId: $recordId) {
      ...ActivityFields
    }
  }
`);

export const CreateActivityMutation = graphql(`
  mutation CreateActivity($module: String!, $recordId: ID!, $input: CreateActivityInput!) {
    createActivity(module: $module, recordId: $recordId, input: $input) {
      ...ActivityFields
    }
  }
`);

export const UpdateActivityMutation = graphql(`
  mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) {
    updateActivity(id: $id, input: $input) {
      ...ActivityFields
    }
  }
`);

export const DeleteActivityMutation = graphql(`
  mutation DeleteActivity($id: ID!) {
    deleteActivity(id: $id)
  }
`);

export const DocumentsQuery = graphql(`
  query Documents($module: String!, $recordId: ID!) {
    documents(module: $module, recordId: $recordId) {
      id
      module
      recordId
      number
      version
      fileName
      size
      url
      createdAt
    }
  }
`);

export const GenerateDocumentMutation = graphql(`
  mutation GenerateDocument($module: String!, $recordId: ID!) {
    generateDocument(module: $module, recordId: $recordId) {
      id
      module
      recordId
      fileName
      size
      url
      createdAt
    }
  }
`);

export const ExportRecordsQuery = graphql(`
  query ExportRecords($module: String!, $search: String) {
    exportRecords(module: $module, search: $search)
  }
`);

export const ImportRecordsMutation = graphql(`
  mutation ImportRecords($module: String!, $csv: String!) {
    importRecords(module: $module, csv: $csv) {
      created
      errors {
        row
        field
        message
      }
    }
  }
`);

// ---- modules and custom fields (administrators) ------------------------------------------

export const ModulesAdminQuery = graphql(`
  query ModulesAdmin {
    modules {
      apiName
      label
      labelDe
      custom
      fields {
        apiName
        label
        labelDe
        fieldType
        required
        options
        lookupModule
        custom
      }
    }
  }
`);

export const CreateCustomFieldMutation = graphql(`
  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {
    createCustomField(module: $module, input: $input) {
      apiName
      label
      labelDe
      fieldType
      required
      options
      lookupModule
      custom
    }
  }
`);

export const DeleteCustomFieldMutation = graphql(`
  mutation DeleteCustomField($module: String!, $apiName: String!) {
    deleteCustomField(module: $module, apiName: $apiName)
  }
`);

export const CreateCustomModuleMutation = graphql(`
  mutation CreateCustomModule($apiName: String!, $label: String!, $labelDe: String) {
    createCustomModule(apiName: $apiName, label: $label, labelDe: $labelDe) {
      apiName
      label
      labelDe
      custom
    }
  }
`);

// ---- credits (F4–F6) ----------------------------------------------------------------------

export const WalletQuery = graphql(`
  query Wallet {
    wallet {
      balance
      held
      available
      currency
      pricingModel
      canBuy
      autoRecharge {
        enabled
        minBalance
        amount
      }
    }
  }
`);

export const LedgerQuery = graphql(`
  query Ledger($first: Int, $after: String) {
    ledger(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          kind
          amount
          balanceAfter
          category
          country
          note
          message {
            id
            conversation {
              id
            }
          }
        }
      }
    }
  }
`);

export const SendCostQuery = graphql(`
  query SendCost($input: SendTemplateInput!) {
    sendCost(input: $input) {
      amount
      currency
      category
      country
      billable
      reason
    }
  }
`);

export const BuyCreditsMutation = graphql(`
  mutation BuyCredits($amount: String!) {
    buyCredits(amount: $amount) {
      id
      amount
      currency
      status
    }
  }
`);

export const ConfirmPaymentMutation = graphql(`
  mutation ConfirmPayment($id: ID!) {
    confirmPayment(id: $id) {
      id
      amount
      status
    }
  }
`);

export const SetAutoRechargeMutation = graphql(`
  mutation SetAutoRecharge($input: AutoRechargeInput!) {
    setAutoRecharge(input: $input) {
      balance
      autoRecharge {
        enabled
        minBalance
        amount
      }
    }
  }
`);

export const AdjustCreditsMutation = graphql(`
  mutation AdjustCredits($amount: String!, $note: String!) {
    adjustCredits(amount: $amount, note: $note) {
      balance
    }
  }
`);

export const RecordTopUpMutation = graphql(`
  mutation RecordTopUp($amount: String!, $reference: String!) {
    recordTopUp(amount: $amount, reference: $reference) {
      balance
    }
  }
`);

// ---- consent (N8) and broadcasts (N10) -------------------------------------------------------

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

// ---- consent keywords (N8), audit log (N11), outgoing webhooks (N7) --------------------------

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
      name
      address
      email
      phone
      website
      taxId
      currency
    }
  }
`);

export const SetCompanySettingsMutation = graphql(`
  mutation SetCompanySettings($input: CompanySettingsInput!) {
    setCompanySettings(input: $input) {
      name
      address
      email
      phone
      website
      taxId
      currency
    }
  }
`);
