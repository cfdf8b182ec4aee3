import type { EntityManager } from '@mikro-orm/postgresql';
import { newcombeDifference, sampleSizePerGroup } from '@recupera/shared';
import { agencySqlCondition } from '../../core/database/agency-scope.ts';
import { runSql } from '../../core/database/sql.ts';
import { notFound } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Language } from '../../core/language.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { checkFilter, filterSql, scopeOf } from './analytics-filter.ts';
import { ChampionChallenger, ScriptResult, VariantResult, type AnalyticsFilter } from './analytics.types.ts';
import { ARM_DAYS } from './cell-keys.ts';
import { addCounts, MoneyTally, ratesOf, SUM_COUNTS, zeroCounts, type CountRow, type Counts } from './figures.ts';
import { comparisonStatement } from './statement.ts';

interface ArmRow extends CountRow {
  campaign_id: string | null;
  variant: string | null;
  currency: string;
  accounts: number;
  collected: string;
}

interface Arm {
  counts: Counts;
  accounts: number;
  money: MoneyTally;
}

function foldArms(rows: readonly ArmRow[], key: (row: ArmRow) => string): Map<string, Arm> {
  const arms = new Map<string, Arm>();
  for (const row of rows) {
    const id = key(row);
    let arm = arms.get(id);
    if (!arm) {
      arm = { counts: zeroCounts(), accounts: 0, money: new MoneyTally() };
      arms.set(id, arm);
    }
    addCounts(arm.counts, row);
    arm.accounts += Number(row.accounts);
    arm.money.add(row.currency, row.collected);
  }
  return arms;
}

const ARM_SUMS = `${SUM_COUNTS('c')}, sum(c.accounts_reached)::int as accounts, sum(c.collected)::text as collected`;

function variantResult(variant: string, arm: Arm | undefined, script: string | null): VariantResult {
  const result = new VariantResult();
  const counts = arm?.counts ?? zeroCounts();
  Object.assign(result, counts, ratesOf(counts));
  result.variant = variant;
  result.accounts = arm?.accounts ?? 0;
  result.amountCollected = arm?.money.toMoney() ?? [];
  result.script = script;
  return result;
}

/** The 95 % level of every comparison, and how the interval is computed (docs/analytics.md). */
export const COMPARISON_METHOD =
  "Difference of promise rates (promises / right-party contacts), challenger − champion, with Newcombe's hybrid " +
  'score 95 % interval (Wilson intervals combined); significant when it excludes 0. Sample size: two-sided 5 %, ' +
  '80 % power, normal approximation without continuity correction, at the observed rates.';

/**
 * Champion and challenger of a campaign side by side over its whole life, the difference in promise rate with its
 * interval, and the sentence for a manager in `language`. The campaign must be visible to the caller (NOT_FOUND
 * otherwise, as for any record); an agency's figures hold only the facts of its own placements.
 */
