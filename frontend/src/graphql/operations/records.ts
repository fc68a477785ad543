// Modules and their records: lists, one record, create and update; module and field administration.
import { graphql } from '../../gql';

export const RecordFieldsFragment = graphql(`
  fragment RecordFields on Record {
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
  }
`);

export const FieldFieldsFragment = graphql(`
  fragment FieldFields on Field {
    apiName
    label
    labelDe
    fieldType
    required
    options
    lookupModule
    custom
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
          ...RecordFields
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
      ...RecordFields
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

// ---- modules and custom fields (administrators) ------------------------------------------

export const ModulesAdminQuery = graphql(`
  query ModulesAdmin {
    modules {
      apiName
      label
      labelDe
      custom
      fields {
        ...FieldFields
      }
    }
  }
`);

export const CreateCustomFieldMutation = graphql(`
  mutation CreateCustomField($module: String!, $input: CustomFieldInput!) {
    createCustomField(module: $module, input: $input) {
      ...FieldFields
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
