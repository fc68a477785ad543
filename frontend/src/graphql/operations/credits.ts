// Credits: the wallet, its ledger, top-ups, auto-recharge and send costs.
import { graphql } from '../../gql';

export const WalletQuery = graphql(`
  query Wallet {
    wallet {
      balance
      held
      available
      currency
      pricingModel
      canBuy
      autoRecharge {
        enabled
        minBalance
        amount
      }
    }
  }
`);

export const LedgerQuery = graphql(`
  query Ledger($first: Int, $after: String) {
    ledger(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          kind
          amount
          balanceAfter
          category
          country
          note
          message {
            id
            conversation {
              id
            }
          }
        }
      }
    }
  }
`);

export const SendCostQuery = graphql(`
  query SendCost($input: SendTemplateInput!) {
    sendCost(input: $input) {
      amount
      currency
      category
      country
      billable
      reason
    }
  }
`);

export const BuyCreditsMutation = graphql(`
  mutation BuyCredits($amount: String!) {
    buyCredits(amount: $amount) {
      id
      amount
      currency
      status
    }
  }
`);

export const ConfirmPaymentMutation = graphql(`
  mutation ConfirmPayment($id: ID!) {
    confirmPayment(id: $id) {
      id
      amount
      status
    }
  }
`);

export const SetAutoRechargeMutation = graphql(`
  mutation SetAutoRecharge($input: AutoRechargeInput!) {
    setAutoRecharge(input: $input) {
      balance
      autoRecharge {
        enabled
        minBalance
        amount
      }
    }
  }
`);

export const AdjustCreditsMutation = graphql(`
  mutation AdjustCredits($amount: String!, $note: String!) {
    adjustCredits(amount: $amount, note: $note) {
      balance
    }
  }
`);

export const RecordTopUpMutation = graphql(`
  mutation RecordTopUp($amount: String!, $reference: String!) {
    recordTopUp(amount: $amount, reference: $reference) {
      balance
    }
  }
`);
