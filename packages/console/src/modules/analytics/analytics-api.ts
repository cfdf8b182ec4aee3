import { graphql } from '../../api/generated/gql.ts';
import type { AgingBucket, AnalyticsQuery, Channel, ChampionChallengerQuery } from '../../api/generated/graphql.ts';

// The API's result types, generated from the operations below (src/api/generated).
export type { AgingBucket, Channel };
export type AnalyticsData = AnalyticsQuery;
export type HeatCell = AnalyticsQuery['contactHeatmap'][number];
export type IntensityRow = AnalyticsQuery['attemptIntensity'][number];
export type RollRow = AnalyticsQuery['rollRates'][number];
export type LiquidationRow = AnalyticsQuery['liquidationRates'][number];
export type ScriptRow = AnalyticsQuery['scriptEffectiveness'][number];
export type Comparison = ChampionChallengerQuery['championChallenger'];

export const BUCKETS: readonly AgingBucket[] = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'];
export const CHANNELS: readonly Channel[] = ['CALL', 'SMS', 'WHATSAPP', 'EMAIL'];
/** Below this many attempts a cell's rate is mostly luck: the API's default for best hours, shown on screen. */
export const BEST_HOURS_MIN_ATTEMPTS = 100;

export const ANALYTICS_OPTIONS_QUERY = graphql(`
  query AnalyticsOptions {
    campaigns {
      id
      name
    }
    agencies {
      id
      name
    }
  }
`);

export const ANALYTICS_QUERY = graphql(`
  query Analytics($filter: AnalyticsFilter!, $from: Date!, $to: Date!, $agencyId: ID, $minAttempts: Int!) {
    contactHeatmap(filter: $filter) {
      channel
      weekday
      hour
      attempts
      contacts
      rightPartyContacts
      promises
      contactRate
      rpcRate
      promiseRate
      collected {
        amount
        currency
      }
      collectedPerAttempt {
        amount
        currency
      }
    }
    bestHours(filter: $filter, minAttempts: $minAttempts, limit: 5) {
      channel
      weekday
      hour
      attempts
      rpcRate
      promiseRate
    }
    attemptIntensity(filter: $filter) {
      attemptNumber
      attempts
      contacts
      rightPartyContacts
      promises
      contactRate
      rpcRate
      promiseRate
      orMore
    }
    scriptEffectiveness(filter: $filter) {
      script
      campaignNames
      accounts
      attempts
      rightPartyContacts
      promises
      rpcRate
      promiseRate
      amountCollected {
        amount
        currency
      }
    }
    rollRates(from: $from, to: $to, agencyId: $agencyId) {
      fromBucket
      toBucket
      accounts
      accountShare
      balanceShare
      paidOffAccounts
    }
    liquidationRates(from: $from, to: $to, agencyId: $agencyId) {
      bucket
      accounts
      rate
      balanceAtStart {
        amount
        currency
      }
      collected {
        amount
        currency
      }
    }
  }
`);

export const CHAMPION_CHALLENGER_QUERY = graphql(`
  query ChampionChallenger($campaignId: ID!) {
    championChallenger(campaignId: $campaignId) {
      campaign {
        id
        name
      }
      champion {
        ...VariantFigures
      }
      challenger {
        ...VariantFigures
      }
      difference
      confidenceLow
      confidenceHigh
      significant
      statement
    }
  }

  fragment VariantFigures on VariantResult {
    variant
    script
    accounts
    attempts
    contacts
    rightPartyContacts
    promises
    contactRate
    rpcRate
    promiseRate
    amountCollected {
      amount
      currency
    }
  }
`);
