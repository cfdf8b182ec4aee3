import { graphql } from '../../api/generated/gql.ts';
import type { AgencyPlacementsQuery, AgencyStatementQuery } from '../../api/generated/graphql.ts';

export type PlacementRow = AgencyPlacementsQuery['placements']['edges'][number]['node'];
export type Statement = AgencyStatementQuery['agencyStatement'];

export const AGENCY_PLACEMENTS_QUERY = graphql(`
  query AgencyPlacements($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!]) {
    placements(agencyId: $agencyId, status: $status, recallBy: $recallBy, buckets: $buckets, first: 200) {
      totalCount
      edges {
        node {
          id
          status
          placedAt
          recallDate
          commissionRate
          endReason
          account {
            id
            externalRef
            bucket
            balance {
              amount
              currency
            }
            debtor {
              name
            }
          }
        }
      }
    }
  }
`);

export const PLACEMENT_SUMMARY_QUERY = graphql(`
  query PlacementSummary($agencyId: ID) {
    placementSummary(agencyId: $agencyId) {
      active
      recallsDueIn7Days
      pendingExtensionRequests
    }
  }
`);

export const AGENCY_STATEMENT_QUERY = graphql(`
  query AgencyStatement($agencyId: ID!, $from: Date!, $to: Date!) {
    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {
      from
      to
      placedAccounts
      payments
      reversals
      collected {
        amount
        currency
      }
      commission {
        amount
        currency
      }
    }
  }
`);

export const REQUEST_EXTENSION_MUTATION = graphql(`
  mutation RequestPlacementExtension($placementId: ID!, $days: Int!, $reason: String!) {
    requestPlacementExtension(placementId: $placementId, days: $days, reason: $reason) {
      id
      status
    }
  }
`);

export const RETURN_ACCOUNT_MUTATION = graphql(`
  mutation ReturnAccount($accountId: ID!, $reason: ReturnReason!, $note: String) {
    returnAccount(accountId: $accountId, reason: $reason, note: $note) {
      id
      status
    }
  }
`);
