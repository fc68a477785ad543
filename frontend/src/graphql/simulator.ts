// Operations of the demo's simulated phone (`parley demo` only). They are not part of
// ../schema/schema.graphql yet, so they are typed here by hand instead of through codegen
// (codegen.ts excludes this file). When the SDL gains them, they can move to operations/.
import { gql } from 'urql';

export interface SimulatorInfo {
  phoneNumberId: string;
  displayPhoneNumber: string;
  /** The PIN that registers the simulator's unregistered number. */
  demoPin: string;
}

/** One message of the simulated customer's thread. */
export interface SimulatedMessage {
  /** "in" = customer to business, "out" = business to customer. */
  direction: string;
  wamid: string;
  /** text | image | document | location | reaction | button | template | … */
  type: string;
  text: string | null;
  status: string;
  at: string;
  fileName: string | null;
  mimeType: string | null;
  /** Images up to 1 MB as a data: URL. */
  previewDataUrl: string | null;
  /** The text of the message this one quotes. */
  quotedText: string | null;
  /** Reactions on this message (the customer's and the business's). */
  reactions: string[];
}

export type SimulatedMessageType = 'text' | 'image' | 'document' | 'location' | 'reaction' | 'button';

export interface SimulateMessageInput {
  waId: string;
  name: string;
  type: SimulatedMessageType;
  text?: string | null;
  caption?: string | null;
  fileName?: string | null;
  mimeType?: string | null;
  dataBase64?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  emoji?: string | null;
  reactToWamid?: string | null;
  buttonText?: string | null;
}

export const SimulatorQuery = gql<{ simulator: SimulatorInfo | null }, Record<string, never>>(`
  query Simulator {
    simulator {
      phoneNumberId
      displayPhoneNumber
      demoPin
    }
  }
`);

export const SimulatorThreadQuery = gql<{ simulatorThread: SimulatedMessage[] }, { waId: string }>(`
  query SimulatorThread($waId: String!) {
    simulatorThread(waId: $waId) {
      direction
      wamid
      type
      text
      status
      at
      fileName
      mimeType
      previewDataUrl
      quotedText
      reactions
    }
  }
`);

export const SimulateCustomerMessageMutation = gql<
  { simulateCustomerMessage: string },
  { input: SimulateMessageInput }
>(`
  mutation SimulateCustomerMessage($input: SimulateMessageInput!) {
    simulateCustomerMessage(input: $input)
  }
`);
