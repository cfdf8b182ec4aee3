import type { KpiWindowName } from '@recupera/shared';
import { scopeKey } from '@recupera/shared';
import type { Clock } from '../../../core/clock.ts';
import { systemEm, type Orm } from '../../../core/database/orm.ts';
import { computeKpiFacts, type ScopeIds } from '../kpi-facts.ts';
import { kpisFromFacts } from '../kpi.service.ts';
import type { Kpis } from '../kpi.types.ts';

/**
 * The naive way to feed live subscriptions (`KPI_SOURCE=sql`, the load benchmark's baseline, never the default):
 * every pushed update and every snapshot recomputes the scope's KPIs with SQL aggregates over the stored facts.
 *
 * Per scope and window at most one computation runs at a time, and every request that arrived while it ran is
 * answered by the next one, which starts after them — so each answer still includes everything committed before
 * it was asked for, while a thousand subscribers of one scope cost one query round, not a thousand.
 */
export function sqlKpiCompute(
  orm: Orm,
  clock: Clock,
  operationCurrency: string,
): (scope: ScopeIds, window: KpiWindowName) => Promise<Kpis> {
  const running = new Map<string, Promise<unknown>>();
  const queued = new Map<string, Promise<Kpis>>();
  const computeNow = async (scope: ScopeIds, window: KpiWindowName): Promise<Kpis> => {
    const now = clock.now();
    const facts = await computeKpiFacts(systemEm(orm), scope, window, now, clock.timeZone);
    return kpisFromFacts(facts, now, operationCurrency);
  };
  return (scope, window) => {
    const key = `${scopeKey(scope)}#${window}`;
    const waiting = queued.get(key);
    if (waiting) return waiting;
    const before = running.get(key) ?? Promise.resolve();
    const next = before
      .catch(() => undefined)
      .then(() => {
        queued.delete(key);
        return computeNow(scope, window);
      });
    queued.set(key, next);
    const settled = next.catch(() => undefined);
    running.set(key, settled);
    void settled.then(() => {
      if (running.get(key) === settled) running.delete(key);
    });
    return next;
  };
}
