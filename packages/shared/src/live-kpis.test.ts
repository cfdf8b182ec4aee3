import { describe, expect, it } from 'vitest';
import type { Disposition } from './dispositions.ts';
import { SeededRandom } from './seeded-random.ts';
import { AgentTimeline, KpiLedger, scopeKey, scopeKeysOf, type Attribution, type TimedFact } from './live-kpis.ts';

/** Lima keeps UTC−5 all year: the bounds below are written out by hand, not with the module's date code. */
const ZONE = 'America/Lima';
const DATE = '2026-11-24';
const MIDNIGHT = Date.parse('2026-11-24T05:00:00.000Z');
const MINUTE = 60_000;
const NOW = Date.parse('2026-11-24T20:37:25.500Z'); // 15:37:25.5 in Lima

const none: Attribution = { campaignId: null, queueId: null, agentId: null, agencyId: null };
const attribution = (fields: Partial<Attribution>): Attribution => ({ ...none, ...fields });

function interaction(at: number, fields: Partial<Attribution>, disposition: Disposition = 'NO_ANSWER'): TimedFact {
  return { kind: 'interaction', at, attribution: attribution(fields), disposition, count: 1, durationSeconds: 30 };
}

describe('scope keys', () => {
  it('gives a fact every subset of its non-null attribution, the whole operation included', () => {
    const keys = scopeKeysOf(attribution({ campaignId: 'c', queueId: 'q', agencyId: 'g' }));
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
    expect(keys).toContain(scopeKey(none));
    expect(keys).toContain(scopeKey(attribution({ campaignId: 'c', agencyId: 'g' })));
    expect(keys).toContain(scopeKey(attribution({ campaignId: 'c', queueId: 'q', agencyId: 'g' })));
    expect(keys).not.toContain(scopeKey(attribution({ agentId: 'c' })));
    expect(scopeKeysOf(none)).toEqual([scopeKey(none)]);
    expect(scopeKeysOf(attribution({ campaignId: 'a', queueId: 'b', agentId: 'c', agencyId: 'd' }))).toHaveLength(16);
  });

  it('tells the fields apart: the same id in another field is another scope', () => {
    expect(scopeKey(attribution({ campaignId: 'x' }))).not.toBe(scopeKey(attribution({ queueId: 'x' })));
  });
});

