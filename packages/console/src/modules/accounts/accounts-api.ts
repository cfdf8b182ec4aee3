import { graphql } from '../../api/generated/gql.ts';
import type { AccountStatus, AccountsQuery, CaseQuery } from '../../api/generated/graphql.ts';

// The API's result types, generated from the operations below (src/api/generated).
export type { AccountStatus };
export type AccountPage = AccountsQuery['accounts'];
export type AccountCaseData = NonNullable<CaseQuery['account']>;
export type Offer = AccountCaseData['offers'][number];

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['ACTIVE', 'PROMISED', 'DISPUTED', 'PAID', 'WRITTEN_OFF'];

export const PAGE_SIZE = 25;

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
      partner
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
          params {
            bucket
            days
            count
          }
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
        balance {
          amount
          currency
        }
        discount {
          amount
          currency
        }
        firstInstalment {
          amount
          currency
        }
      }
    }
  }
`);
