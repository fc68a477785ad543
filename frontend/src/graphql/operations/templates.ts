// Predefined texts and WhatsApp templates: editing, previews and sending.
import { graphql } from '../../gql';

export const TemplateFieldsFragment = graphql(`
  fragment TemplateFields on Template {
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
`);

// ---- predefined texts --------------------------------------------------------------------

export const PredefinedTextFieldsFragment = graphql(`
  fragment PredefinedTextFields on PredefinedText {
    id
    name
    module
    text
  }
`);

export const PredefinedTextsQuery = graphql(`
  query PredefinedTexts($module: String, $search: String) {
    predefinedTexts(module: $module, search: $search) {
      ...PredefinedTextFields
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
      ...PredefinedTextFields
    }
  }
`);

export const UpdatePredefinedTextMutation = graphql(`
  mutation UpdatePredefinedText($id: ID!, $name: String!, $text: String!) {
    updatePredefinedText(id: $id, name: $name, text: $text) {
      ...PredefinedTextFields
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
      ...TemplateFields
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
      ...TemplateFields
    }
  }
`);

export const UpdateTemplateMutation = graphql(`
  mutation UpdateTemplate($id: ID!, $input: CreateTemplateInput!) {
    updateTemplate(id: $id, input: $input) {
      ...TemplateFields
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
