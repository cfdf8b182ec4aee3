import { AGING_BUCKETS } from '@recupera/shared';
import { graphql } from '../../api/generated/gql.ts';
import type {
  AgingBucket,
  FloorCampaignsQuery,
  FloorTrendQuery,
  KpiScope,
  KpisFragment,
} from '../../api/generated/graphql.ts';

// The API's types, generated from the schema and the operations below (src/api/generated).
export type { AgingBucket, KpiScope };
export type Kpis = KpisFragment;
export type BucketRecovery = Kpis['recoveryByBucket'][number];
export type KpiTrendPoint = FloorTrendQuery['kpiTrend'][number];
export type FloorCampaign = FloorCampaignsQuery['campaigns'][number];

/** Every aging bucket, in age order (the schema's enum, from @recupera/shared). */
export const BUCKETS: readonly AgingBucket[] = AGING_BUCKETS;

export const KPIS_FRAGMENT = graphql(`
  fragment Kpis on Kpis {
    asOf
    mayLag
    attempts
    contacts
    rightPartyContacts
    promises
    promisesKept
    promisesBroken
    promisesPartiallyKept
    contactRate
    rpcRate
    promiseRate
    promisesKeptRate
    youngDebtRecoveryRate
    amountPromised {
      amount
      currency
    }
    amountCollected {
      amount
      currency
    }
    recoveryByBucket {
      bucket
      rate
      collected {
        amount
        currency
      }
      outstandingAtStart {
        amount
        currency
      }
    }
  }
`);

export const FLOOR_CAMPAIGNS_QUERY = graphql(`
  query FloorCampaigns {
    campaigns {
      id
      name
      status
      dailyTarget {
        amount
        currency
      }
    }
  }
`);

export const FLOOR_KPIS_QUERY = graphql(`
  query FloorKpis($scope: KpiScope!) {
    kpis(scope: $scope, window: TODAY) {
      ...Kpis
    }
  }
`);

export const FLOOR_TREND_QUERY = graphql(`
  query FloorTrend($scope: KpiScope!, $step: Int) {
    kpiTrend(scope: $scope, stepMinutes: $step) {
      from
      attempts
      contacts
      rightPartyContacts
      promises
      contactRate
      rpcRate
      promiseRate
      promisesKeptRate
      youngDebtRecoveryRate
      amountPromised {
        amount
        currency
      }
      amountCollected {
        amount
        currency
      }
    }
  }
`);

export const KPI_UPDATED_SUBSCRIPTION = graphql(`
  subscription FloorLive($scope: KpiScope!) {
    kpiUpdated(scope: $scope, window: TODAY) {
      ...Kpis
    }
  }
`);
