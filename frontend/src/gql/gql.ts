/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ActionFields on Action {\n    kind\n    templateId\n    profileId\n    phoneField\n    field\n    value\n    subject\n    dueInDays\n    url\n    hasSecret\n  }\n": typeof types.ActionFieldsFragmentDoc,
    "\n  fragment RunFields on AutomationRun {\n    id\n    at\n    module\n    recordId\n    ok\n    detail\n  }\n": typeof types.RunFieldsFragmentDoc,
    "\n  query WorkflowRules {\n    workflowRules {\n      id\n      name\n      module\n      active\n      runs\n      trigger\n      field\n      conditions {\n        field\n        op\n        value\n      }\n      actions {\n        ...ActionFields\n      }\n      delayMinutes\n      status\n      pausedReason\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": typeof types.WorkflowRulesDocument,
    "\n  mutation CreateWorkflowRule($input: WorkflowRuleInput!) {\n    createWorkflowRule(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateWorkflowRuleDocument,
    "\n  mutation UpdateWorkflowRule($id: ID!, $input: WorkflowRuleInput!) {\n    updateWorkflowRule(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.UpdateWorkflowRuleDocument,
    "\n  mutation SetWorkflowRuleActive($id: ID!, $active: Boolean!) {\n    setWorkflowRuleActive(id: $id, active: $active) {\n      id\n      active\n      status\n      pausedReason\n    }\n  }\n": typeof types.SetWorkflowRuleActiveDocument,
    "\n  mutation DeleteWorkflowRule($id: ID!) {\n    deleteWorkflowRule(id: $id)\n  }\n": typeof types.DeleteWorkflowRuleDocument,
    "\n  query Blueprints {\n    blueprints {\n      id\n      name\n      module\n      field\n      states\n      transitions {\n        name\n        from\n        to\n        actions {\n          ...ActionFields\n        }\n      }\n      runs\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": typeof types.BlueprintsDocument,
    "\n  mutation CreateBlueprint($input: BlueprintInput!) {\n    createBlueprint(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateBlueprintDocument,
    "\n  mutation UpdateBlueprint($id: ID!, $input: BlueprintInput!) {\n    updateBlueprint(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.UpdateBlueprintDocument,
    "\n  mutation DeleteBlueprint($id: ID!) {\n    deleteBlueprint(id: $id)\n  }\n": typeof types.DeleteBlueprintDocument,
    "\n  query Journeys {\n    journeys {\n      id\n      name\n      module\n      active\n      trigger\n      conditions {\n        field\n        op\n        value\n      }\n      steps {\n        key\n        kind\n        action {\n          ...ActionFields\n        }\n        waitMinutes\n        next\n        onReply\n        onNoReply\n      }\n      enrolled\n      inProgress\n      completed\n      failures\n      lastError\n      enrollments(first: 100) {\n        module\n        recordId\n        status\n        step\n        waitingUntil\n        waitingForReply\n        enrolledAt\n        finishedAt\n        path {\n          step\n          at\n          note\n        }\n      }\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": typeof types.JourneysDocument,
    "\n  mutation CreateJourney($input: JourneyInput!) {\n    createJourney(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateJourneyDocument,
    "\n  mutation UpdateJourney($id: ID!, $input: JourneyInput!) {\n    updateJourney(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.UpdateJourneyDocument,
    "\n  mutation SetJourneyActive($id: ID!, $active: Boolean!) {\n    setJourneyActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetJourneyActiveDocument,
    "\n  mutation AdvanceClock($minutes: Int!) {\n    advanceClock(minutes: $minutes)\n  }\n": typeof types.AdvanceClockDocument,
    "\n  query AvailableTransitions($module: String!, $recordId: ID!) {\n    availableTransitions(module: $module, recordId: $recordId) {\n      blueprintId\n      blueprint\n      field\n      name\n      from\n      to\n    }\n  }\n": typeof types.AvailableTransitionsDocument,
    "\n  mutation TransitionRecord($module: String!, $recordId: ID!, $transition: String!) {\n    transitionRecord(module: $module, recordId: $recordId, transition: $transition) {\n      id\n      values\n      modifiedAt\n    }\n  }\n": typeof types.TransitionRecordDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    createdAt\n    lastUsedAt\n    expiresAt\n  }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    members {\n      id\n      name\n      email\n    }\n  }\n": typeof types.GroupFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.RolesDocument,
    "\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.CreateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": typeof types.DeleteRoleDocument,
    "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n": typeof types.SetGroupMembersDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": typeof types.DeleteGroupDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment ActivityFields on Activity {\n    id\n    kind\n    module\n    recordId\n    subject\n    description\n    status\n    dueAt\n    startAt\n    endAt\n    owner {\n      id\n      name\n    }\n    createdAt\n    modifiedAt\n  }\n": typeof types.ActivityFieldsFragmentDoc,
    "\n  query Activities($module: String!, $recordId: ID!) {\n    activities(module: $module, recordId: $recordId) {\n      ...ActivityFields\n    }\n  }\n": typeof types.ActivitiesDocument,
    "\n  mutation CreateActivity($module: String!, $recordId: ID!, $input: CreateActivityInput!) {\n    createActivity(module: $module, recordId: $recordId, input: $input) {\n      ...ActivityFields\n    }\n  }\n": typeof types.CreateActivityDocument,
    "\n  mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) {\n    updateActivity(id: $id, input: $input) {\n      ...ActivityFields\n    }\n  }\n": typeof types.UpdateActivityDocument,
    "\n  mutation DeleteActivity($id: ID!) {\n    deleteActivity(id: $id)\n  }\n": typeof types.DeleteActivityDocument,
    "\n  query Documents($module: String!, $recordId: ID!) {\n    documents(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      number\n      version\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n": typeof types.DocumentsDocument,
    "\n  mutation GenerateDocument($module: String!, $recordId: ID!) {\n    generateDocument(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n": typeof types.GenerateDocumentDocument,
    "\n  query ExportRecords($module: String!, $search: String) {\n    exportRecords(module: $module, search: $search)\n  }\n": typeof types.ExportRecordsDocument,
    "\n  mutation ImportRecords($module: String!, $csv: String!) {\n    importRecords(module: $module, csv: $csv) {\n      created\n      errors {\n        row\n        field\n        message\n      }\n    }\n  }\n": typeof types.ImportRecordsDocument,
    "\n  query RecordConsent($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      whatsappOptOut\n      consent {\n        optedOut\n        scope\n        keywordOptedOut\n        marketingOptedOut\n        events {\n          at\n          optedOut\n          scope\n          source\n          messageId\n          text\n        }\n      }\n    }\n  }\n": typeof types.RecordConsentDocument,
    "\n  query BroadcastCost($input: BroadcastInput!) {\n    broadcastCost(input: $input) {\n      recipients\n      skipped\n      total\n      currency\n      byCountry {\n        country\n        recipients\n        total\n      }\n      skippedReasons {\n        reason\n        count\n      }\n      skippedRecipients(first: 200) {\n        recordId\n        name\n        waId\n        skipReason\n      }\n      tier\n      tierLimit\n      tierUsed\n      tierNew\n      withinTier\n      qualityRating\n    }\n  }\n": typeof types.BroadcastCostDocument,
    "\n  mutation CreateBroadcast($input: BroadcastInput!) {\n    createBroadcast(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CreateBroadcastDocument,
    "\n  query Broadcasts($first: Int, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          status\n          module\n          templateName\n          recipients\n          sent\n          delivered\n          read\n          failed\n          skipped\n          total\n          currency\n          createdAt\n          finishedAt\n        }\n      }\n    }\n  }\n": typeof types.BroadcastsDocument,
    "\n  query Broadcast($id: ID!, $first: Int, $after: String) {\n    broadcast(id: $id) {\n      id\n      name\n      status\n      pauseReason\n      module\n      templateName\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n        qualityRating\n        messagingLimit\n      }\n      recipients\n      pending\n      queued\n      sent\n      delivered\n      read\n      failed\n      skipped\n      cancelled\n      total\n      currency\n      createdAt\n      finishedAt\n      recipientList(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            recordId\n            name\n            waId\n            country\n            price\n            status\n            skipReason\n            errorCode\n            errorMessage\n          }\n        }\n      }\n    }\n  }\n": typeof types.BroadcastDocument,
    "\n  mutation PauseBroadcast($id: ID!) {\n    pauseBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.PauseBroadcastDocument,
    "\n  mutation ResumeBroadcast($id: ID!) {\n    resumeBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ResumeBroadcastDocument,
    "\n  mutation CancelBroadcast($id: ID!) {\n    cancelBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CancelBroadcastDocument,
    "\n  query Wallet {\n    wallet {\n      balance\n      held\n      available\n      currency\n      pricingModel\n      canBuy\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n": typeof types.WalletDocument,
    "\n  query Ledger($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          kind\n          amount\n          balanceAfter\n          category\n          country\n          note\n          message {\n            id\n            conversation {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.LedgerDocument,
    "\n  query SendCost($input: SendTemplateInput!) {\n    sendCost(input: $input) {\n      amount\n      currency\n      category\n      country\n      billable\n      reason\n    }\n  }\n": typeof types.SendCostDocument,
    "\n  mutation BuyCredits($amount: String!) {\n    buyCredits(amount: $amount) {\n      id\n      amount\n      currency\n      status\n    }\n  }\n": typeof types.BuyCreditsDocument,
    "\n  mutation ConfirmPayment($id: ID!) {\n    confirmPayment(id: $id) {\n      id\n      amount\n      status\n    }\n  }\n": typeof types.ConfirmPaymentDocument,
    "\n  mutation SetAutoRecharge($input: AutoRechargeInput!) {\n    setAutoRecharge(input: $input) {\n      balance\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n": typeof types.SetAutoRechargeDocument,
    "\n  mutation AdjustCredits($amount: String!, $note: String!) {\n    adjustCredits(amount: $amount, note: $note) {\n      balance\n    }\n  }\n": typeof types.AdjustCreditsDocument,
    "\n  mutation RecordTopUp($amount: String!, $reference: String!) {\n    recordTopUp(amount: $amount, reference: $reference) {\n      balance\n    }\n  }\n": typeof types.RecordTopUpDocument,
    "\n  fragment MessageFields on Message {\n    id\n    wamid\n    direction\n    type\n    text\n    status\n    timestamp\n    errorCode\n    errorMessage\n    templateId\n    replyToId\n    sentBy {\n      id\n      name\n    }\n    attachment {\n      ...AttachmentFields\n    }\n    reactions {\n      emoji\n      fromCustomer\n    }\n    replyTo {\n      id\n      type\n      text\n      direction\n      attachment {\n        fileName\n      }\n    }\n    editedAt\n    edits {\n      text\n      replacedAt\n    }\n    deletedAt\n    location {\n      latitude\n      longitude\n      name\n      address\n      mapUrl\n    }\n    contacts {\n      name\n      firstName\n      lastName\n      phones {\n        phone\n        waId\n        type\n      }\n      emails\n      company\n    }\n    chosenOption {\n      id\n      title\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  fragment AttachmentFields on Attachment {\n    fileName\n    mimeType\n    size\n    url\n    previewUrl\n    status\n    unavailableReason\n    kind\n    source\n    messageId\n    direction\n    at\n    failed\n  }\n": typeof types.AttachmentFieldsFragmentDoc,
    "\n  query ConversationAttachments($id: ID!) {\n    conversation(id: $id) {\n      id\n      attachments {\n        ...AttachmentFields\n      }\n    }\n  }\n": typeof types.ConversationAttachmentsDocument,
    "\n  query AttachableDocuments($conversationId: ID!) {\n    attachableDocuments(conversationId: $conversationId) {\n      module\n      record {\n        id\n        module\n        displayName\n      }\n      documents {\n        id\n        fileName\n        size\n        url\n        createdAt\n      }\n    }\n  }\n": typeof types.AttachableDocumentsDocument,
    "\n  mutation ReactToMessage($messageId: ID!, $emoji: String!) {\n    reactToMessage(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        fromCustomer\n      }\n    }\n  }\n": typeof types.ReactToMessageDocument,
    "\n  fragment SnippetFields on Snippet {\n    fragment\n    highlights {\n      start\n      end\n    }\n  }\n": typeof types.SnippetFieldsFragmentDoc,
    "\n  query Conversations($filter: ConversationFilter, $search: String, $first: Int, $after: String) {\n    conversations(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerWaId\n          customerName\n          windowOpen\n          windowExpiresAt\n          channelActive\n          lastMessageAt\n          profile {\n            id\n            nickname\n            displayPhoneNumber\n          }\n          record {\n            id\n            module\n            displayName\n          }\n          lastMessage {\n            id\n            direction\n            type\n            text\n            status\n            timestamp\n          }\n          snippet {\n            ...SnippetFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query Conversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      customerWaId\n      customerName\n      windowOpen\n      windowExpiresAt\n      channelActive\n      lastMessageAt\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n      }\n      record {\n        id\n        module\n        displayName\n        values\n      }\n    }\n  }\n": typeof types.ConversationDocument,
    "\n  query ConversationMessages($conversationId: ID!, $first: Int) {\n    messages(filter: { conversationId: $conversationId }, first: $first) {\n      totalCount\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n": typeof types.ConversationMessagesDocument,
    "\n  query MessageList($filter: MessageFilter, $search: String, $first: Int, $after: String) {\n    messages(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        type\n        text\n        status\n        timestamp\n        repliedAt\n        repliedBy {\n          id\n          name\n        }\n        sentBy {\n          id\n          name\n        }\n        attachment {\n          fileName\n          mimeType\n        }\n        snippet {\n          ...SnippetFields\n        }\n        customerSnippet {\n          ...SnippetFields\n        }\n        conversation {\n          id\n          customerWaId\n          customerName\n          profile {\n            id\n            nickname\n          }\n        }\n        record {\n          id\n          module\n          displayName\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.MessageListDocument,
    "\n  fragment MessageViewFields on MessageView {\n    id\n    name\n    shared\n    mine\n    owner {\n      id\n      name\n    }\n    filter\n  }\n": typeof types.MessageViewFieldsFragmentDoc,
    "\n  query MessageViews {\n    messageViews {\n      ...MessageViewFields\n    }\n  }\n": typeof types.MessageViewsDocument,
    "\n  mutation SaveMessageView($input: SaveMessageViewInput!) {\n    saveMessageView(input: $input) {\n      ...MessageViewFields\n    }\n  }\n": typeof types.SaveMessageViewDocument,
    "\n  mutation DeleteMessageView($id: ID!) {\n    deleteMessageView(id: $id)\n  }\n": typeof types.DeleteMessageViewDocument,
    "\n  subscription MessageEvents {\n    messageEvents {\n      kind\n      message {\n        id\n        direction\n        status\n        conversation {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MessageEventsDocument,
    "\n  mutation SendReply($input: SendReplyInput!) {\n    sendReply(input: $input) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendReplyDocument,
    "\n  fragment RecordFields on Record {\n    id\n    module\n    displayName\n    values\n    lookups {\n      field\n      module\n      id\n      name\n    }\n  }\n": typeof types.RecordFieldsFragmentDoc,
    "\n  fragment FieldFields on Field {\n    apiName\n    label\n    labelDe\n    fieldType\n    required\n    options\n    lookupModule\n    custom\n  }\n": typeof types.FieldFieldsFragmentDoc,
    "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        optionsDe\n        lookupModule\n        custom\n      }\n    }\n  }\n": typeof types.ModuleDocument,
    "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RecordFields\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n": typeof types.RecordsDocument,
    "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      ...RecordFields\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n": typeof types.RecordDocument,
    "\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n": typeof types.CreateRecordDocument,
    "\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n": typeof types.UpdateRecordDocument,
    "\n  query Modules {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        lookupModule\n      }\n    }\n  }\n": typeof types.ModulesDocument,
    "\n  query ModulesAdmin {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        ...FieldFields\n      }\n    }\n  }\n": typeof types.ModulesAdminDocument,
    "\n  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {\n    createCustomField(module: $module, input: $input) {\n      ...FieldFields\n    }\n  }\n": typeof types.CreateCustomFieldDocument,
    "\n  mutation DeleteCustomField($module: String!, $apiName: String!) {\n    deleteCustomField(module: $module, apiName: $apiName)\n  }\n": typeof types.DeleteCustomFieldDocument,
    "\n  mutation CreateCustomModule($apiName: String!, $label: String!, $labelDe: String) {\n    createCustomModule(apiName: $apiName, label: $label, labelDe: $labelDe) {\n      apiName\n      label\n      labelDe\n      custom\n    }\n  }\n": typeof types.CreateCustomModuleDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      messageAlerts\n      welcomeDismissed\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation SetMessageAlerts($enabled: Boolean!) {\n    setMessageAlerts(enabled: $enabled) {\n      id\n      messageAlerts\n    }\n  }\n": typeof types.SetMessageAlertsDocument,
    "\n  mutation DismissWelcome($dismissed: Boolean!) {\n    dismissWelcome(dismissed: $dismissed) {\n      id\n      welcomeDismissed\n    }\n  }\n": typeof types.DismissWelcomeDocument,
    "\n  query Home($since: DateTime) {\n    home(since: $since) {\n      unansweredCount\n      unanswered {\n        id\n        customerName\n        customerWaId\n        windowOpen\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n        lastMessage {\n          id\n          text\n          type\n          timestamp\n        }\n      }\n      closingSoon {\n        id\n        customerName\n        customerWaId\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n      }\n      signalsCount\n      signals {\n        id\n        text\n        type\n        timestamp\n        conversation {\n          id\n          customerName\n          customerWaId\n        }\n      }\n      templatesInReview {\n        id\n        name\n        language\n      }\n      templatesRejected {\n        id\n        name\n        language\n        rejectionReason\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n": typeof types.SetLanguageDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  fragment CompanySettingsFields on CompanySettings {\n    name\n    address\n    email\n    phone\n    website\n    taxId\n    currency\n  }\n": typeof types.CompanySettingsFieldsFragmentDoc,
    "\n  query ConsentKeywords {\n    consentKeywords {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n": typeof types.ConsentKeywordsDocument,
    "\n  mutation SetConsentKeywords($optOut: [String!]!, $optIn: [String!]!) {\n    setConsentKeywords(optOut: $optOut, optIn: $optIn) {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n": typeof types.SetConsentKeywordsDocument,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          actor {\n            id\n            name\n            email\n          }\n          actorEmail\n          action\n          subject\n          detail\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditLogCsv($filter: AuditFilter) {\n    auditLogCsv(filter: $filter)\n  }\n": typeof types.AuditLogCsvDocument,
    "\n  query AuditFilterOptions {\n    auditActions\n    users(first: 200) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.AuditFilterOptionsDocument,
    "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      id\n      url\n      events\n      active\n      createdAt\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n    webhookEvents\n  }\n": typeof types.WebhookSubscriptionsDocument,
    "\n  query WebhookDeliveries($first: Int) {\n    webhookSubscriptions {\n      id\n      deliveries(first: $first) {\n        id\n        event\n        createdAt\n        status\n        statusCode\n        attempts {\n          at\n          statusCode\n          error\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookSubscription($url: String!, $events: [String!]!) {\n    createWebhookSubscription(url: $url, events: $events) {\n      id\n      url\n      events\n      secret\n    }\n  }\n": typeof types.CreateWebhookSubscriptionDocument,
    "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id)\n  }\n": typeof types.DeleteWebhookSubscriptionDocument,
    "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) {\n    setWebhookSubscriptionActive(id: $id, active: $active) {\n      id\n      active\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n  }\n": typeof types.SetWebhookSubscriptionActiveDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      id\n      event\n      status\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  query CompanySettings {\n    companySettings {\n      ...CompanySettingsFields\n    }\n  }\n": typeof types.CompanySettingsDocument,
    "\n  mutation SetCompanySettings($input: CompanySettingsInput!) {\n    setCompanySettings(input: $input) {\n      ...CompanySettingsFields\n    }\n  }\n": typeof types.SetCompanySettingsDocument,
    "\n  fragment TemplateFields on Template {\n    id\n    name\n    module\n    language\n    category\n    body\n    header\n    footer\n    status\n    rejectionReason\n    updatedAt\n    sendable\n    headerFormat\n    headerFileName\n    headerMimeType\n  }\n": typeof types.TemplateFieldsFragmentDoc,
    "\n  fragment PredefinedTextFields on PredefinedText {\n    id\n    name\n    module\n    text\n  }\n": typeof types.PredefinedTextFieldsFragmentDoc,
    "\n  query PredefinedTexts($module: String, $search: String) {\n    predefinedTexts(module: $module, search: $search) {\n      ...PredefinedTextFields\n      snippet {\n        ...SnippetFields\n      }\n    }\n  }\n": typeof types.PredefinedTextsDocument,
    "\n  query ReplyPreview($conversationId: ID!, $predefinedTextId: ID!) {\n    replyPreview(conversationId: $conversationId, predefinedTextId: $predefinedTextId)\n  }\n": typeof types.ReplyPreviewDocument,
    "\n  mutation CreatePredefinedText($input: CreatePredefinedTextInput!) {\n    createPredefinedText(input: $input) {\n      ...PredefinedTextFields\n    }\n  }\n": typeof types.CreatePredefinedTextDocument,
    "\n  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {\n    updatePredefinedText(id: $id, name: $name, text: $text) {\n      ...PredefinedTextFields\n    }\n  }\n": typeof types.UpdatePredefinedTextDocument,
    "\n  mutation DeletePredefinedText($id: ID!) {\n    deletePredefinedText(id: $id)\n  }\n": typeof types.DeletePredefinedTextDocument,
    "\n  query Templates($module: String) {\n    templates(module: $module) {\n      ...TemplateFields\n      quality\n    }\n  }\n": typeof types.TemplatesDocument,
    "\n  query TemplatePreview($templateId: ID!, $module: String!, $recordId: ID!) {\n    templatePreview(templateId: $templateId, module: $module, recordId: $recordId)\n  }\n": typeof types.TemplatePreviewDocument,
    "\n  mutation CreateTemplate($input: CreateTemplateInput!) {\n    createTemplate(input: $input) {\n      ...TemplateFields\n    }\n  }\n": typeof types.CreateTemplateDocument,
    "\n  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {\n    updateTemplate(id: $id, input: $input) {\n      ...TemplateFields\n    }\n  }\n": typeof types.UpdateTemplateDocument,
    "\n  mutation SyncTemplates {\n    syncTemplates {\n      id\n    }\n  }\n": typeof types.SyncTemplatesDocument,
    "\n  mutation DeleteTemplate($id: ID!) {\n    deleteTemplate(id: $id)\n  }\n": typeof types.DeleteTemplateDocument,
    "\n  mutation SendTemplate($input: SendTemplateInput!) {\n    sendTemplate(input: $input) {\n      ...MessageFields\n      conversation {\n        id\n      }\n    }\n  }\n": typeof types.SendTemplateDocument,
    "\n  fragment WhatsappProfileFields on WhatsappProfile {\n    id\n    nickname\n    phoneNumberId\n    displayPhoneNumber\n    unknownSenders\n    active\n    userIds\n    groupIds\n    roleIds\n  }\n": typeof types.WhatsappProfileFieldsFragmentDoc,
    "\n  query WhatsappProfiles {\n    whatsappProfiles {\n      id\n      nickname\n      phoneNumberId\n      displayPhoneNumber\n      unknownSenders\n      active\n      qualityRating\n      messagingLimit\n      messagingLimitCount\n    }\n  }\n": typeof types.WhatsappProfilesDocument,
    "\n  query AllWhatsappProfiles {\n    allWhatsappProfiles {\n      ...WhatsappProfileFields\n    }\n  }\n": typeof types.AllWhatsappProfilesDocument,
    "\n  query WhatsappAccount {\n    whatsappAccount {\n      wabaId\n      webhookPath\n    }\n  }\n": typeof types.WhatsappAccountDocument,
    "\n  query WhatsappNumbers {\n    whatsappNumbers {\n      id\n      displayPhoneNumber\n      verifiedName\n      verified\n      registered\n      eligible\n      ineligibleReason\n      linkedProfileId\n    }\n  }\n": typeof types.WhatsappNumbersDocument,
    "\n  mutation UpdateWhatsappProfile($id: ID!, $input: UpdateWhatsappProfileInput!) {\n    updateWhatsappProfile(id: $id, input: $input) {\n      id\n      nickname\n      unknownSenders\n      userIds\n      groupIds\n      roleIds\n    }\n  }\n": typeof types.UpdateWhatsappProfileDocument,
    "\n  mutation SetWhatsappProfileActive($id: ID!, $active: Boolean!) {\n    setWhatsappProfileActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetWhatsappProfileActiveDocument,
    "\n  mutation ConnectWhatsapp($input: ConnectWhatsappInput!) {\n    connectWhatsapp(input: $input) {\n      wabaId\n      webhookPath\n    }\n  }\n": typeof types.ConnectWhatsappDocument,
    "\n  mutation RegisterWhatsappNumber($phoneNumberId: String!, $pin: String!) {\n    registerWhatsappNumber(phoneNumberId: $phoneNumberId, pin: $pin)\n  }\n": typeof types.RegisterWhatsappNumberDocument,
    "\n  mutation CreateWhatsappProfile($input: CreateWhatsappProfileInput!) {\n    createWhatsappProfile(input: $input) {\n      ...WhatsappProfileFields\n    }\n  }\n": typeof types.CreateWhatsappProfileDocument,
    "\n  mutation DeactivateWhatsapp {\n    deactivateWhatsapp\n  }\n": typeof types.DeactivateWhatsappDocument,
};
const documents: Documents = {
    "\n  fragment ActionFields on Action {\n    kind\n    templateId\n    profileId\n    phoneField\n    field\n    value\n    subject\n    dueInDays\n    url\n    hasSecret\n  }\n": types.ActionFieldsFragmentDoc,
    "\n  fragment RunFields on AutomationRun {\n    id\n    at\n    module\n    recordId\n    ok\n    detail\n  }\n": types.RunFieldsFragmentDoc,
    "\n  query WorkflowRules {\n    workflowRules {\n      id\n      name\n      module\n      active\n      runs\n      trigger\n      field\n      conditions {\n        field\n        op\n        value\n      }\n      actions {\n        ...ActionFields\n      }\n      delayMinutes\n      status\n      pausedReason\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": types.WorkflowRulesDocument,
    "\n  mutation CreateWorkflowRule($input: WorkflowRuleInput!) {\n    createWorkflowRule(input: $input) {\n      id\n    }\n  }\n": types.CreateWorkflowRuleDocument,
    "\n  mutation UpdateWorkflowRule($id: ID!, $input: WorkflowRuleInput!) {\n    updateWorkflowRule(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.UpdateWorkflowRuleDocument,
    "\n  mutation SetWorkflowRuleActive($id: ID!, $active: Boolean!) {\n    setWorkflowRuleActive(id: $id, active: $active) {\n      id\n      active\n      status\n      pausedReason\n    }\n  }\n": types.SetWorkflowRuleActiveDocument,
    "\n  mutation DeleteWorkflowRule($id: ID!) {\n    deleteWorkflowRule(id: $id)\n  }\n": types.DeleteWorkflowRuleDocument,
    "\n  query Blueprints {\n    blueprints {\n      id\n      name\n      module\n      field\n      states\n      transitions {\n        name\n        from\n        to\n        actions {\n          ...ActionFields\n        }\n      }\n      runs\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": types.BlueprintsDocument,
    "\n  mutation CreateBlueprint($input: BlueprintInput!) {\n    createBlueprint(input: $input) {\n      id\n    }\n  }\n": types.CreateBlueprintDocument,
    "\n  mutation UpdateBlueprint($id: ID!, $input: BlueprintInput!) {\n    updateBlueprint(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.UpdateBlueprintDocument,
    "\n  mutation DeleteBlueprint($id: ID!) {\n    deleteBlueprint(id: $id)\n  }\n": types.DeleteBlueprintDocument,
    "\n  query Journeys {\n    journeys {\n      id\n      name\n      module\n      active\n      trigger\n      conditions {\n        field\n        op\n        value\n      }\n      steps {\n        key\n        kind\n        action {\n          ...ActionFields\n        }\n        waitMinutes\n        next\n        onReply\n        onNoReply\n      }\n      enrolled\n      inProgress\n      completed\n      failures\n      lastError\n      enrollments(first: 100) {\n        module\n        recordId\n        status\n        step\n        waitingUntil\n        waitingForReply\n        enrolledAt\n        finishedAt\n        path {\n          step\n          at\n          note\n        }\n      }\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n": types.JourneysDocument,
    "\n  mutation CreateJourney($input: JourneyInput!) {\n    createJourney(input: $input) {\n      id\n    }\n  }\n": types.CreateJourneyDocument,
    "\n  mutation UpdateJourney($id: ID!, $input: JourneyInput!) {\n    updateJourney(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.UpdateJourneyDocument,
    "\n  mutation SetJourneyActive($id: ID!, $active: Boolean!) {\n    setJourneyActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetJourneyActiveDocument,
    "\n  mutation AdvanceClock($minutes: Int!) {\n    advanceClock(minutes: $minutes)\n  }\n": types.AdvanceClockDocument,
    "\n  query AvailableTransitions($module: String!, $recordId: ID!) {\n    availableTransitions(module: $module, recordId: $recordId) {\n      blueprintId\n      blueprint\n      field\n      name\n      from\n      to\n    }\n  }\n": types.AvailableTransitionsDocument,
    "\n  mutation TransitionRecord($module: String!, $recordId: ID!, $transition: String!) {\n    transitionRecord(module: $module, recordId: $recordId, transition: $transition) {\n      id\n      values\n      modifiedAt\n    }\n  }\n": types.TransitionRecordDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    createdAt\n    lastUsedAt\n    expiresAt\n  }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    members {\n      id\n      name\n      email\n    }\n  }\n": types.GroupFieldsFragmentDoc,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n": types.RolesDocument,
    "\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n": types.CreateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": types.DeleteRoleDocument,
    "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n": types.GroupsDocument,
    "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n": types.SetGroupMembersDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": types.DeleteGroupDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": types.RevokeApiTokenDocument,
    "\n  fragment ActivityFields on Activity {\n    id\n    kind\n    module\n    recordId\n    subject\n    description\n    status\n    dueAt\n    startAt\n    endAt\n    owner {\n      id\n      name\n    }\n    createdAt\n    modifiedAt\n  }\n": types.ActivityFieldsFragmentDoc,
    "\n  query Activities($module: String!, $recordId: ID!) {\n    activities(module: $module, recordId: $recordId) {\n      ...ActivityFields\n    }\n  }\n": types.ActivitiesDocument,
    "\n  mutation CreateActivity($module: String!, $recordId: ID!, $input: CreateActivityInput!) {\n    createActivity(module: $module, recordId: $recordId, input: $input) {\n      ...ActivityFields\n    }\n  }\n": types.CreateActivityDocument,
    "\n  mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) {\n    updateActivity(id: $id, input: $input) {\n      ...ActivityFields\n    }\n  }\n": types.UpdateActivityDocument,
    "\n  mutation DeleteActivity($id: ID!) {\n    deleteActivity(id: $id)\n  }\n": types.DeleteActivityDocument,
    "\n  query Documents($module: String!, $recordId: ID!) {\n    documents(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      number\n      version\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n": types.DocumentsDocument,
    "\n  mutation GenerateDocument($module: String!, $recordId: ID!) {\n    generateDocument(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n": types.GenerateDocumentDocument,
    "\n  query ExportRecords($module: String!, $search: String) {\n    exportRecords(module: $module, search: $search)\n  }\n": types.ExportRecordsDocument,
    "\n  mutation ImportRecords($module: String!, $csv: String!) {\n    importRecords(module: $module, csv: $csv) {\n      created\n      errors {\n        row\n        field\n        message\n      }\n    }\n  }\n": types.ImportRecordsDocument,
    "\n  query RecordConsent($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      whatsappOptOut\n      consent {\n        optedOut\n        scope\n        keywordOptedOut\n        marketingOptedOut\n        events {\n          at\n          optedOut\n          scope\n          source\n          messageId\n          text\n        }\n      }\n    }\n  }\n": types.RecordConsentDocument,
    "\n  query BroadcastCost($input: BroadcastInput!) {\n    broadcastCost(input: $input) {\n      recipients\n      skipped\n      total\n      currency\n      byCountry {\n        country\n        recipients\n        total\n      }\n      skippedReasons {\n        reason\n        count\n      }\n      skippedRecipients(first: 200) {\n        recordId\n        name\n        waId\n        skipReason\n      }\n      tier\n      tierLimit\n      tierUsed\n      tierNew\n      withinTier\n      qualityRating\n    }\n  }\n": types.BroadcastCostDocument,
    "\n  mutation CreateBroadcast($input: BroadcastInput!) {\n    createBroadcast(input: $input) {\n      id\n      status\n    }\n  }\n": types.CreateBroadcastDocument,
    "\n  query Broadcasts($first: Int, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          status\n          module\n          templateName\n          recipients\n          sent\n          delivered\n          read\n          failed\n          skipped\n          total\n          currency\n          createdAt\n          finishedAt\n        }\n      }\n    }\n  }\n": types.BroadcastsDocument,
    "\n  query Broadcast($id: ID!, $first: Int, $after: String) {\n    broadcast(id: $id) {\n      id\n      name\n      status\n      pauseReason\n      module\n      templateName\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n        qualityRating\n        messagingLimit\n      }\n      recipients\n      pending\n      queued\n      sent\n      delivered\n      read\n      failed\n      skipped\n      cancelled\n      total\n      currency\n      createdAt\n      finishedAt\n      recipientList(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            recordId\n            name\n            waId\n            country\n            price\n            status\n            skipReason\n            errorCode\n            errorMessage\n          }\n        }\n      }\n    }\n  }\n": types.BroadcastDocument,
    "\n  mutation PauseBroadcast($id: ID!) {\n    pauseBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": types.PauseBroadcastDocument,
    "\n  mutation ResumeBroadcast($id: ID!) {\n    resumeBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": types.ResumeBroadcastDocument,
    "\n  mutation CancelBroadcast($id: ID!) {\n    cancelBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n": types.CancelBroadcastDocument,
    "\n  query Wallet {\n    wallet {\n      balance\n      held\n      available\n      currency\n      pricingModel\n      canBuy\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n": types.WalletDocument,
    "\n  query Ledger($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          kind\n          amount\n          balanceAfter\n          category\n          country\n          note\n          message {\n            id\n            conversation {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.LedgerDocument,
    "\n  query SendCost($input: SendTemplateInput!) {\n    sendCost(input: $input) {\n      amount\n      currency\n      category\n      country\n      billable\n      reason\n    }\n  }\n": types.SendCostDocument,
    "\n  mutation BuyCredits($amount: String!) {\n    buyCredits(amount: $amount) {\n      id\n      amount\n      currency\n      status\n    }\n  }\n": types.BuyCreditsDocument,
    "\n  mutation ConfirmPayment($id: ID!) {\n    confirmPayment(id: $id) {\n      id\n      amount\n      status\n    }\n  }\n": types.ConfirmPaymentDocument,
    "\n  mutation SetAutoRecharge($input: AutoRechargeInput!) {\n    setAutoRecharge(input: $input) {\n      balance\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n": types.SetAutoRechargeDocument,
    "\n  mutation AdjustCredits($amount: String!, $note: String!) {\n    adjustCredits(amount: $amount, note: $note) {\n      balance\n    }\n  }\n": types.AdjustCreditsDocument,
    "\n  mutation RecordTopUp($amount: String!, $reference: String!) {\n    recordTopUp(amount: $amount, reference: $reference) {\n      balance\n    }\n  }\n": types.RecordTopUpDocument,
    "\n  fragment MessageFields on Message {\n    id\n    wamid\n    direction\n    type\n    text\n    status\n    timestamp\n    errorCode\n    errorMessage\n    templateId\n    replyToId\n    sentBy {\n      id\n      name\n    }\n    attachment {\n      ...AttachmentFields\n    }\n    reactions {\n      emoji\n      fromCustomer\n    }\n    replyTo {\n      id\n      type\n      text\n      direction\n      attachment {\n        fileName\n      }\n    }\n    editedAt\n    edits {\n      text\n      replacedAt\n    }\n    deletedAt\n    location {\n      latitude\n      longitude\n      name\n      address\n      mapUrl\n    }\n    contacts {\n      name\n      firstName\n      lastName\n      phones {\n        phone\n        waId\n        type\n      }\n      emails\n      company\n    }\n    chosenOption {\n      id\n      title\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  fragment AttachmentFields on Attachment {\n    fileName\n    mimeType\n    size\n    url\n    previewUrl\n    status\n    unavailableReason\n    kind\n    source\n    messageId\n    direction\n    at\n    failed\n  }\n": types.AttachmentFieldsFragmentDoc,
    "\n  query ConversationAttachments($id: ID!) {\n    conversation(id: $id) {\n      id\n      attachments {\n        ...AttachmentFields\n      }\n    }\n  }\n": types.ConversationAttachmentsDocument,
    "\n  query AttachableDocuments($conversationId: ID!) {\n    attachableDocuments(conversationId: $conversationId) {\n      module\n      record {\n        id\n        module\n        displayName\n      }\n      documents {\n        id\n        fileName\n        size\n        url\n        createdAt\n      }\n    }\n  }\n": types.AttachableDocumentsDocument,
    "\n  mutation ReactToMessage($messageId: ID!, $emoji: String!) {\n    reactToMessage(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        fromCustomer\n      }\n    }\n  }\n": types.ReactToMessageDocument,
    "\n  fragment SnippetFields on Snippet {\n    fragment\n    highlights {\n      start\n      end\n    }\n  }\n": types.SnippetFieldsFragmentDoc,
    "\n  query Conversations($filter: ConversationFilter, $search: String, $first: Int, $after: String) {\n    conversations(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerWaId\n          customerName\n          windowOpen\n          windowExpiresAt\n          channelActive\n          lastMessageAt\n          profile {\n            id\n            nickname\n            displayPhoneNumber\n          }\n          record {\n            id\n            module\n            displayName\n          }\n          lastMessage {\n            id\n            direction\n            type\n            text\n            status\n            timestamp\n          }\n          snippet {\n            ...SnippetFields\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query Conversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      customerWaId\n      customerName\n      windowOpen\n      windowExpiresAt\n      channelActive\n      lastMessageAt\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n      }\n      record {\n        id\n        module\n        displayName\n        values\n      }\n    }\n  }\n": types.ConversationDocument,
    "\n  query ConversationMessages($conversationId: ID!, $first: Int) {\n    messages(filter: { conversationId: $conversationId }, first: $first) {\n      totalCount\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n": types.ConversationMessagesDocument,
    "\n  query MessageList($filter: MessageFilter, $search: String, $first: Int, $after: String) {\n    messages(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        type\n        text\n        status\n        timestamp\n        repliedAt\n        repliedBy {\n          id\n          name\n        }\n        sentBy {\n          id\n          name\n        }\n        attachment {\n          fileName\n          mimeType\n        }\n        snippet {\n          ...SnippetFields\n        }\n        customerSnippet {\n          ...SnippetFields\n        }\n        conversation {\n          id\n          customerWaId\n          customerName\n          profile {\n            id\n            nickname\n          }\n        }\n        record {\n          id\n          module\n          displayName\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.MessageListDocument,
    "\n  fragment MessageViewFields on MessageView {\n    id\n    name\n    shared\n    mine\n    owner {\n      id\n      name\n    }\n    filter\n  }\n": types.MessageViewFieldsFragmentDoc,
    "\n  query MessageViews {\n    messageViews {\n      ...MessageViewFields\n    }\n  }\n": types.MessageViewsDocument,
    "\n  mutation SaveMessageView($input: SaveMessageViewInput!) {\n    saveMessageView(input: $input) {\n      ...MessageViewFields\n    }\n  }\n": types.SaveMessageViewDocument,
    "\n  mutation DeleteMessageView($id: ID!) {\n    deleteMessageView(id: $id)\n  }\n": types.DeleteMessageViewDocument,
    "\n  subscription MessageEvents {\n    messageEvents {\n      kind\n      message {\n        id\n        direction\n        status\n        conversation {\n          id\n        }\n      }\n    }\n  }\n": types.MessageEventsDocument,
    "\n  mutation SendReply($input: SendReplyInput!) {\n    sendReply(input: $input) {\n      ...MessageFields\n    }\n  }\n": types.SendReplyDocument,
    "\n  fragment RecordFields on Record {\n    id\n    module\n    displayName\n    values\n    lookups {\n      field\n      module\n      id\n      name\n    }\n  }\n": types.RecordFieldsFragmentDoc,
    "\n  fragment FieldFields on Field {\n    apiName\n    label\n    labelDe\n    fieldType\n    required\n    options\n    lookupModule\n    custom\n  }\n": types.FieldFieldsFragmentDoc,
    "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        optionsDe\n        lookupModule\n        custom\n      }\n    }\n  }\n": types.ModuleDocument,
    "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RecordFields\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n": types.RecordsDocument,
    "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      ...RecordFields\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n": types.RecordDocument,
    "\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n": types.CreateRecordDocument,
    "\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n": types.UpdateRecordDocument,
    "\n  query Modules {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        lookupModule\n      }\n    }\n  }\n": types.ModulesDocument,
    "\n  query ModulesAdmin {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        ...FieldFields\n      }\n    }\n  }\n": types.ModulesAdminDocument,
    "\n  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {\n    createCustomField(module: $module, input: $input) {\n      ...FieldFields\n    }\n  }\n": types.CreateCustomFieldDocument,
    "\n  mutation DeleteCustomField($module: String!, $apiName: String!) {\n    deleteCustomField(module: $module, apiName: $apiName)\n  }\n": types.DeleteCustomFieldDocument,
    "\n  mutation CreateCustomModule($apiName: String!, $label: String!, $labelDe: String) {\n    createCustomModule(apiName: $apiName, label: $label, labelDe: $labelDe) {\n      apiName\n      label\n      labelDe\n      custom\n    }\n  }\n": types.CreateCustomModuleDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      messageAlerts\n      welcomeDismissed\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation SetMessageAlerts($enabled: Boolean!) {\n    setMessageAlerts(enabled: $enabled) {\n      id\n      messageAlerts\n    }\n  }\n": types.SetMessageAlertsDocument,
    "\n  mutation DismissWelcome($dismissed: Boolean!) {\n    dismissWelcome(dismissed: $dismissed) {\n      id\n      welcomeDismissed\n    }\n  }\n": types.DismissWelcomeDocument,
    "\n  query Home($since: DateTime) {\n    home(since: $since) {\n      unansweredCount\n      unanswered {\n        id\n        customerName\n        customerWaId\n        windowOpen\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n        lastMessage {\n          id\n          text\n          type\n          timestamp\n        }\n      }\n      closingSoon {\n        id\n        customerName\n        customerWaId\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n      }\n      signalsCount\n      signals {\n        id\n        text\n        type\n        timestamp\n        conversation {\n          id\n          customerName\n          customerWaId\n        }\n      }\n      templatesInReview {\n        id\n        name\n        language\n      }\n      templatesRejected {\n        id\n        name\n        language\n        rejectionReason\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n": types.SetLanguageDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  fragment CompanySettingsFields on CompanySettings {\n    name\n    address\n    email\n    phone\n    website\n    taxId\n    currency\n  }\n": types.CompanySettingsFieldsFragmentDoc,
    "\n  query ConsentKeywords {\n    consentKeywords {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n": types.ConsentKeywordsDocument,
    "\n  mutation SetConsentKeywords($optOut: [String!]!, $optIn: [String!]!) {\n    setConsentKeywords(optOut: $optOut, optIn: $optIn) {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n": types.SetConsentKeywordsDocument,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          actor {\n            id\n            name\n            email\n          }\n          actorEmail\n          action\n          subject\n          detail\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditLogCsv($filter: AuditFilter) {\n    auditLogCsv(filter: $filter)\n  }\n": types.AuditLogCsvDocument,
    "\n  query AuditFilterOptions {\n    auditActions\n    users(first: 200) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.AuditFilterOptionsDocument,
    "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      id\n      url\n      events\n      active\n      createdAt\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n    webhookEvents\n  }\n": types.WebhookSubscriptionsDocument,
    "\n  query WebhookDeliveries($first: Int) {\n    webhookSubscriptions {\n      id\n      deliveries(first: $first) {\n        id\n        event\n        createdAt\n        status\n        statusCode\n        attempts {\n          at\n          statusCode\n          error\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookSubscription($url: String!, $events: [String!]!) {\n    createWebhookSubscription(url: $url, events: $events) {\n      id\n      url\n      events\n      secret\n    }\n  }\n": types.CreateWebhookSubscriptionDocument,
    "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id)\n  }\n": types.DeleteWebhookSubscriptionDocument,
    "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) {\n    setWebhookSubscriptionActive(id: $id, active: $active) {\n      id\n      active\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n  }\n": types.SetWebhookSubscriptionActiveDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      id\n      event\n      status\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  query CompanySettings {\n    companySettings {\n      ...CompanySettingsFields\n    }\n  }\n": types.CompanySettingsDocument,
    "\n  mutation SetCompanySettings($input: CompanySettingsInput!) {\n    setCompanySettings(input: $input) {\n      ...CompanySettingsFields\n    }\n  }\n": types.SetCompanySettingsDocument,
    "\n  fragment TemplateFields on Template {\n    id\n    name\n    module\n    language\n    category\n    body\n    header\n    footer\n    status\n    rejectionReason\n    updatedAt\n    sendable\n    headerFormat\n    headerFileName\n    headerMimeType\n  }\n": types.TemplateFieldsFragmentDoc,
    "\n  fragment PredefinedTextFields on PredefinedText {\n    id\n    name\n    module\n    text\n  }\n": types.PredefinedTextFieldsFragmentDoc,
    "\n  query PredefinedTexts($module: String, $search: String) {\n    predefinedTexts(module: $module, search: $search) {\n      ...PredefinedTextFields\n      snippet {\n        ...SnippetFields\n      }\n    }\n  }\n": types.PredefinedTextsDocument,
    "\n  query ReplyPreview($conversationId: ID!, $predefinedTextId: ID!) {\n    replyPreview(conversationId: $conversationId, predefinedTextId: $predefinedTextId)\n  }\n": types.ReplyPreviewDocument,
    "\n  mutation CreatePredefinedText($input: CreatePredefinedTextInput!) {\n    createPredefinedText(input: $input) {\n      ...PredefinedTextFields\n    }\n  }\n": types.CreatePredefinedTextDocument,
    "\n  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {\n    updatePredefinedText(id: $id, name: $name, text: $text) {\n      ...PredefinedTextFields\n    }\n  }\n": types.UpdatePredefinedTextDocument,
    "\n  mutation DeletePredefinedText($id: ID!) {\n    deletePredefinedText(id: $id)\n  }\n": types.DeletePredefinedTextDocument,
    "\n  query Templates($module: String) {\n    templates(module: $module) {\n      ...TemplateFields\n      quality\n    }\n  }\n": types.TemplatesDocument,
    "\n  query TemplatePreview($templateId: ID!, $module: String!, $recordId: ID!) {\n    templatePreview(templateId: $templateId, module: $module, recordId: $recordId)\n  }\n": types.TemplatePreviewDocument,
    "\n  mutation CreateTemplate($input: CreateTemplateInput!) {\n    createTemplate(input: $input) {\n      ...TemplateFields\n    }\n  }\n": types.CreateTemplateDocument,
    "\n  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {\n    updateTemplate(id: $id, input: $input) {\n      ...TemplateFields\n    }\n  }\n": types.UpdateTemplateDocument,
    "\n  mutation SyncTemplates {\n    syncTemplates {\n      id\n    }\n  }\n": types.SyncTemplatesDocument,
    "\n  mutation DeleteTemplate($id: ID!) {\n    deleteTemplate(id: $id)\n  }\n": types.DeleteTemplateDocument,
    "\n  mutation SendTemplate($input: SendTemplateInput!) {\n    sendTemplate(input: $input) {\n      ...MessageFields\n      conversation {\n        id\n      }\n    }\n  }\n": types.SendTemplateDocument,
    "\n  fragment WhatsappProfileFields on WhatsappProfile {\n    id\n    nickname\n    phoneNumberId\n    displayPhoneNumber\n    unknownSenders\n    active\n    userIds\n    groupIds\n    roleIds\n  }\n": types.WhatsappProfileFieldsFragmentDoc,
    "\n  query WhatsappProfiles {\n    whatsappProfiles {\n      id\n      nickname\n      phoneNumberId\n      displayPhoneNumber\n      unknownSenders\n      active\n      qualityRating\n      messagingLimit\n      messagingLimitCount\n    }\n  }\n": types.WhatsappProfilesDocument,
    "\n  query AllWhatsappProfiles {\n    allWhatsappProfiles {\n      ...WhatsappProfileFields\n    }\n  }\n": types.AllWhatsappProfilesDocument,
    "\n  query WhatsappAccount {\n    whatsappAccount {\n      wabaId\n      webhookPath\n    }\n  }\n": types.WhatsappAccountDocument,
    "\n  query WhatsappNumbers {\n    whatsappNumbers {\n      id\n      displayPhoneNumber\n      verifiedName\n      verified\n      registered\n      eligible\n      ineligibleReason\n      linkedProfileId\n    }\n  }\n": types.WhatsappNumbersDocument,
    "\n  mutation UpdateWhatsappProfile($id: ID!, $input: UpdateWhatsappProfileInput!) {\n    updateWhatsappProfile(id: $id, input: $input) {\n      id\n      nickname\n      unknownSenders\n      userIds\n      groupIds\n      roleIds\n    }\n  }\n": types.UpdateWhatsappProfileDocument,
    "\n  mutation SetWhatsappProfileActive($id: ID!, $active: Boolean!) {\n    setWhatsappProfileActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetWhatsappProfileActiveDocument,
    "\n  mutation ConnectWhatsapp($input: ConnectWhatsappInput!) {\n    connectWhatsapp(input: $input) {\n      wabaId\n      webhookPath\n    }\n  }\n": types.ConnectWhatsappDocument,
    "\n  mutation RegisterWhatsappNumber($phoneNumberId: String!, $pin: String!) {\n    registerWhatsappNumber(phoneNumberId: $phoneNumberId, pin: $pin)\n  }\n": types.RegisterWhatsappNumberDocument,
    "\n  mutation CreateWhatsappProfile($input: CreateWhatsappProfileInput!) {\n    createWhatsappProfile(input: $input) {\n      ...WhatsappProfileFields\n    }\n  }\n": types.CreateWhatsappProfileDocument,
    "\n  mutation DeactivateWhatsapp {\n    deactivateWhatsapp\n  }\n": types.DeactivateWhatsappDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActionFields on Action {\n    kind\n    templateId\n    profileId\n    phoneField\n    field\n    value\n    subject\n    dueInDays\n    url\n    hasSecret\n  }\n"): (typeof documents)["\n  fragment ActionFields on Action {\n    kind\n    templateId\n    profileId\n    phoneField\n    field\n    value\n    subject\n    dueInDays\n    url\n    hasSecret\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunFields on AutomationRun {\n    id\n    at\n    module\n    recordId\n    ok\n    detail\n  }\n"): (typeof documents)["\n  fragment RunFields on AutomationRun {\n    id\n    at\n    module\n    recordId\n    ok\n    detail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRules {\n    workflowRules {\n      id\n      name\n      module\n      active\n      runs\n      trigger\n      field\n      conditions {\n        field\n        op\n        value\n      }\n      actions {\n        ...ActionFields\n      }\n      delayMinutes\n      status\n      pausedReason\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowRules {\n    workflowRules {\n      id\n      name\n      module\n      active\n      runs\n      trigger\n      field\n      conditions {\n        field\n        op\n        value\n      }\n      actions {\n        ...ActionFields\n      }\n      delayMinutes\n      status\n      pausedReason\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkflowRule($input: WorkflowRuleInput!) {\n    createWorkflowRule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkflowRule($input: WorkflowRuleInput!) {\n    createWorkflowRule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWorkflowRule($id: ID!, $input: WorkflowRuleInput!) {\n    updateWorkflowRule(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWorkflowRule($id: ID!, $input: WorkflowRuleInput!) {\n    updateWorkflowRule(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkflowRuleActive($id: ID!, $active: Boolean!) {\n    setWorkflowRuleActive(id: $id, active: $active) {\n      id\n      active\n      status\n      pausedReason\n    }\n  }\n"): (typeof documents)["\n  mutation SetWorkflowRuleActive($id: ID!, $active: Boolean!) {\n    setWorkflowRuleActive(id: $id, active: $active) {\n      id\n      active\n      status\n      pausedReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWorkflowRule($id: ID!) {\n    deleteWorkflowRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWorkflowRule($id: ID!) {\n    deleteWorkflowRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Blueprints {\n    blueprints {\n      id\n      name\n      module\n      field\n      states\n      transitions {\n        name\n        from\n        to\n        actions {\n          ...ActionFields\n        }\n      }\n      runs\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Blueprints {\n    blueprints {\n      id\n      name\n      module\n      field\n      states\n      transitions {\n        name\n        from\n        to\n        actions {\n          ...ActionFields\n        }\n      }\n      runs\n      failures\n      lastError\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBlueprint($input: BlueprintInput!) {\n    createBlueprint(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBlueprint($input: BlueprintInput!) {\n    createBlueprint(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBlueprint($id: ID!, $input: BlueprintInput!) {\n    updateBlueprint(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBlueprint($id: ID!, $input: BlueprintInput!) {\n    updateBlueprint(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBlueprint($id: ID!) {\n    deleteBlueprint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBlueprint($id: ID!) {\n    deleteBlueprint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Journeys {\n    journeys {\n      id\n      name\n      module\n      active\n      trigger\n      conditions {\n        field\n        op\n        value\n      }\n      steps {\n        key\n        kind\n        action {\n          ...ActionFields\n        }\n        waitMinutes\n        next\n        onReply\n        onNoReply\n      }\n      enrolled\n      inProgress\n      completed\n      failures\n      lastError\n      enrollments(first: 100) {\n        module\n        recordId\n        status\n        step\n        waitingUntil\n        waitingForReply\n        enrolledAt\n        finishedAt\n        path {\n          step\n          at\n          note\n        }\n      }\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Journeys {\n    journeys {\n      id\n      name\n      module\n      active\n      trigger\n      conditions {\n        field\n        op\n        value\n      }\n      steps {\n        key\n        kind\n        action {\n          ...ActionFields\n        }\n        waitMinutes\n        next\n        onReply\n        onNoReply\n      }\n      enrolled\n      inProgress\n      completed\n      failures\n      lastError\n      enrollments(first: 100) {\n        module\n        recordId\n        status\n        step\n        waitingUntil\n        waitingForReply\n        enrolledAt\n        finishedAt\n        path {\n          step\n          at\n          note\n        }\n      }\n      history(first: 20) {\n        ...RunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateJourney($input: JourneyInput!) {\n    createJourney(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateJourney($input: JourneyInput!) {\n    createJourney(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateJourney($id: ID!, $input: JourneyInput!) {\n    updateJourney(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateJourney($id: ID!, $input: JourneyInput!) {\n    updateJourney(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetJourneyActive($id: ID!, $active: Boolean!) {\n    setJourneyActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetJourneyActive($id: ID!, $active: Boolean!) {\n    setJourneyActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdvanceClock($minutes: Int!) {\n    advanceClock(minutes: $minutes)\n  }\n"): (typeof documents)["\n  mutation AdvanceClock($minutes: Int!) {\n    advanceClock(minutes: $minutes)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvailableTransitions($module: String!, $recordId: ID!) {\n    availableTransitions(module: $module, recordId: $recordId) {\n      blueprintId\n      blueprint\n      field\n      name\n      from\n      to\n    }\n  }\n"): (typeof documents)["\n  query AvailableTransitions($module: String!, $recordId: ID!) {\n    availableTransitions(module: $module, recordId: $recordId) {\n      blueprintId\n      blueprint\n      field\n      name\n      from\n      to\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionRecord($module: String!, $recordId: ID!, $transition: String!) {\n    transitionRecord(module: $module, recordId: $recordId, transition: $transition) {\n      id\n      values\n      modifiedAt\n    }\n  }\n"): (typeof documents)["\n  mutation TransitionRecord($module: String!, $recordId: ID!, $transition: String!) {\n    transitionRecord(module: $module, recordId: $recordId, transition: $transition) {\n      id\n      values\n      modifiedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    createdAt\n    lastUsedAt\n    expiresAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    createdAt\n    lastUsedAt\n    expiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupFields on Group {\n    id\n    name\n    members {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment GroupFields on Group {\n    id\n    name\n    members {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n"): (typeof documents)["\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      ...ApiTokenFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        ...ApiTokenFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityFields on Activity {\n    id\n    kind\n    module\n    recordId\n    subject\n    description\n    status\n    dueAt\n    startAt\n    endAt\n    owner {\n      id\n      name\n    }\n    createdAt\n    modifiedAt\n  }\n"): (typeof documents)["\n  fragment ActivityFields on Activity {\n    id\n    kind\n    module\n    recordId\n    subject\n    description\n    status\n    dueAt\n    startAt\n    endAt\n    owner {\n      id\n      name\n    }\n    createdAt\n    modifiedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Activities($module: String!, $recordId: ID!) {\n    activities(module: $module, recordId: $recordId) {\n      ...ActivityFields\n    }\n  }\n"): (typeof documents)["\n  query Activities($module: String!, $recordId: ID!) {\n    activities(module: $module, recordId: $recordId) {\n      ...ActivityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateActivity($module: String!, $recordId: ID!, $input: CreateActivityInput!) {\n    createActivity(module: $module, recordId: $recordId, input: $input) {\n      ...ActivityFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateActivity($module: String!, $recordId: ID!, $input: CreateActivityInput!) {\n    createActivity(module: $module, recordId: $recordId, input: $input) {\n      ...ActivityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) {\n    updateActivity(id: $id, input: $input) {\n      ...ActivityFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateActivity($id: ID!, $input: UpdateActivityInput!) {\n    updateActivity(id: $id, input: $input) {\n      ...ActivityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteActivity($id: ID!) {\n    deleteActivity(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteActivity($id: ID!) {\n    deleteActivity(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Documents($module: String!, $recordId: ID!) {\n    documents(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      number\n      version\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Documents($module: String!, $recordId: ID!) {\n    documents(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      number\n      version\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateDocument($module: String!, $recordId: ID!) {\n    generateDocument(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateDocument($module: String!, $recordId: ID!) {\n    generateDocument(module: $module, recordId: $recordId) {\n      id\n      module\n      recordId\n      fileName\n      size\n      url\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportRecords($module: String!, $search: String) {\n    exportRecords(module: $module, search: $search)\n  }\n"): (typeof documents)["\n  query ExportRecords($module: String!, $search: String) {\n    exportRecords(module: $module, search: $search)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportRecords($module: String!, $csv: String!) {\n    importRecords(module: $module, csv: $csv) {\n      created\n      errors {\n        row\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportRecords($module: String!, $csv: String!) {\n    importRecords(module: $module, csv: $csv) {\n      created\n      errors {\n        row\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordConsent($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      whatsappOptOut\n      consent {\n        optedOut\n        scope\n        keywordOptedOut\n        marketingOptedOut\n        events {\n          at\n          optedOut\n          scope\n          source\n          messageId\n          text\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecordConsent($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      whatsappOptOut\n      consent {\n        optedOut\n        scope\n        keywordOptedOut\n        marketingOptedOut\n        events {\n          at\n          optedOut\n          scope\n          source\n          messageId\n          text\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BroadcastCost($input: BroadcastInput!) {\n    broadcastCost(input: $input) {\n      recipients\n      skipped\n      total\n      currency\n      byCountry {\n        country\n        recipients\n        total\n      }\n      skippedReasons {\n        reason\n        count\n      }\n      skippedRecipients(first: 200) {\n        recordId\n        name\n        waId\n        skipReason\n      }\n      tier\n      tierLimit\n      tierUsed\n      tierNew\n      withinTier\n      qualityRating\n    }\n  }\n"): (typeof documents)["\n  query BroadcastCost($input: BroadcastInput!) {\n    broadcastCost(input: $input) {\n      recipients\n      skipped\n      total\n      currency\n      byCountry {\n        country\n        recipients\n        total\n      }\n      skippedReasons {\n        reason\n        count\n      }\n      skippedRecipients(first: 200) {\n        recordId\n        name\n        waId\n        skipReason\n      }\n      tier\n      tierLimit\n      tierUsed\n      tierNew\n      withinTier\n      qualityRating\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBroadcast($input: BroadcastInput!) {\n    createBroadcast(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBroadcast($input: BroadcastInput!) {\n    createBroadcast(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Broadcasts($first: Int, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          status\n          module\n          templateName\n          recipients\n          sent\n          delivered\n          read\n          failed\n          skipped\n          total\n          currency\n          createdAt\n          finishedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Broadcasts($first: Int, $after: String) {\n    broadcasts(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          status\n          module\n          templateName\n          recipients\n          sent\n          delivered\n          read\n          failed\n          skipped\n          total\n          currency\n          createdAt\n          finishedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Broadcast($id: ID!, $first: Int, $after: String) {\n    broadcast(id: $id) {\n      id\n      name\n      status\n      pauseReason\n      module\n      templateName\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n        qualityRating\n        messagingLimit\n      }\n      recipients\n      pending\n      queued\n      sent\n      delivered\n      read\n      failed\n      skipped\n      cancelled\n      total\n      currency\n      createdAt\n      finishedAt\n      recipientList(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            recordId\n            name\n            waId\n            country\n            price\n            status\n            skipReason\n            errorCode\n            errorMessage\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Broadcast($id: ID!, $first: Int, $after: String) {\n    broadcast(id: $id) {\n      id\n      name\n      status\n      pauseReason\n      module\n      templateName\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n        qualityRating\n        messagingLimit\n      }\n      recipients\n      pending\n      queued\n      sent\n      delivered\n      read\n      failed\n      skipped\n      cancelled\n      total\n      currency\n      createdAt\n      finishedAt\n      recipientList(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            recordId\n            name\n            waId\n            country\n            price\n            status\n            skipReason\n            errorCode\n            errorMessage\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseBroadcast($id: ID!) {\n    pauseBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PauseBroadcast($id: ID!) {\n    pauseBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeBroadcast($id: ID!) {\n    resumeBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeBroadcast($id: ID!) {\n    resumeBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBroadcast($id: ID!) {\n    cancelBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelBroadcast($id: ID!) {\n    cancelBroadcast(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallet {\n    wallet {\n      balance\n      held\n      available\n      currency\n      pricingModel\n      canBuy\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wallet {\n    wallet {\n      balance\n      held\n      available\n      currency\n      pricingModel\n      canBuy\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ledger($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          kind\n          amount\n          balanceAfter\n          category\n          country\n          note\n          message {\n            id\n            conversation {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Ledger($first: Int, $after: String) {\n    ledger(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          at\n          kind\n          amount\n          balanceAfter\n          category\n          country\n          note\n          message {\n            id\n            conversation {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SendCost($input: SendTemplateInput!) {\n    sendCost(input: $input) {\n      amount\n      currency\n      category\n      country\n      billable\n      reason\n    }\n  }\n"): (typeof documents)["\n  query SendCost($input: SendTemplateInput!) {\n    sendCost(input: $input) {\n      amount\n      currency\n      category\n      country\n      billable\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuyCredits($amount: String!) {\n    buyCredits(amount: $amount) {\n      id\n      amount\n      currency\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation BuyCredits($amount: String!) {\n    buyCredits(amount: $amount) {\n      id\n      amount\n      currency\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmPayment($id: ID!) {\n    confirmPayment(id: $id) {\n      id\n      amount\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmPayment($id: ID!) {\n    confirmPayment(id: $id) {\n      id\n      amount\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAutoRecharge($input: AutoRechargeInput!) {\n    setAutoRecharge(input: $input) {\n      balance\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetAutoRecharge($input: AutoRechargeInput!) {\n    setAutoRecharge(input: $input) {\n      balance\n      autoRecharge {\n        enabled\n        minBalance\n        amount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustCredits($amount: String!, $note: String!) {\n    adjustCredits(amount: $amount, note: $note) {\n      balance\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustCredits($amount: String!, $note: String!) {\n    adjustCredits(amount: $amount, note: $note) {\n      balance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordTopUp($amount: String!, $reference: String!) {\n    recordTopUp(amount: $amount, reference: $reference) {\n      balance\n    }\n  }\n"): (typeof documents)["\n  mutation RecordTopUp($amount: String!, $reference: String!) {\n    recordTopUp(amount: $amount, reference: $reference) {\n      balance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    wamid\n    direction\n    type\n    text\n    status\n    timestamp\n    errorCode\n    errorMessage\n    templateId\n    replyToId\n    sentBy {\n      id\n      name\n    }\n    attachment {\n      ...AttachmentFields\n    }\n    reactions {\n      emoji\n      fromCustomer\n    }\n    replyTo {\n      id\n      type\n      text\n      direction\n      attachment {\n        fileName\n      }\n    }\n    editedAt\n    edits {\n      text\n      replacedAt\n    }\n    deletedAt\n    location {\n      latitude\n      longitude\n      name\n      address\n      mapUrl\n    }\n    contacts {\n      name\n      firstName\n      lastName\n      phones {\n        phone\n        waId\n        type\n      }\n      emails\n      company\n    }\n    chosenOption {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    wamid\n    direction\n    type\n    text\n    status\n    timestamp\n    errorCode\n    errorMessage\n    templateId\n    replyToId\n    sentBy {\n      id\n      name\n    }\n    attachment {\n      ...AttachmentFields\n    }\n    reactions {\n      emoji\n      fromCustomer\n    }\n    replyTo {\n      id\n      type\n      text\n      direction\n      attachment {\n        fileName\n      }\n    }\n    editedAt\n    edits {\n      text\n      replacedAt\n    }\n    deletedAt\n    location {\n      latitude\n      longitude\n      name\n      address\n      mapUrl\n    }\n    contacts {\n      name\n      firstName\n      lastName\n      phones {\n        phone\n        waId\n        type\n      }\n      emails\n      company\n    }\n    chosenOption {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttachmentFields on Attachment {\n    fileName\n    mimeType\n    size\n    url\n    previewUrl\n    status\n    unavailableReason\n    kind\n    source\n    messageId\n    direction\n    at\n    failed\n  }\n"): (typeof documents)["\n  fragment AttachmentFields on Attachment {\n    fileName\n    mimeType\n    size\n    url\n    previewUrl\n    status\n    unavailableReason\n    kind\n    source\n    messageId\n    direction\n    at\n    failed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationAttachments($id: ID!) {\n    conversation(id: $id) {\n      id\n      attachments {\n        ...AttachmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationAttachments($id: ID!) {\n    conversation(id: $id) {\n      id\n      attachments {\n        ...AttachmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttachableDocuments($conversationId: ID!) {\n    attachableDocuments(conversationId: $conversationId) {\n      module\n      record {\n        id\n        module\n        displayName\n      }\n      documents {\n        id\n        fileName\n        size\n        url\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AttachableDocuments($conversationId: ID!) {\n    attachableDocuments(conversationId: $conversationId) {\n      module\n      record {\n        id\n        module\n        displayName\n      }\n      documents {\n        id\n        fileName\n        size\n        url\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactToMessage($messageId: ID!, $emoji: String!) {\n    reactToMessage(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        fromCustomer\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReactToMessage($messageId: ID!, $emoji: String!) {\n    reactToMessage(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        fromCustomer\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SnippetFields on Snippet {\n    fragment\n    highlights {\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  fragment SnippetFields on Snippet {\n    fragment\n    highlights {\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations($filter: ConversationFilter, $search: String, $first: Int, $after: String) {\n    conversations(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerWaId\n          customerName\n          windowOpen\n          windowExpiresAt\n          channelActive\n          lastMessageAt\n          profile {\n            id\n            nickname\n            displayPhoneNumber\n          }\n          record {\n            id\n            module\n            displayName\n          }\n          lastMessage {\n            id\n            direction\n            type\n            text\n            status\n            timestamp\n          }\n          snippet {\n            ...SnippetFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations($filter: ConversationFilter, $search: String, $first: Int, $after: String) {\n    conversations(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          customerWaId\n          customerName\n          windowOpen\n          windowExpiresAt\n          channelActive\n          lastMessageAt\n          profile {\n            id\n            nickname\n            displayPhoneNumber\n          }\n          record {\n            id\n            module\n            displayName\n          }\n          lastMessage {\n            id\n            direction\n            type\n            text\n            status\n            timestamp\n          }\n          snippet {\n            ...SnippetFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      customerWaId\n      customerName\n      windowOpen\n      windowExpiresAt\n      channelActive\n      lastMessageAt\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n      }\n      record {\n        id\n        module\n        displayName\n        values\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversation($id: ID!) {\n    conversation(id: $id) {\n      id\n      customerWaId\n      customerName\n      windowOpen\n      windowExpiresAt\n      channelActive\n      lastMessageAt\n      profile {\n        id\n        nickname\n        displayPhoneNumber\n      }\n      record {\n        id\n        module\n        displayName\n        values\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationMessages($conversationId: ID!, $first: Int) {\n    messages(filter: { conversationId: $conversationId }, first: $first) {\n      totalCount\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationMessages($conversationId: ID!, $first: Int) {\n    messages(filter: { conversationId: $conversationId }, first: $first) {\n      totalCount\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageList($filter: MessageFilter, $search: String, $first: Int, $after: String) {\n    messages(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        type\n        text\n        status\n        timestamp\n        repliedAt\n        repliedBy {\n          id\n          name\n        }\n        sentBy {\n          id\n          name\n        }\n        attachment {\n          fileName\n          mimeType\n        }\n        snippet {\n          ...SnippetFields\n        }\n        customerSnippet {\n          ...SnippetFields\n        }\n        conversation {\n          id\n          customerWaId\n          customerName\n          profile {\n            id\n            nickname\n          }\n        }\n        record {\n          id\n          module\n          displayName\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageList($filter: MessageFilter, $search: String, $first: Int, $after: String) {\n    messages(filter: $filter, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        type\n        text\n        status\n        timestamp\n        repliedAt\n        repliedBy {\n          id\n          name\n        }\n        sentBy {\n          id\n          name\n        }\n        attachment {\n          fileName\n          mimeType\n        }\n        snippet {\n          ...SnippetFields\n        }\n        customerSnippet {\n          ...SnippetFields\n        }\n        conversation {\n          id\n          customerWaId\n          customerName\n          profile {\n            id\n            nickname\n          }\n        }\n        record {\n          id\n          module\n          displayName\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageViewFields on MessageView {\n    id\n    name\n    shared\n    mine\n    owner {\n      id\n      name\n    }\n    filter\n  }\n"): (typeof documents)["\n  fragment MessageViewFields on MessageView {\n    id\n    name\n    shared\n    mine\n    owner {\n      id\n      name\n    }\n    filter\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageViews {\n    messageViews {\n      ...MessageViewFields\n    }\n  }\n"): (typeof documents)["\n  query MessageViews {\n    messageViews {\n      ...MessageViewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveMessageView($input: SaveMessageViewInput!) {\n    saveMessageView(input: $input) {\n      ...MessageViewFields\n    }\n  }\n"): (typeof documents)["\n  mutation SaveMessageView($input: SaveMessageViewInput!) {\n    saveMessageView(input: $input) {\n      ...MessageViewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessageView($id: ID!) {\n    deleteMessageView(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteMessageView($id: ID!) {\n    deleteMessageView(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageEvents {\n    messageEvents {\n      kind\n      message {\n        id\n        direction\n        status\n        conversation {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageEvents {\n    messageEvents {\n      kind\n      message {\n        id\n        direction\n        status\n        conversation {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendReply($input: SendReplyInput!) {\n    sendReply(input: $input) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendReply($input: SendReplyInput!) {\n    sendReply(input: $input) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordFields on Record {\n    id\n    module\n    displayName\n    values\n    lookups {\n      field\n      module\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RecordFields on Record {\n    id\n    module\n    displayName\n    values\n    lookups {\n      field\n      module\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FieldFields on Field {\n    apiName\n    label\n    labelDe\n    fieldType\n    required\n    options\n    lookupModule\n    custom\n  }\n"): (typeof documents)["\n  fragment FieldFields on Field {\n    apiName\n    label\n    labelDe\n    fieldType\n    required\n    options\n    lookupModule\n    custom\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        optionsDe\n        lookupModule\n        custom\n      }\n    }\n  }\n"): (typeof documents)["\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        optionsDe\n        lookupModule\n        custom\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RecordFields\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RecordFields\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      ...RecordFields\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n"): (typeof documents)["\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      ...RecordFields\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Modules {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        lookupModule\n      }\n    }\n  }\n"): (typeof documents)["\n  query Modules {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        lookupModule\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModulesAdmin {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        ...FieldFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModulesAdmin {\n    modules {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        ...FieldFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {\n    createCustomField(module: $module, input: $input) {\n      ...FieldFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {\n    createCustomField(module: $module, input: $input) {\n      ...FieldFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCustomField($module: String!, $apiName: String!) {\n    deleteCustomField(module: $module, apiName: $apiName)\n  }\n"): (typeof documents)["\n  mutation DeleteCustomField($module: String!, $apiName: String!) {\n    deleteCustomField(module: $module, apiName: $apiName)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomModule($apiName: String!, $label: String!, $labelDe: String) {\n    createCustomModule(apiName: $apiName, label: $label, labelDe: $labelDe) {\n      apiName\n      label\n      labelDe\n      custom\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomModule($apiName: String!, $label: String!, $labelDe: String) {\n    createCustomModule(apiName: $apiName, label: $label, labelDe: $labelDe) {\n      apiName\n      label\n      labelDe\n      custom\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      messageAlerts\n      welcomeDismissed\n      role {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      messageAlerts\n      welcomeDismissed\n      role {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMessageAlerts($enabled: Boolean!) {\n    setMessageAlerts(enabled: $enabled) {\n      id\n      messageAlerts\n    }\n  }\n"): (typeof documents)["\n  mutation SetMessageAlerts($enabled: Boolean!) {\n    setMessageAlerts(enabled: $enabled) {\n      id\n      messageAlerts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissWelcome($dismissed: Boolean!) {\n    dismissWelcome(dismissed: $dismissed) {\n      id\n      welcomeDismissed\n    }\n  }\n"): (typeof documents)["\n  mutation DismissWelcome($dismissed: Boolean!) {\n    dismissWelcome(dismissed: $dismissed) {\n      id\n      welcomeDismissed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home($since: DateTime) {\n    home(since: $since) {\n      unansweredCount\n      unanswered {\n        id\n        customerName\n        customerWaId\n        windowOpen\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n        lastMessage {\n          id\n          text\n          type\n          timestamp\n        }\n      }\n      closingSoon {\n        id\n        customerName\n        customerWaId\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n      }\n      signalsCount\n      signals {\n        id\n        text\n        type\n        timestamp\n        conversation {\n          id\n          customerName\n          customerWaId\n        }\n      }\n      templatesInReview {\n        id\n        name\n        language\n      }\n      templatesRejected {\n        id\n        name\n        language\n        rejectionReason\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home($since: DateTime) {\n    home(since: $since) {\n      unansweredCount\n      unanswered {\n        id\n        customerName\n        customerWaId\n        windowOpen\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n        lastMessage {\n          id\n          text\n          type\n          timestamp\n        }\n      }\n      closingSoon {\n        id\n        customerName\n        customerWaId\n        windowExpiresAt\n        record {\n          id\n          module\n          displayName\n        }\n      }\n      signalsCount\n      signals {\n        id\n        text\n        type\n        timestamp\n        conversation {\n          id\n          customerName\n          customerWaId\n        }\n      }\n      templatesInReview {\n        id\n        name\n        language\n      }\n      templatesRejected {\n        id\n        name\n        language\n        rejectionReason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n"): (typeof documents)["\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          kind\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanySettingsFields on CompanySettings {\n    name\n    address\n    email\n    phone\n    website\n    taxId\n    currency\n  }\n"): (typeof documents)["\n  fragment CompanySettingsFields on CompanySettings {\n    name\n    address\n    email\n    phone\n    website\n    taxId\n    currency\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentKeywords {\n    consentKeywords {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n"): (typeof documents)["\n  query ConsentKeywords {\n    consentKeywords {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConsentKeywords($optOut: [String!]!, $optIn: [String!]!) {\n    setConsentKeywords(optOut: $optOut, optIn: $optIn) {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n"): (typeof documents)["\n  mutation SetConsentKeywords($optOut: [String!]!, $optIn: [String!]!) {\n    setConsentKeywords(optOut: $optOut, optIn: $optIn) {\n      optOut\n      optIn\n      defaultOptOut\n      defaultOptIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          actor {\n            id\n            name\n            email\n          }\n          actorEmail\n          action\n          subject\n          detail\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          actor {\n            id\n            name\n            email\n          }\n          actorEmail\n          action\n          subject\n          detail\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogCsv($filter: AuditFilter) {\n    auditLogCsv(filter: $filter)\n  }\n"): (typeof documents)["\n  query AuditLogCsv($filter: AuditFilter) {\n    auditLogCsv(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditFilterOptions {\n    auditActions\n    users(first: 200) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditFilterOptions {\n    auditActions\n    users(first: 200) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      id\n      url\n      events\n      active\n      createdAt\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n    webhookEvents\n  }\n"): (typeof documents)["\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      id\n      url\n      events\n      active\n      createdAt\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n    webhookEvents\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($first: Int) {\n    webhookSubscriptions {\n      id\n      deliveries(first: $first) {\n        id\n        event\n        createdAt\n        status\n        statusCode\n        attempts {\n          at\n          statusCode\n          error\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($first: Int) {\n    webhookSubscriptions {\n      id\n      deliveries(first: $first) {\n        id\n        event\n        createdAt\n        status\n        statusCode\n        attempts {\n          at\n          statusCode\n          error\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookSubscription($url: String!, $events: [String!]!) {\n    createWebhookSubscription(url: $url, events: $events) {\n      id\n      url\n      events\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookSubscription($url: String!, $events: [String!]!) {\n    createWebhookSubscription(url: $url, events: $events) {\n      id\n      url\n      events\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) {\n    setWebhookSubscriptionActive(id: $id, active: $active) {\n      id\n      active\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n  }\n"): (typeof documents)["\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) {\n    setWebhookSubscriptionActive(id: $id, active: $active) {\n      id\n      active\n      consecutiveFailures\n      disabledAt\n      disabledReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      id\n      event\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      id\n      event\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanySettings {\n    companySettings {\n      ...CompanySettingsFields\n    }\n  }\n"): (typeof documents)["\n  query CompanySettings {\n    companySettings {\n      ...CompanySettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCompanySettings($input: CompanySettingsInput!) {\n    setCompanySettings(input: $input) {\n      ...CompanySettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetCompanySettings($input: CompanySettingsInput!) {\n    setCompanySettings(input: $input) {\n      ...CompanySettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TemplateFields on Template {\n    id\n    name\n    module\n    language\n    category\n    body\n    header\n    footer\n    status\n    rejectionReason\n    updatedAt\n    sendable\n    headerFormat\n    headerFileName\n    headerMimeType\n  }\n"): (typeof documents)["\n  fragment TemplateFields on Template {\n    id\n    name\n    module\n    language\n    category\n    body\n    header\n    footer\n    status\n    rejectionReason\n    updatedAt\n    sendable\n    headerFormat\n    headerFileName\n    headerMimeType\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PredefinedTextFields on PredefinedText {\n    id\n    name\n    module\n    text\n  }\n"): (typeof documents)["\n  fragment PredefinedTextFields on PredefinedText {\n    id\n    name\n    module\n    text\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PredefinedTexts($module: String, $search: String) {\n    predefinedTexts(module: $module, search: $search) {\n      ...PredefinedTextFields\n      snippet {\n        ...SnippetFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PredefinedTexts($module: String, $search: String) {\n    predefinedTexts(module: $module, search: $search) {\n      ...PredefinedTextFields\n      snippet {\n        ...SnippetFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReplyPreview($conversationId: ID!, $predefinedTextId: ID!) {\n    replyPreview(conversationId: $conversationId, predefinedTextId: $predefinedTextId)\n  }\n"): (typeof documents)["\n  query ReplyPreview($conversationId: ID!, $predefinedTextId: ID!) {\n    replyPreview(conversationId: $conversationId, predefinedTextId: $predefinedTextId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePredefinedText($input: CreatePredefinedTextInput!) {\n    createPredefinedText(input: $input) {\n      ...PredefinedTextFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePredefinedText($input: CreatePredefinedTextInput!) {\n    createPredefinedText(input: $input) {\n      ...PredefinedTextFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {\n    updatePredefinedText(id: $id, name: $name, text: $text) {\n      ...PredefinedTextFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {\n    updatePredefinedText(id: $id, name: $name, text: $text) {\n      ...PredefinedTextFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePredefinedText($id: ID!) {\n    deletePredefinedText(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePredefinedText($id: ID!) {\n    deletePredefinedText(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Templates($module: String) {\n    templates(module: $module) {\n      ...TemplateFields\n      quality\n    }\n  }\n"): (typeof documents)["\n  query Templates($module: String) {\n    templates(module: $module) {\n      ...TemplateFields\n      quality\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TemplatePreview($templateId: ID!, $module: String!, $recordId: ID!) {\n    templatePreview(templateId: $templateId, module: $module, recordId: $recordId)\n  }\n"): (typeof documents)["\n  query TemplatePreview($templateId: ID!, $module: String!, $recordId: ID!) {\n    templatePreview(templateId: $templateId, module: $module, recordId: $recordId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTemplate($input: CreateTemplateInput!) {\n    createTemplate(input: $input) {\n      ...TemplateFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTemplate($input: CreateTemplateInput!) {\n    createTemplate(input: $input) {\n      ...TemplateFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {\n    updateTemplate(id: $id, input: $input) {\n      ...TemplateFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {\n    updateTemplate(id: $id, input: $input) {\n      ...TemplateFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncTemplates {\n    syncTemplates {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SyncTemplates {\n    syncTemplates {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTemplate($id: ID!) {\n    deleteTemplate(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteTemplate($id: ID!) {\n    deleteTemplate(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTemplate($input: SendTemplateInput!) {\n    sendTemplate(input: $input) {\n      ...MessageFields\n      conversation {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendTemplate($input: SendTemplateInput!) {\n    sendTemplate(input: $input) {\n      ...MessageFields\n      conversation {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WhatsappProfileFields on WhatsappProfile {\n    id\n    nickname\n    phoneNumberId\n    displayPhoneNumber\n    unknownSenders\n    active\n    userIds\n    groupIds\n    roleIds\n  }\n"): (typeof documents)["\n  fragment WhatsappProfileFields on WhatsappProfile {\n    id\n    nickname\n    phoneNumberId\n    displayPhoneNumber\n    unknownSenders\n    active\n    userIds\n    groupIds\n    roleIds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatsappProfiles {\n    whatsappProfiles {\n      id\n      nickname\n      phoneNumberId\n      displayPhoneNumber\n      unknownSenders\n      active\n      qualityRating\n      messagingLimit\n      messagingLimitCount\n    }\n  }\n"): (typeof documents)["\n  query WhatsappProfiles {\n    whatsappProfiles {\n      id\n      nickname\n      phoneNumberId\n      displayPhoneNumber\n      unknownSenders\n      active\n      qualityRating\n      messagingLimit\n      messagingLimitCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllWhatsappProfiles {\n    allWhatsappProfiles {\n      ...WhatsappProfileFields\n    }\n  }\n"): (typeof documents)["\n  query AllWhatsappProfiles {\n    allWhatsappProfiles {\n      ...WhatsappProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatsappAccount {\n    whatsappAccount {\n      wabaId\n      webhookPath\n    }\n  }\n"): (typeof documents)["\n  query WhatsappAccount {\n    whatsappAccount {\n      wabaId\n      webhookPath\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatsappNumbers {\n    whatsappNumbers {\n      id\n      displayPhoneNumber\n      verifiedName\n      verified\n      registered\n      eligible\n      ineligibleReason\n      linkedProfileId\n    }\n  }\n"): (typeof documents)["\n  query WhatsappNumbers {\n    whatsappNumbers {\n      id\n      displayPhoneNumber\n      verifiedName\n      verified\n      registered\n      eligible\n      ineligibleReason\n      linkedProfileId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWhatsappProfile($id: ID!, $input: UpdateWhatsappProfileInput!) {\n    updateWhatsappProfile(id: $id, input: $input) {\n      id\n      nickname\n      unknownSenders\n      userIds\n      groupIds\n      roleIds\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWhatsappProfile($id: ID!, $input: UpdateWhatsappProfileInput!) {\n    updateWhatsappProfile(id: $id, input: $input) {\n      id\n      nickname\n      unknownSenders\n      userIds\n      groupIds\n      roleIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWhatsappProfileActive($id: ID!, $active: Boolean!) {\n    setWhatsappProfileActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetWhatsappProfileActive($id: ID!, $active: Boolean!) {\n    setWhatsappProfileActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectWhatsapp($input: ConnectWhatsappInput!) {\n    connectWhatsapp(input: $input) {\n      wabaId\n      webhookPath\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectWhatsapp($input: ConnectWhatsappInput!) {\n    connectWhatsapp(input: $input) {\n      wabaId\n      webhookPath\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterWhatsappNumber($phoneNumberId: String!, $pin: String!) {\n    registerWhatsappNumber(phoneNumberId: $phoneNumberId, pin: $pin)\n  }\n"): (typeof documents)["\n  mutation RegisterWhatsappNumber($phoneNumberId: String!, $pin: String!) {\n    registerWhatsappNumber(phoneNumberId: $phoneNumberId, pin: $pin)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWhatsappProfile($input: CreateWhatsappProfileInput!) {\n    createWhatsappProfile(input: $input) {\n      ...WhatsappProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWhatsappProfile($input: CreateWhatsappProfileInput!) {\n    createWhatsappProfile(input: $input) {\n      ...WhatsappProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateWhatsapp {\n    deactivateWhatsapp\n  }\n"): (typeof documents)["\n  mutation DeactivateWhatsapp {\n    deactivateWhatsapp\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;