describe('KpiLedger', () => {
  it('counts every fact of a scope in the windows containing it, like a brute-force count (seeded)', () => {
    const draws = new SeededRandom(77);
    const random = () => draws.next();
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const ledger = new KpiLedger(DATE, ZONE);
    const facts: TimedFact[] = [];
    for (let n = 0; n < 3_000; n += 1) {
      const fact = interaction(
        MIDNIGHT - 2 * 3_600_000 + Math.floor(random() * (NOW - MIDNIGHT + 2 * 3_600_000 + 1)),
        {
          campaignId: pick(['c1', 'c2', null]),
          queueId: pick(['q1', 'q2', null]),
          agentId: pick(['a1', 'a2', 'a3', null]),
          agencyId: pick(['g1', null]),
        },
        pick(['NO_ANSWER', 'PROMISE_TO_PAY', 'THIRD_PARTY', 'REFUSED_TO_PAY']),
      );
      facts.push(fact);
      ledger.record(fact, NOW);
    }
    const minute = Math.floor(NOW / MINUTE) * MINUTE;
    const windows = {
      LAST_15_MINUTES: minute - 14 * MINUTE,
      LAST_HOUR: minute - 59 * MINUTE,
      TODAY: MIDNIGHT,
    } as const;
    const scopes = [none, attribution({ campaignId: 'c1' }), attribution({ queueId: 'q2', agentId: 'a3' })];
    scopes.push(attribution({ campaignId: 'c2', queueId: 'q1', agentId: 'a1', agencyId: 'g1' }));
    for (const scope of scopes) {
      for (const [window, from] of Object.entries(windows) as [keyof typeof windows, number][]) {
        const inScope = facts.filter(
          (fact) =>
            fact.at >= from &&
            fact.at <= NOW &&
            (Object.keys(scope) as (keyof Attribution)[]).every(
              (field) => scope[field] === null || scope[field] === fact.attribution[field],
            ),
        );
        const figures = ledger.figures(scopeKey(scope), window, new Date(NOW));
        const label = `${scopeKey(scope)} ${window}`;
        expect(figures.attempts, label).toBe(inScope.length);
        expect(figures.promises, label).toBe(
          inScope.filter((fact) => fact.kind === 'interaction' && fact.disposition === 'PROMISE_TO_PAY').length,
        );
        expect(figures.rightPartyContacts, label).toBe(
          inScope.filter(
            (fact) =>
              fact.kind === 'interaction' && fact.disposition !== 'NO_ANSWER' && fact.disposition !== 'THIRD_PARTY',
          ).length,
        );
        expect(figures.handleSeconds, label).toBe(30 * inScope.length);
      }
    }
  });

  it('keeps money exact per currency and recovery per bucket', () => {
    const ledger = new KpiLedger(DATE, ZONE);
    const at = NOW - MINUTE;
    const scope = { campaignId: 'c' };
    const pay = (amountMinor: bigint, currency: string, recoveryBucket: 'D1_30' | null): TimedFact => ({
      kind: 'payment',
      at,
      attribution: attribution(scope),
      currency,
      amountMinor,
      recoveryBucket,
    });
    ledger.record(pay(10_000_000_000_000_001n, 'PEN', 'D1_30'), NOW);
    ledger.record(pay(2n, 'PEN', null), NOW);
    ledger.record(pay(5n, 'USD', 'D1_30'), NOW);
    ledger.record({ kind: 'promiseMade', at, attribution: attribution(scope), currency: 'USD', amountMinor: 7n }, NOW);
    const figures = ledger.figures(scopeKey(attribution(scope)), 'LAST_15_MINUTES', new Date(NOW));
    expect(figures.collected).toEqual(
      new Map([
        ['PEN', 10_000_000_000_000_003n],
        ['USD', 5n],
      ]),
    );
    expect(figures.recovered).toEqual(
      new Map([
        ['D1_30|PEN', 10_000_000_000_000_001n],
        ['D1_30|USD', 5n],
      ]),
    );
    expect(figures.promised).toEqual(new Map([['USD', 7n]]));
    expect(figures.attempts).toBe(0);
  });

  it('holds a fact later than the clock in pending until its instant has come', () => {
    const ledger = new KpiLedger(DATE, ZONE);
    const key = scopeKey(none);
    expect(ledger.record(interaction(NOW + 90_000, { agentId: 'a' }), NOW)).toEqual([]);
    expect(ledger.figures(key, 'TODAY', new Date(NOW)).attempts).toBe(0);
    expect(ledger.advance(NOW + 89_999)).toEqual([]);
    const changed = ledger.advance(NOW + 90_000);
    expect(changed.sort()).toEqual(scopeKeysOf(attribution({ agentId: 'a' })).sort());
    expect(ledger.figures(key, 'TODAY', new Date(NOW + 90_000)).attempts).toBe(1);
    expect(ledger.advance(NOW + 200_000)).toEqual([]); // counted once
    expect(ledger.figures(key, 'TODAY', new Date(NOW + 200_000)).attempts).toBe(1);
  });

  it('counts promise outcomes by due date, whatever day they were resolved', () => {
    const ledger = new KpiLedger(DATE, ZONE);
    const scope = attribution({ agentId: 'a' });
    ledger.recordOutcome({ attribution: scope, dueDate: '2026-11-24', outcome: 'KEPT', count: 2 });
    ledger.recordOutcome({ attribution: scope, dueDate: '2026-11-24', outcome: 'BROKEN', count: 1 });
    ledger.recordOutcome({ attribution: scope, dueDate: '2026-11-23', outcome: 'PARTIALLY_KEPT', count: 1 });
    const key = scopeKey(scope);
    const today = ledger.figures(key, 'TODAY', new Date(NOW));
    expect([today.promisesKept, today.promisesBroken, today.promisesPartiallyKept]).toEqual([2, 1, 0]);
    // 00:20 on the 25th: the last hour touches the 24th, today does not.
    const afterMidnight = new Date(Date.parse('2026-11-25T05:20:00.000Z'));
    expect(ledger.figures(key, 'LAST_HOUR', afterMidnight).promisesKept).toBe(2);
    expect(ledger.figures(key, 'TODAY', afterMidnight).promisesKept).toBe(0);
    expect(ledger.figures(scopeKey(none), 'TODAY', new Date(NOW)).promisesBroken).toBe(1);
  });

  it('prunes minutes and due dates that left every window, and keeps the rest', () => {
    const ledger = new KpiLedger(DATE, ZONE);
    const key = scopeKey(none);
    ledger.record(interaction(MIDNIGHT - 3 * 3_600_000, {}), NOW);
    ledger.record(interaction(MIDNIGHT + 10 * MINUTE, {}), NOW);
    ledger.recordOutcome({ attribution: none, dueDate: '2026-11-22', outcome: 'KEPT', count: 1 });
    ledger.recordOutcome({ attribution: none, dueDate: '2026-11-24', outcome: 'KEPT', count: 1 });
    const sinceYesterday = ledger.figuresBetween(key, new Date(0), new Date(NOW), '2026-01-01', '2026-12-31');
    expect([sinceYesterday.attempts, sinceYesterday.promisesKept]).toEqual([2, 2]);
    ledger.prune(new Date(MIDNIGHT), '2026-11-23');
    const after = ledger.figuresBetween(key, new Date(0), new Date(NOW), '2026-01-01', '2026-12-31');
    expect([after.attempts, after.promisesKept]).toEqual([1, 1]);
    expect(ledger.figures(key, 'TODAY', new Date(NOW)).attempts).toBe(1);
  });
});

