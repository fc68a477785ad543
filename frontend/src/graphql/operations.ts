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
  mutation MarkNotificationsRead {
    markNotificationsRead
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
