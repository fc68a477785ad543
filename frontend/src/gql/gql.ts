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
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n": typeof types.SetLanguageDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        lookupModule\n        custom\n      }\n    }\n  }\n": typeof types.ModuleDocument,
    "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          module\n          displayName\n          values\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n": typeof types.RecordsDocument,
    "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n": typeof types.RecordDocument,
    "\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n": typeof types.CreateRecordDocument,
    "\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n": typeof types.UpdateRecordDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.RolesDocument,
    "\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.CreateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": typeof types.DeleteRoleDocument,
    "\n  query Groups {\n    groups {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.SetGroupMembersDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": typeof types.DeleteGroupDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        id\n        name\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": typeof types.RevokeApiTokenDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        isAdmin\n        language\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n": types.SetLanguageDocument,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        lookupModule\n        custom\n      }\n    }\n  }\n": types.ModuleDocument,
    "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          module\n          displayName\n          values\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n": types.RecordsDocument,
    "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n": types.RecordDocument,
    "\n  mutation CreateRecord($module: String!, $values: JSON!) {\n    createRecord(module: $module, values: $values) {\n      id\n      module\n      displayName\n      values\n    }\n  }\n": types.CreateRecordDocument,
    "\n  mutation UpdateRecord($module: String!, $id: ID!, $values: JSON!) {\n    updateRecord(module: $module, id: $id, values: $values) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      modifiedAt\n    }\n  }\n": types.UpdateRecordDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          name\n          isAdmin\n          active\n          language\n          role {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      isAdmin\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      parentId\n    }\n  }\n": types.RolesDocument,
    "\n  mutation CreateRole($name: String!, $parentId: ID) {\n    createRole(name: $name, parentId: $parentId) {\n      id\n      name\n      parentId\n    }\n  }\n": types.CreateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": types.DeleteRoleDocument,
    "\n  query Groups {\n    groups {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.GroupsDocument,
    "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.SetGroupMembersDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": types.DeleteGroupDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        id\n        name\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": types.RevokeApiTokenDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      name\n      isAdmin\n      language\n      active\n      role {\n        id\n        name\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n"): (typeof documents)["\n  mutation SetLanguage($language: Language!) {\n    setLanguage(language: $language) {\n      id\n      language\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          title\n          body\n          link\n          read\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notifications {\n      id\n      title\n      body\n      link\n      read\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        lookupModule\n        custom\n      }\n    }\n  }\n"): (typeof documents)["\n  query Module($apiName: String!) {\n    module(apiName: $apiName) {\n      apiName\n      label\n      labelDe\n      custom\n      fields {\n        apiName\n        label\n        labelDe\n        fieldType\n        required\n        options\n        lookupModule\n        custom\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          module\n          displayName\n          values\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Records(\n    $module: String!\n    $first: Int\n    $after: String\n    $search: String\n    $sortBy: String\n    $sortDesc: Boolean\n  ) {\n    records(\n      module: $module\n      first: $first\n      after: $after\n      search: $search\n      sortBy: $sortBy\n      sortDesc: $sortDesc\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          module\n          displayName\n          values\n          owner {\n            id\n            name\n          }\n          modifiedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n"): (typeof documents)["\n  query Record($module: String!, $id: ID!) {\n    record(module: $module, id: $id) {\n      id\n      module\n      displayName\n      values\n      owner {\n        id\n        name\n        email\n      }\n      createdAt\n      modifiedAt\n    }\n  }\n"];
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
export function graphql(source: "\n  query Groups {\n    groups {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query Groups {\n    groups {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {\n    createGroup(name: $name, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {\n    setGroupMembers(id: $id, memberIds: $memberIds) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        id\n        name\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!) {\n    createApiToken(name: $name) {\n      token\n      apiToken {\n        id\n        name\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;