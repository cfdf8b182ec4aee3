import type { Money } from '@recupera/shared';
import { graphql } from '../../api/generated/gql.ts';

export type AgingBucket = 'CURRENT' | 'D1_30' | 'D31_60' | 'D61_90' | 'D91_120' | 'D121_PLUS';
export const BUCKETS: readonly AgingBucket[] = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'];

export interface BucketRecovery {
  bucket: AgingBucket;
  collected: Money;
  outstandingAtStart: Money;
  rate: number | null;
}

export interface Kpis {
  asOf: string;
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPartiallyKept: number;
  contactRate: number | null;
  rpcRate: number | null;
  promiseRate: number | null;
  promisesKeptRate: number | null;
  youngDebtRecoveryRate: number | null;
  amountPromised: Money[];
  amountCollected: Money[];
  recoveryByBucket: BucketRecovery[];
}

export interface KpiTrendPoint {
  from: string;
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  contactRate: number | null;
  rpcRate: number | null;
  promiseRate: number | null;
  promisesKeptRate: number | null;
  youngDebtRecoveryRate: number | null;
  amountPromised: Money[];
  amountCollected: Money[];
}

export interface KpiScope {
  campaignId?: string;
  agencyId?: string;
}

export interface FloorCampaign {
  id: string;
  name: string;
  status: string;
  dailyTarget: Money | null;
}

export const KPIS_FRAGMENT = graphql(`
  fragment Kpis on Kpis {
    asOf
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
