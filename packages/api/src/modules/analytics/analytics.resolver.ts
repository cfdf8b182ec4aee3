import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/graphql/context.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import {
  AnalyticsFilter,
  BucketLiquidation,
  ChampionChallenger,
  ContactHeatCell,
  IntensityPoint,
  RollRate,
  ScriptResult,
} from './analytics.types.ts';
import { bestHours, contactHeatmap, DEFAULT_BEST_HOURS_MIN_ATTEMPTS } from './heatmap.service.ts';
import { attemptIntensity } from './intensity.service.ts';
import { liquidationRates, rollRates } from './roll-rates.service.ts';
import { championChallenger, scriptEffectiveness } from './variants.service.ts';

/**
 * Who reads strategy analytics: managers and admins decide with them, supervisors watch them, and an agency reads
 * its own placements' figures (the agency-scope rule narrows every table it reads). Agents work accounts one by
 * one and have no use for portfolio-wide figures: they are not let in (docs/analytics.md).
 */
const READERS = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENCY'] as const;

/**
 * What each question costs against the operation's cost limit (limits.ts): its measured time on a year of history
 * for 1,000,000 accounts (docs/analytics.md, Performance) at about one unit per 0.05 ms, rounded up. Without it an
 * analytics question cost 1, and thirty aliases of a year of roll rates took the pool for seconds.
 */
const COST = { heatmap: 1_000, intensity: 500, variants: 500, rolls: 1_600 } as const;

@Resolver()
export class AnalyticsResolver {
  @Authorized(...READERS)
  @Query(() => [ContactHeatCell], {
    complexity: COST.heatmap,
    description:
      "Attempts by channel × the debtor's local weekday × local hour, with their outcomes and the money collected " +
      'on the promises they obtained. Cells without attempts are left out.',
  })
  contactHeatmap(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactHeatCell[]> {
    return contactHeatmap(ctx.em, filter);
  }

  @Authorized(...READERS)
  @Query(() => [ContactHeatCell], {
    complexity: COST.heatmap,
    description:
      `The best hours of a segment: heat-map cells with at least minAttempts attempts (${DEFAULT_BEST_HOURS_MIN_ATTEMPTS} ` +
      'unless told otherwise, so a handful of lucky calls cannot top the list), by right-party contact rate, highest first.',
  })
  bestHours(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Arg('minAttempts', () => Int, { defaultValue: DEFAULT_BEST_HOURS_MIN_ATTEMPTS }) minAttempts: number,
    @Arg('limit', () => Int, { defaultValue: 5 }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ContactHeatCell[]> {
    return bestHours(ctx.em, filter, minAttempts, limit);
  }

  @Authorized(...READERS)
  @Query(() => [IntensityPoint], {
    complexity: COST.intensity,
    description:
      "Outcomes by the account's attempt number (1 = its first attempt ever, in recording order); the last point, " +
      '20, counts the 20th attempt and every later one.',
  })
  attemptIntensity(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Ctx() ctx: RequestContext,
  ): Promise<IntensityPoint[]> {
    return attemptIntensity(ctx.em, filter);
  }

  @Authorized(...READERS)
  @Query(() => ChampionChallenger, {
    complexity: COST.variants,
    description:
      "The campaign's champion and challenger side by side over its whole life, and what the difference means.",
  })
  championChallenger(
    @Arg('campaignId', () => ID) campaignId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ChampionChallenger> {
    return championChallenger(ctx.em, campaignId, ctx.language);
  }

  @Authorized(...READERS)
  @Query(() => [ScriptResult], {
    complexity: COST.variants,
    description: 'The attempts of the filter by the script they followed, most used first.',
  })
  scriptEffectiveness(
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Ctx() ctx: RequestContext,
  ): Promise<ScriptResult[]> {
    return scriptEffectiveness(ctx.em, filter);
  }

  @Authorized(...READERS)
  @Query(() => [RollRate], {
    complexity: COST.rolls,
    description:
      'The roll matrix of the period (business dates, both included): for each bucket at the start, the share of its ' +
      'accounts and balance in each bucket at the end; paid-off accounts count as CURRENT (cured).',
  })
  rollRates(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RollRate[]> {
    return rollRates(
      ctx.em,
      { from, to, agencyId: agencyId ?? null, timeZone: ctx.clock.timeZone },
      ctx.settings.operationCurrency,
    );
  }

  @Authorized(...READERS)
  @Query(() => [BucketLiquidation], {
    complexity: COST.rolls,
    description: 'Collected in the period over the balance at its start, by the bucket the accounts started in.',
  })
  liquidationRates(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<BucketLiquidation[]> {
    return liquidationRates(ctx.em, { from, to, agencyId: agencyId ?? null, timeZone: ctx.clock.timeZone });
  }
}
