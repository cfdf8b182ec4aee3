import { graphql } from '../../api/generated/gql.ts';
import type {
  AgencyComparisonQuery,
  ComparisonFiguresFragment,
  ExtensionRequestsQuery,
} from '../../api/generated/graphql.ts';

export type ComparisonData = AgencyComparisonQuery['agencyComparison'];
export type ComparisonRow = ComparisonData['rows'][number];
/** A team's figures, in a segment row or in its totals. */
export type ComparisonFigures = ComparisonFiguresFragment;
export type ExtensionRequest = ExtensionRequestsQuery['placementExtensionRequests'][number];

export const PARTNER_AGENCIES_QUERY = graphql(`
  query PartnerAgencies {
    agencies {
      id
      code
      name
      partner
    }
  }
`);

export const AGENCY_ROW_QUERY = graphql(`
  query AgencyRow($agencyId: ID!, $from: Date!, $to: Date!) {
    placementSummary(agencyId: $agencyId) {
      active
      recallsDueIn7Days
      pendingExtensionRequests
    }
    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {
      placedAccounts
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

export const EXTENSION_REQUESTS_QUERY = graphql(`
  query ExtensionRequests {
    placementExtensionRequests(status: PENDING) {
      id
      days
      reason
      requestedAt
      placement {
        id
        recallDate
        agency {
          name
        }
        account {
          externalRef
        }
      }
    }
  }
`);

export const DECIDE_EXTENSION_MUTATION = graphql(`
  mutation DecidePlacementExtension($requestId: ID!, $approve: Boolean!) {
    decidePlacementExtension(requestId: $requestId, approve: $approve) {
      id
      status
    }
  }
`);

export const AGENCY_COMPARISON_QUERY = graphql(`
  query AgencyComparison($from: Date!, $to: Date!) {
    agencyComparison(from: $from, to: $to) {
      currency
      rows {
        bucket
        balanceBand
        ...ComparisonFigures
      }
      totals {
        ...ComparisonFigures
      }
    }
  }

  # What a team's row and its totals row both show.
  fragment ComparisonFigures on AgencyComparisonRow {
    agency {
      id
      name
    }
    inHouse
    accounts
    recoveryRate
    contactRate
    promisesKeptRate
    collectedPerAccount {
      amount
      currency
    }
  }
`);
