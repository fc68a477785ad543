// A record's activities and documents, and import/export of records.
import { graphql } from '../../gql';

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
