import type { Money } from '@recupera/shared';
import { graphql } from '../../api/generated/gql.ts';
import type { AgingBucket } from '../floor/floor-api.ts';

export type AccountStatus = 'ACTIVE' | 'DISPUTED' | 'PAID' | 'PROMISED' | 'WRITTEN_OFF';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['ACTIVE', 'PROMISED', 'DISPUTED', 'PAID', 'WRITTEN_OFF'];

export interface AccountListRow {
  id: string;
  externalRef: string;
  status: AccountStatus;
  bucket: AgingBucket;
  daysPastDue: number;
  balance: Money;
  debtor: { name: string; documentId: string };
  agency: { name: string } | null;
}

export interface AccountPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: AccountListRow }[];
}

export const PAGE_SIZE = 25;

export interface ScoreFactor {
  factor: string;
  effect: number;
  detail: string;
}

export interface PromiseRow {
  id: string;
  amount: Money;
  dueDate: string;
  status: 'BROKEN' | 'CANCELLED' | 'KEPT' | 'PARTIALLY_KEPT' | 'PENDING';
}

export interface InteractionRow {
  id: string;
  startedAt: string;
  channel: string;
  disposition: string;
  durationSeconds: number;
  agent: { name: string } | null;
  promise: PromiseRow | null;
}

export interface PaymentRow {
  id: string;
  amount: Money;
  paidAt: string;
  reference: string;
}

export interface Offer {
  kind: 'PAY_IN_FULL' | 'SETTLEMENT' | 'INSTALMENT_PLAN';
  amount: Money;
  instalments: number;
  instalmentAmount: Money | null;
  discountRate: number | null;
  validUntil: string;
  description: string;
}

export interface AccountCaseData {
  id: string;
  externalRef: string;
  status: AccountStatus;
  bucket: AgingBucket;
  daysPastDue: number;
  dueDate: string;
  balance: Money;
  originalAmount: Money;
  agency: { name: string } | null;
  debtor: {
    name: string;
    documentId: string;
    phones: string[];
    emails: string[];
    timeZone: string;
    doNotContact: boolean;
  };
  propensity: { score: number; factors: ScoreFactor[] };
  queuePlace: {
    queue: { name: string; campaign: { name: string } };
    score: number;
    expectedRecovery: Money;
    variant: string;
    nextAttemptAt: string | null;
    skippedBecause: string[];
    reservedBy: { name: string } | null;
  } | null;
  contactCheck: { allowed: boolean; reasons: string[]; nextOpportunity: string | null };
  interactions: InteractionRow[];
  promises: PromiseRow[];
  payments: PaymentRow[];
  offers: Offer[];
}

export const ACCOUNTS_QUERY = graphql(`
  query Accounts($filter: AccountFilter, $first: Int, $after: String) {
    accounts(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          externalRef
          status
          bucket
          daysPastDue
          balance {
            amount
            currency
          }
          debtor {
            name
            documentId
          }
          agency {
            name
          }
        }
      }
    }
  }
`);

/** The agencies the portfolio search can filter by. */
export const ACCOUNT_AGENCIES_QUERY = graphql(`
  query AccountAgencies {
    agencies {
      id
      name
    }
  }
`);

export const ACCOUNT_CASE_QUERY = graphql(`
  query Case($id: ID!) {
    account(id: $id) {
      id
      externalRef
      status
      bucket
      daysPastDue
      dueDate
      balance {
        amount
        currency
      }
      originalAmount {
        amount
        currency
      }
      agency {
        name
      }
      debtor {
        name
        documentId
        phones
        emails
        timeZone
        doNotContact
      }
      propensity {
        score
        factors {
          factor
          effect
          detail
        }
      }
      queuePlace {
        queue {
          name
          campaign {
            name
          }
        }
        score
        expectedRecovery {
          amount
          currency
        }
        variant
        nextAttemptAt
        skippedBecause
        reservedBy {
          name
        }
      }
      contactCheck {
        allowed
        reasons
        nextOpportunity
      }
      interactions {
        id
        startedAt
        channel
        disposition
        durationSeconds
        agent {
          name
        }
        promise {
          id
          amount {
            amount
            currency
          }
          dueDate
          status
        }
      }
      promises {
        id
        amount {
          amount
          currency
        }
        dueDate
        status
      }
      payments {
        id
        amount {
          amount
          currency
        }
        paidAt
        reference
      }
      offers {
        kind
        amount {
          amount
          currency
        }
        instalments
        instalmentAmount {
          amount
          currency
        }
        discountRate
        validUntil
        description
      }
    }
  }
`);
