// Who may sign in and what they see: users, roles, groups and API tokens.
import { graphql } from '../../gql';

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    createdAt
    lastUsedAt
    expiresAt
  }
`);

export const GroupFieldsFragment = graphql(`
  fragment GroupFields on Group {
    id
    name
    members {
      id
      name
      email
    }
  }
`);

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
      ...GroupFields
    }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateGroup($name: String!, $memberIds: [ID!]!) {
    createGroup(name: $name, memberIds: $memberIds) {
      ...GroupFields
    }
  }
`);

export const SetGroupMembersMutation = graphql(`
  mutation SetGroupMembers($id: ID!, $memberIds: [ID!]!) {
    setGroupMembers(id: $id, memberIds: $memberIds) {
      ...GroupFields
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
      ...ApiTokenFields
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!) {
    createApiToken(name: $name) {
      token
      apiToken {
        ...ApiTokenFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);
