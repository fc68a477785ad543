// The signed-in user: sign-in and out, the start page, preferences and notifications.
import { graphql } from '../../gql';

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
