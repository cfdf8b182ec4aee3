import { describe, expect, it } from 'vitest';
import {
  allowedOffers,
  OFFER_RULES,
  splitInstalments,
  type Offer,
  type OfferInput,
  type OfferRules,
} from './offers.ts';

const TODAY = '2026-11-24';

/** A debtor with no history, 100 days late (D91_120), owing 10 000.00 PEN. */
const base: OfferInput = {
  balanceMinor: 1_000_000n,
  currency: 'PEN',
  daysPastDue: 100,
  promisesKept: 0,
  promisesBroken: 0,
  paymentCount: 0,
  businessDate: TODAY,
};

const offersFor = (overrides: Partial<OfferInput>, rules?: OfferRules) =>
  allowedOffers({ ...base, ...overrides }, rules);
const ofKind = (offers: Offer[], kind: Offer['kind']) => offers.find((offer) => offer.kind === kind);
const settlement = (overrides: Partial<OfferInput>, rules?: OfferRules) =>
  ofKind(offersFor(overrides, rules), 'SETTLEMENT');
const plan = (overrides: Partial<OfferInput>) => ofKind(offersFor(overrides), 'INSTALMENT_PLAN');
const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('allowedOffers', () => {
  it('offers nothing on a zero or negative balance, nor on a disputed debt', () => {
    expect(offersFor({ balanceMinor: 0n })).toEqual([]);
    expect(offersFor({ balanceMinor: -1n })).toEqual([]);
    expect(offersFor({ disputed: true })).toEqual([]);
  });

  it('always offers paying the whole balance in full, first, for 30 days', () => {
    for (const daysPastDue of [0, 15, 45, 100, 400]) {
      for (const promisesBroken of [0, 5]) {
        const [first] = offersFor({ daysPastDue, promisesBroken, balanceMinor: 1n });
        expect(first).toMatchObject({
          kind: 'PAY_IN_FULL',
          amountMinor: 1n,
          discountMinor: 0n,
          discountRate: null,
          instalments: 1,
          scheduleMinor: [1n],
          instalmentAmountMinor: null,
          validUntil: '2026-12-24',
          descriptionKey: 'offer.payInFull',
        });
      }
    }
    expect(offersFor({ businessDate: '2026-12-15' })[0]!.validUntil).toBe('2027-01-14');
    expect(offersFor({})[0]!.description).toBe('Pay the full balance of 10000.00 PEN by 2026-12-24.');
  });

  it('names the balance it settles: what is paid plus what is forgiven, for a console to word the offer', () => {
    for (const daysPastDue of [15, 100, 400]) {
      for (const balanceMinor of [5_001n, 120_055n, 1_000_000n]) {
        const offers = offersFor({ daysPastDue, balanceMinor, promisesKept: 1 });
        expect(offers.length).toBeGreaterThan(0);
        for (const offer of offers) {
          expect(offer.balanceMinor).toBe(balanceMinor);
          expect(offer.amountMinor + offer.discountMinor).toBe(balanceMinor);
        }
      }
    }
  });

  it('lists the offers in a fixed order: in full, settlement, plan', () => {
    expect(offersFor({ paymentCount: 1 }).map((offer) => offer.kind)).toEqual([
      'PAY_IN_FULL',
      'SETTLEMENT',
      'INSTALMENT_PLAN',
    ]);
  });
});