export async function championChallenger(
  em: EntityManager,
  campaignId: string,
  language: Language,
): Promise<ChampionChallenger> {
  const campaign = isUuid(campaignId) ? await em.findOne(Campaign, { id: campaignId }) : null;
  if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
  const scope = agencySqlCondition('ArmDay', 'c', scopeOf(em));
  const rows = await runSql<ArmRow>(
    em,
    `select c.variant, c.currency, ${ARM_SUMS}
       from ${ARM_DAYS.table} c
      where c.campaign_id = ? and ${scope.sql}
      group by c.variant, c.currency`,
    [campaign.id, ...scope.params],
  );
  const arms = foldArms(rows, (row) => row.variant ?? 'CHAMPION');
  const result = new ChampionChallenger();
  result.campaign = campaign;
  result.method = COMPARISON_METHOD;
  result.champion = variantResult('CHAMPION', arms.get('CHAMPION'), campaign.script);
  const hasChallenger = campaign.challenger !== null || arms.has('CHALLENGER');
  result.challenger = hasChallenger
    ? variantResult('CHALLENGER', arms.get('CHALLENGER'), campaign.challenger?.script ?? campaign.script)
    : null;
  const champion = result.champion;
  const challenger = result.challenger;
  const comparison = challenger
    ? newcombeDifference(
        { successes: challenger.promises, trials: challenger.rightPartyContacts },
        { successes: champion.promises, trials: champion.rightPartyContacts },
      )
    : null;
  result.difference = comparison?.difference ?? null;
  result.confidenceLow = comparison?.low ?? null;
  result.confidenceHigh = comparison?.high ?? null;
  result.significant = comparison?.significant ?? false;
  result.moreRightPartyContactsNeeded = null;
  result.moreAttemptsNeeded = null;
  if (comparison && !comparison.significant && challenger) {
    const perArm = sampleSizePerGroup(challenger.promiseRate!, champion.promiseRate!);
    if (perArm !== null) {
      const more = [champion, challenger].map((arm) => Math.max(0, perArm - arm.rightPartyContacts));
      result.moreRightPartyContactsNeeded = more[0]! + more[1]!;
      // Each variant's right-party contacts come at its own contact rate.
      result.moreAttemptsNeeded = Math.ceil(more[0]! / champion.rpcRate! + more[1]! / challenger.rpcRate!);
    }
  }
  result.statement = comparisonStatement(
    {
      hasChallenger,
      championRate: champion.promiseRate,
      challengerRate: challenger?.promiseRate ?? null,
      difference: result.difference,
      low: result.confidenceLow,
      high: result.confidenceHigh,
      significant: result.significant,
      moreRightPartyContacts: result.moreRightPartyContactsNeeded,
      moreAttempts: result.moreAttemptsNeeded,
    },
    language,
  );
  return result;
}

/**
 * Script effectiveness: the attempts of the filter grouped by the script they followed — a campaign's own script
 * for its champion, the challenger's script (or the campaign's, when the challenger has none) for its challenger;
 * attempts outside a campaign have none. Scripts with the same text count together whichever campaign used them.
 */
export async function scriptEffectiveness(em: EntityManager, input: AnalyticsFilter): Promise<ScriptResult[]> {
  const filter = await checkFilter(em, input);
  const where = filterSql(filter, 'ArmDay', 'c', scopeOf(em));
  const rows = await runSql<ArmRow>(
    em,
    `select c.campaign_id, c.variant, c.currency, ${ARM_SUMS}
       from ${ARM_DAYS.table} c
      where ${where.sql}
      group by c.campaign_id, c.variant, c.currency`,
    where.params,
  );
  const campaignIds = [...new Set(rows.map((row) => row.campaign_id).filter((id): id is string => id !== null))];
  const campaigns = new Map(
    (campaignIds.length > 0 ? await em.find(Campaign, { id: { $in: campaignIds } }) : []).map((c) => [c.id, c]),
  );
  const scriptOf = (row: ArmRow): string | null => {
    const campaign = row.campaign_id ? campaigns.get(row.campaign_id) : undefined;
    if (!campaign) return null;
    const script = row.variant === 'CHALLENGER' ? (campaign.challenger?.script ?? campaign.script) : campaign.script;
    const trimmed = script?.trim() ?? '';
    return trimmed === '' ? null : trimmed;
  };
  const groups = new Map<string, { script: string | null; rows: ArmRow[] }>();
  for (const row of rows) {
    const script = scriptOf(row);
    const key = script === null ? '\u0000none' : script;
    const group = groups.get(key) ?? { script, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ script, rows: groupRows }) => {
      const arm = foldArms(groupRows, () => 'all').get('all')!;
      const result = new ScriptResult();
      Object.assign(result, arm.counts, ratesOf(arm.counts));
      result.script = script;
      result.accounts = arm.accounts;
      result.amountCollected = arm.money.toMoney();
      const ids = [...new Set(groupRows.map((row) => row.campaign_id).filter((id): id is string => id !== null))];
      const used = ids.map((id) => campaigns.get(id)).filter((campaign) => campaign !== undefined);
      result.campaignIds = used.map((campaign) => campaign.id).sort();
      result.campaignNames = used.map((campaign) => campaign.name).sort();
      return result;
    })
    .filter((result) => result.attempts > 0)
    .sort((a, b) => b.attempts - a.attempts || (a.script ?? '').localeCompare(b.script ?? ''));
}
