// payment-plan.ts loads entities (type-graphql decorators) that need the metadata polyfill first.
import 'reflect-metadata';
import type { AccountStatus } from '@recupera/shared';
import { describe, expect, it } from 'vitest';
import { applyToBalance, statusAfterPayment } from '../src/modules/payments/payment-plan.ts';
import type { SettlementResult } from '../src/modules/promises/promise-settlement.ts';

/**
 * The two pure rules of posting a payment (payment-plan.ts), without a database: how a payment splits between
 * the balance and the customer's credit, and the account's status afterwards. Amounts are minor units; every
 * expected value is worked out by hand in the test.
 */

describe('applyToBalance', () => {
  it.each([
    // [case, balance, credit, amount, balance after, credit after, applied, excess]
    ['a partial payment reduces the balance by the amount', 100_000n, 0n, 25_050n, 74_950n, 0n, 25_050n, 0n],
    ['a payment of one cent', 100_000n, 0n, 1n, 99_999n, 0n, 1n, 0n],
    ['an exact payment clears the balance, nothing to credit', 100_000n, 0n, 100_000n, 0n, 0n, 100_000n, 0n],
    ['an overpayment clears the balance and credits the rest', 100_000n, 0n, 130_000n, 0n, 30_000n, 100_000n, 30_000n],
    ['on a zero balance everything goes to credit', 0n, 0n, 5_000n, 0n, 5_000n, 0n, 5_000n],
    ['credit accumulates over an existing credit', 0n, 30_000n, 2_500n, 0n, 32_500n, 0n, 2_500n],
    ['an overpayment adds to an existing credit', 1_000n, 500n, 3_000n, 0n, 2_500n, 1_000n, 2_000n],
    ['a partial payment leaves an existing credit alone', 10_000n, 700n, 4_000n, 6_000n, 700n, 4_000n, 0n],
    ['a negative balance (an adjustment) takes nothing: all to credit', -500n, 0n, 2_000n, -500n, 2_000n, 0n, 2_000n],
  ])('%s', (_case, balance, credit, amount, balanceAfter, creditAfter, applied, excess) => {
    expect(applyToBalance(balance, credit, amount)).toEqual({
      balanceMinor: balanceAfter,
      creditMinor: creditAfter,
      appliedMinor: applied,
      excessMinor: excess,
    });
  });

  it('never loses or makes money: applied + excess is the amount, and the balance falls by what was applied', () => {
    for (const balance of [-300n, 0n, 1n, 999n, 1_000n, 1_001n, 250_000n]) {
      for (const credit of [0n, 1n, 4_200n]) {
        for (const amount of [1n, 999n, 1_000n, 1_001n, 300_000n]) {
          const split = applyToBalance(balance, credit, amount);
          const label = `${balance}/${credit}/${amount}`;
          expect(split.appliedMinor + split.excessMinor, label).toBe(amount);
          expect(balance - split.balanceMinor, label).toBe(split.appliedMinor);
          expect(split.creditMinor - credit, label).toBe(split.excessMinor);
          expect(split.appliedMinor >= 0n && split.excessMinor >= 0n, label).toBe(true);
          // A balance never goes below zero by a payment, and one that covers it clears it.
          if (balance >= 0n) expect(split.balanceMinor >= 0n, label).toBe(true);
          if (balance > 0n && amount >= balance) expect(split.balanceMinor, label).toBe(0n);
          // Credit only once the balance is cleared.
          if (split.excessMinor > 0n) expect(split.balanceMinor <= 0n, label).toBe(true);
        }
      }
    }
  });
});

/** A settlement that kept `kept` promises and left `stillPending` pending (only the counts matter here). */
function settlement(kept: number, stillPending: number): Pick<SettlementResult, 'kept' | 'stillPending'> {
  return { kept: Array.from({ length: kept }, () => ({})) as SettlementResult['kept'], stillPending };
}

describe('statusAfterPayment', () => {
  const account = (status: AccountStatus, balance: string, currency = 'PEN') => ({ status, balance, currency });

  it.each(['ACTIVE', 'PROMISED', 'DISPUTED', 'WRITTEN_OFF', 'PAID'] as const)(
    'a zero balance makes an account %s PAID',
    (status) => {
      expect(statusAfterPayment(account(status, '0.00'), settlement(0, 0))).toBe('PAID');
      // As stored (four decimals), and whatever the promises did.
      expect(statusAfterPayment(account(status, '0.0000'), settlement(1, 0))).toBe('PAID');
      expect(statusAfterPayment(account(status, '0.00'), settlement(0, 2))).toBe('PAID');
    },
  );

  it('a written-off debt paid in full is PAID', () => {
    expect(statusAfterPayment(account('WRITTEN_OFF', '0.00'), settlement(0, 0))).toBe('PAID');
  });

  it('a zero balance in a currency without decimals is PAID too', () => {
    expect(statusAfterPayment(account('ACTIVE', '0', 'JPY'), settlement(0, 0))).toBe('PAID');
  });

  it('PROMISED with a promise kept and none left pending goes back to ACTIVE (the rest is worked again)', () => {
    expect(statusAfterPayment(account('PROMISED', '250.00'), settlement(1, 0))).toBe('ACTIVE');
    expect(statusAfterPayment(account('PROMISED', '0.01'), settlement(2, 0))).toBe('ACTIVE');
  });

  it.each([
    ['PROMISED, a promise kept but another still pending', account('PROMISED', '250.00'), settlement(1, 1), 'PROMISED'],
    ['PROMISED, a partial payment keeping nothing', account('PROMISED', '250.00'), settlement(0, 1), 'PROMISED'],
    ['PROMISED, nothing kept and nothing pending', account('PROMISED', '250.00'), settlement(0, 0), 'PROMISED'],
    ['ACTIVE, a partial payment', account('ACTIVE', '10.00'), settlement(0, 0), 'ACTIVE'],
    ['ACTIVE, a promise kept', account('ACTIVE', '10.00'), settlement(1, 0), 'ACTIVE'],
    ['DISPUTED stays on hold, even with a promise kept', account('DISPUTED', '10.00'), settlement(1, 0), 'DISPUTED'],
    ['WRITTEN_OFF, a partial payment', account('WRITTEN_OFF', '10.00'), settlement(0, 0), 'WRITTEN_OFF'],
    ['one cent left is not paid', account('ACTIVE', '0.01', 'USD'), settlement(0, 0), 'ACTIVE'],
  ] as const)('otherwise unchanged: %s', (_case, before, settled, expected) => {
    expect(statusAfterPayment(before, settled)).toBe(expected);
  });
});
