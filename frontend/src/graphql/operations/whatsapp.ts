// WhatsApp setup (administrators): the account, phone numbers and sender profiles.
import { graphql } from '../../gql';

export const WhatsappProfileFieldsFragment = graphql(`
  fragment WhatsappProfileFields on WhatsappProfile {
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
`);

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
      ...WhatsappProfileFields
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
      ...WhatsappProfileFields
    }
  }
`);

export const DeactivateWhatsappMutation = graphql(`
  mutation DeactivateWhatsapp {
    deactivateWhatsapp
  }
`);