describe('settlement', () => {
  it.each([
    [0, null],
    [1, null],
    [30, null],
    [31, 950_000n],
    [60, 950_000n],
    [61, 900_000n],
    [90, 900_000n],
    [91, 800_000n],
    [120, 800_000n],
    [121, 700_000n],
    [3_000, 700_000n],
  ])('at %i days past due asks %s of 10000.00 (none for young debt, 5/10/20/30 %% after)', (daysPastDue, amount) => {
    const offer = settlement({ daysPastDue });
    if (amount === null) {
      expect(offer).toBeUndefined();
      return;
    }
    expect(offer).toMatchObject({
      amountMinor: amount,
      discountMinor: 1_000_000n - amount,
      discountRate: Number(1_000_000n - amount) / 1_000_000,
      instalments: 1,
      scheduleMinor: [amount],
      instalmentAmountMinor: null,
      validUntil: '2026-12-04',
      descriptionKey: 'offer.settlement',
    });
  });

  it('truncates the discount to whole minor units, in the creditor’s favour', () => {
    // 5 % of 1200.55 is 60.0275: 60.02 off, 1140.53 asked.
    expect(settlement({ balanceMinor: 120_055n, daysPastDue: 45 })).toMatchObject({
      amountMinor: 114_053n,
      discountMinor: 6_002n,
      discountRate: 0.05,
    });
    // JPY has no minor unit: 30 % of 12 345 yen is 3 703.5, so 3 703 off.
    expect(settlement({ balanceMinor: 12_345n, currency: 'JPY', daysPastDue: 200 })).toMatchObject({
      amountMinor: 8_642n,
      discountMinor: 3_703n,
    });
  });

  it('halves the discount after one broken promise and withholds it after two', () => {
    const d121 = { daysPastDue: 200 };
    expect(settlement({ ...d121, promisesBroken: 1 })!.amountMinor).toBe(850_000n); // 15 %
    expect(settlement({ ...d121, promisesBroken: 2 })).toBeUndefined();
    expect(settlement({ ...d121, promisesBroken: 7 })).toBeUndefined();
    // D31_60 at half: 2.5 % of 10 000.00 is 250.00.
    expect(settlement({ daysPastDue: 45, promisesBroken: 1 })!.amountMinor).toBe(975_000n);
  });

  it('lets each kept promise offset one broken promise', () => {
    expect(settlement({ daysPastDue: 200, promisesBroken: 1, promisesKept: 1 })!.amountMinor).toBe(700_000n);
    expect(settlement({ daysPastDue: 200, promisesBroken: 3, promisesKept: 2 })!.amountMinor).toBe(850_000n);
    // Payments alone do not redeem broken promises.
    expect(settlement({ daysPastDue: 200, promisesBroken: 2, paymentCount: 4 })).toBeUndefined();
  });

  it('never asks less than the 50.00 floor, and offers nothing when the balance is at or under it', () => {
    // 30 % off 60.00 would ask 42.00: the floor keeps it at 50.00, so 10.00 off (16.67 %).
    expect(settlement({ balanceMinor: 6_000n, daysPastDue: 200 })).toMatchObject({
      amountMinor: 5_000n,
      discountMinor: 1_000n,
      discountRate: 0.1667,
    });
    expect(settlement({ balanceMinor: 5_000n, daysPastDue: 200 })).toBeUndefined();
    expect(settlement({ balanceMinor: 5_001n, daysPastDue: 200 })!.amountMinor).toBe(5_000n);
    expect(settlement({ balanceMinor: 3_000n, daysPastDue: 200 })).toBeUndefined();
  });

  it('never asks less than the minimum share of the balance, whatever the bucket table says', () => {
    const generous: OfferRules = {
      ...OFFER_RULES,
      byBucket: { ...OFFER_RULES.byBucket, D121_PLUS: { discountBps: 9_000, maxInstalments: 12 } },
    };
    // 60 % of 1000.01 is 600.006: rounded up to 600.01.
    expect(settlement({ balanceMinor: 100_001n, daysPastDue: 200 }, generous)).toMatchObject({
      amountMinor: 60_001n,
      discountMinor: 40_000n,
      discountRate: 0.4,
    });
  });

  it('describes the deal with exact amounts', () => {
    expect(settlement({ balanceMinor: 120_050n })!.description).toBe(
      'Settle the balance of 1200.50 PEN with one payment of 960.40 PEN (240.10 PEN off) by 2026-12-04.',
    );
  });
});