describe('AgentTimeline', () => {
  const T = Date.parse('2026-11-24T14:00:00.000Z');
  const loggedIn = (status: string) => status !== 'LOGGED_OUT';
  const onContact = (status: string) => status === 'ON_CONTACT';

  it('sums the seconds of matching periods clipped to the range, an open period running to its end', () => {
    const timeline = new AgentTimeline();
    timeline.load({ status: 'AVAILABLE', from: T, to: T + 600_000 });
    timeline.load({ status: 'ON_CONTACT', from: T + 600_000, to: T + 900_000 });
    timeline.load({ status: 'LOGGED_OUT', from: T + 900_000, to: T + 1_200_000 });
    timeline.change('WRAP_UP', T + 1_200_000);
    timeline.change('ON_CONTACT', T + 1_500_000);
    expect(timeline.seconds(T, T + 1_800_000, loggedIn)).toBe(600 + 300 + 300 + 300);
    expect(timeline.seconds(T, T + 1_800_000, onContact)).toBe(300 + 300);
    // Clipped on both ends: from 5 minutes in to 27.5 minutes in.
    expect(timeline.seconds(T + 300_000, T + 1_650_000, loggedIn)).toBe(300 + 300 + 300 + 150);
    expect(timeline.seconds(T + 300_000, T + 1_650_000, onContact)).toBe(300 + 150);
    expect(timeline.seconds(T - 600_000, T, loggedIn)).toBe(0);
  });

  it('closes the open period at the change, and forgets only periods over before the kept range', () => {
    const timeline = new AgentTimeline();
    timeline.change('AVAILABLE', T);
    timeline.change('PAUSED', T + 60_000);
    timeline.change('AVAILABLE', T + 120_000);
    expect(timeline.seconds(T, T + 180_000, loggedIn)).toBe(180);
    timeline.prune(T + 90_000);
    expect(timeline.seconds(T, T + 180_000, loggedIn)).toBe(120); // the first minute is gone, the rest kept
  });

  it('closes the open period even when a zero-length period of the same instant was loaded after it', () => {
    const timeline = new AgentTimeline();
    // Stored periods that tie on their start can come back in either order.
    timeline.load({ status: 'AVAILABLE', from: T, to: null });
    timeline.load({ status: 'ON_CONTACT', from: T, to: T });
    timeline.change('PAUSED', T + 60_000);
    expect(timeline.seconds(T, T + 600_000, loggedIn)).toBe(600);
  });
});
