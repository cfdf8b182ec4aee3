import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../buckets.ts';
import { CHANNELS, DISPOSITIONS, isContact, isRightPartyContact, type Channel } from '../dispositions.ts';
import { dispositionTable, possibleDispositions, type AttemptContext } from './disposition-model.ts';
import { SimulationRandom } from './random.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function every(fn: (context: AttemptContext) => void): void {
  for (const bucket of AGING_BUCKETS) {
    for (const channel of CHANNELS) for (const localHour of HOURS) fn({ bucket, channel, localHour });
  }
}

const contactRate = (context: AttemptContext) => {
  const table = dispositionTable(context);
  return DISPOSITIONS.filter(isContact).reduce((sum, d) => sum + table[d], 0);
};
const promiseRate = (context: AttemptContext) => dispositionTable(context).PROMISE_TO_PAY;

describe('disposition model', () => {
  it('sums every table to 1 with no negative probability', () => {
    every((context) => {
      const table = dispositionTable(context);
      const values = DISPOSITIONS.map((d) => table[d]);
      for (const value of values) expect(value).toBeGreaterThanOrEqual(0);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  });

  it('gives a channel only the dispositions it can produce', () => {
    every((context) => {
      const table = dispositionTable(context);
      const possible = new Set(possibleDispositions(context.channel));
      for (const d of DISPOSITIONS) if (!possible.has(d)) expect(table[d], `${context.channel} ${d}`).toBe(0);
    });
    // Calls never send messages; messages never ring out.
    expect(possibleDispositions('CALL')).not.toContain('MESSAGE_SENT');
    for (const channel of ['SMS', 'EMAIL', 'WHATSAPP'] as Channel[]) {
      expect(possibleDispositions(channel)).toContain('MESSAGE_SENT');
      expect(possibleDispositions(channel)).toContain('MESSAGE_REPLIED');
      expect(possibleDispositions(channel)).not.toContain('NO_ANSWER');
    }
    expect(possibleDispositions('EMAIL')).not.toContain('WRONG_NUMBER');
  });

  it('contacts and promises more on young debt than on old, at every hour and channel', () => {
    for (const channel of CHANNELS) {
      for (const localHour of HOURS) {
        const rates = AGING_BUCKETS.map((bucket) => contactRate({ bucket, channel, localHour }));
        for (let i = 1; i < rates.length; i += 1) expect(rates[i]).toBeLessThan(rates[i - 1]!);
        if (channel === 'SMS' || channel === 'EMAIL') continue;
        const promises = AGING_BUCKETS.map((bucket) => promiseRate({ bucket, channel, localHour }));
        for (let i = 1; i < promises.length; i += 1) expect(promises[i]).toBeLessThan(promises[i - 1]!);
      }
    }
  });

  it('contacts more in the evening than at mid-morning', () => {
    for (const bucket of AGING_BUCKETS) {
      for (const channel of CHANNELS) {
        expect(contactRate({ bucket, channel, localHour: 19 })).toBeGreaterThan(
          contactRate({ bucket, channel, localHour: 10 }),
        );
      }
    }
  });

  it('draws dispositions with the frequencies of the table', () => {
    const random = new SimulationRandom(2026);
    const n = 60_000;
    for (const context of [
      { bucket: 'D1_30', channel: 'CALL', localHour: 19 },
      { bucket: 'D121_PLUS', channel: 'CALL', localHour: 10 },
      { bucket: 'D31_60', channel: 'WHATSAPP', localHour: 15 },
    ] satisfies AttemptContext[]) {
      const table = dispositionTable(context);
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i += 1) {
        const d = random.pick(table);
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      for (const d of DISPOSITIONS) {
        const p = table[d];
        // Five standard deviations of a binomial proportion, plus a floor for near-zero cells.
        const tolerance = 5 * Math.sqrt((p * (1 - p)) / n) + 1e-4;
        expect(Math.abs((counts.get(d) ?? 0) / n - p), `${context.channel} ${context.bucket} ${d}`).toBeLessThan(
          tolerance,
        );
      }
    }
  });

  it('keeps right-party contacts most of the contacts on calls', () => {
    const table = dispositionTable({ bucket: 'D1_30', channel: 'CALL', localHour: 12 });
    const rpc = DISPOSITIONS.filter(isRightPartyContact).reduce((sum, d) => sum + table[d], 0);
    expect(rpc / contactRate({ bucket: 'D1_30', channel: 'CALL', localHour: 12 })).toBeCloseTo(0.88, 10);
  });

  it('rejects an hour that is not one', () => {
    expect(() => dispositionTable({ bucket: 'D1_30', channel: 'CALL', localHour: 24 })).toThrow(RangeError);
  });
});