describe('instalment plan', () => {
  const proven = { paymentCount: 1, daysPastDue: 100 };

  it.each([
    [9_999n, null],
    [10_000n, 2], // 100.00: band allows 3, but 3 instalments would be under 50.00
    [14_999n, 2],
    [15_000n, 3],
    [49_999n, 3],
    [50_000n, 6],
    [199_999n, 6],
    [200_000n, 9],
    [499_999n, 9],
    [500_000n, 12],
    [50_000_000n, 12],
  ])('spreads a balance of %s minor units over %s instalments at most', (balanceMinor, count) => {
    const offer = plan({ ...proven, balanceMinor });
    expect(offer?.instalments ?? null).toBe(count);
  });

  it('gives shorter plans to younger debt', () => {
    const big = { ...proven, balanceMinor: 1_000_000n };
    expect(plan({ ...big, daysPastDue: 0 })!.instalments).toBe(3);
    expect(plan({ ...big, daysPastDue: 30 })!.instalments).toBe(6);
    expect(plan({ ...big, daysPastDue: 31 })!.instalments).toBe(6);
    expect(plan({ ...big, daysPastDue: 61 })!.instalments).toBe(9);
    expect(plan({ ...big, daysPastDue: 90 })!.instalments).toBe(9);
    expect(plan({ ...big, daysPastDue: 91 })!.instalments).toBe(12);
    expect(plan({ ...big, daysPastDue: 121 })!.instalments).toBe(12);
  });

  it('keeps long plans for debtors with a track record, and shortens them after broken promises', () => {
    const big = { balanceMinor: 1_000_000n, daysPastDue: 200 };
    expect(plan(big)!.instalments).toBe(6);
    expect(plan({ ...big, paymentCount: 1 })!.instalments).toBe(12);
    expect(plan({ ...big, promisesKept: 1 })!.instalments).toBe(12);
    expect(plan({ ...big, paymentCount: 3, promisesBroken: 1 })!.instalments).toBe(6);
    expect(plan({ ...big, paymentCount: 3, promisesBroken: 2 })!.instalments).toBe(3);
    expect(plan({ ...big, promisesKept: 1, promisesBroken: 2 })!.instalments).toBe(6);
  });

  it('puts the rounding remainder on the first instalment, so they add up to the cent', () => {
    // 1000.00 over 6: 166.66 × 5 = 833.30, so the first is 166.70.
    expect(plan({ ...proven, balanceMinor: 100_000n })).toMatchObject({
      amountMinor: 100_000n,
      instalments: 6,
      scheduleMinor: [16_670n, 16_666n, 16_666n, 16_666n, 16_666n, 16_666n],
      instalmentAmountMinor: 16_666n,
      discountMinor: 0n,
      discountRate: null,
      validUntil: '2026-12-09',
      descriptionKey: 'offer.instalmentPlan',
    });
    // 1000.001 KWD (three decimals) over 6: 166.666 × 5 = 833.330, so the first is 166.671.
    expect(plan({ ...proven, balanceMinor: 1_000_001n, currency: 'KWD' })!.scheduleMinor[0]).toBe(166_671n);
    // 100 000 yen over 12: 8 333 × 11 = 91 663, so the first is 8 337.
    expect(plan({ ...proven, balanceMinor: 100_000n, currency: 'JPY' })!.scheduleMinor.slice(0, 2)).toEqual([
      8_337n,
      8_333n,
    ]);
  });

  it('describes the schedule, saying when the first instalment differs', () => {
    expect(plan({ ...proven, balanceMinor: 100_000n })!.description).toBe(
      '6 monthly instalments: 166.70 PEN first, then 5 × 166.66 PEN (1000.00 PEN in total), the first by 2026-12-09.',
    );
    expect(plan({ ...proven, balanceMinor: 120_000n })!.description).toBe(
      '6 monthly instalments of 200.00 PEN (1200.00 PEN in total), the first by 2026-12-09.',
    );
  });

  it('always has 2 to 12 instalments summing to the balance, none under 50.00, over a sweep of accounts', () => {
    let plans = 0;
    for (let balance = 1n; balance < 3_000_000n; balance = balance * 3n + 7n) {
      for (const daysPastDue of [0, 10, 40, 70, 100, 150]) {
        for (const history of [{}, proven, { promisesBroken: 1 }, { promisesBroken: 2, paymentCount: 1 }]) {
          const offer = plan({ ...history, daysPastDue, balanceMinor: balance });
          if (!offer) continue;
          plans += 1;
          expect(offer.instalments).toBeGreaterThanOrEqual(2);
          expect(offer.instalments).toBeLessThanOrEqual(12);
          expect(offer.scheduleMinor).toHaveLength(offer.instalments);
          expect(sum(offer.scheduleMinor)).toBe(balance);
          expect(offer.scheduleMinor.slice(1).every((value) => value === offer.instalmentAmountMinor)).toBe(true);
          expect(offer.instalmentAmountMinor!).toBeGreaterThanOrEqual(5_000n);
        }
      }
    }
    expect(plans).toBeGreaterThan(50);
  });
});

describe('splitInstalments', () => {
  it('splits exactly, with the remainder on the first instalment', () => {
    expect(splitInstalments(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(splitInstalments(101n, 3)).toEqual([35n, 33n, 33n]);
    expect(splitInstalments(99n, 3)).toEqual([33n, 33n, 33n]);
    expect(splitInstalments(5n, 1)).toEqual([5n]);
    expect(splitInstalments(2n, 12)).toEqual([2n, ...Array<bigint>(11).fill(0n)]);
    const huge = 9_223_372_036_854_775_807n;
    const parts = splitInstalments(huge, 7);
    expect(sum(parts)).toBe(huge);
    expect(parts[0]! - parts[1]!).toBe(huge % 7n);
  });

  it('refuses a count that is not a positive integer and a negative amount', () => {
    expect(() => splitInstalments(100n, 0)).toThrow(RangeError);
    expect(() => splitInstalments(100n, 2.5)).toThrow(RangeError);
    expect(() => splitInstalments(-1n, 2)).toThrow(RangeError);
  });
});

describe('OFFER_RULES', () => {
  it('is a well-formed table: bands ascending from 0, discounts within the floor, plans of at most 12', () => {
    for (const bands of [OFFER_RULES.balanceBands, OFFER_RULES.brokenPromises]) {
      expect(bands[0]!.min).toBe(0);
      const mins = bands.map((band) => band.min);
      expect([...mins].sort((a, b) => a - b)).toEqual(mins);
    }
    const discounts = Object.values(OFFER_RULES.byBucket).map((rule) => rule.discountBps);
    expect(Math.max(...discounts)).toBeLessThanOrEqual(10_000 - OFFER_RULES.settlementFloor.minShareBps);
    const everyCap = [
      ...Object.values(OFFER_RULES.byBucket),
      ...OFFER_RULES.balanceBands,
      ...OFFER_RULES.brokenPromises,
    ].map((row) => row.maxInstalments);
    expect(Math.max(...everyCap)).toBe(12);
  });
});
