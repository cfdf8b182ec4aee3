import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DEFAULT_PROMISE_GRACE_DAYS,
  formatAmount,
  type AccountStatus,
  type DomainEventPayloads,
  type FactPlacement,
} from '@recupera/shared';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Account } from '../portfolio/account.entity.ts';
import { Debtor } from '../portfolio/debtor.entity.ts';
import { invalidPhonesFor, tenantOf } from '../portfolio/phone-validity.ts';
import { PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import type { PromiseTerms } from './interaction-input.ts';
import type { Interaction } from './interaction.entity.ts';

/**
 * What each disposition changes beyond the interaction row, with its events. Runs inside the transaction of
 * `recordInteraction`, under the account's row lock; every event names the account, its agency and the
 * campaign and queue of the attempt.
 */
export class DispositionEffects {
  constructor(
    private readonly tx: EntityManager,
    private readonly actor: string,
    private readonly now: Date,
    private readonly account: Account,
    /** Its placement (campaign, queue, agency) is where every fact this disposition makes counts. */
    private readonly interaction: Interaction,
  ) {}

  /** Applies the disposition: `terms` come checked for PROMISE_TO_PAY, `wrongPhone` resolved for WRONG_NUMBER. */
  async apply(terms: PromiseTerms | null, wrongPhone: string | null): Promise<void> {
    switch (this.interaction.disposition) {
      case 'PROMISE_TO_PAY':
        // One live promise per account: a renegotiated one replaces the pending one rather than stacking on it,
        // so a payment is never counted towards two promises for the same money.
        await this.cancelPendingPromises('SUPERSEDED');
        this.makePromise(terms!);
        this.setStatus('PROMISED');
        return;
      case 'DISPUTE':
        // Nobody is held to a promise on a debt they contest; the account is on hold until the dispute is resolved.
        await this.cancelPendingPromises('DISPUTED');
        this.setStatus('DISPUTED');
        return;
      case 'ALREADY_PAID':
        this.requestReconciliation();
        return;
      case 'REFUSED_TO_PAY':
        this.account.refusals += 1;
        return;
      case 'WRONG_NUMBER':
        await this.markPhoneInvalid(wrongPhone!);
        return;
      default:
        return;
    }
  }

  private makePromise(terms: PromiseTerms): void {
    const promise = this.tx.create(PromiseToPay, {
      account: this.account,
      interaction: this.interaction,
      amount: formatAmount(terms.amountMinor, terms.currency),
      currency: terms.currency,
      dueDate: terms.dueDate,
      graceDays: DEFAULT_PROMISE_GRACE_DAYS,
      agentId: this.interaction.agent?.id ?? null,
      placement: { ...this.interaction.placement },
      // The promise exists from the moment it was made on the call: payments from then on count towards it.
      createdAt: this.interaction.startedAt,
    });
    this.event('PromiseMade', promise.id, {
      interactionId: this.interaction.id,
      agentId: this.interaction.agent?.id ?? null,
      madeAt: promise.createdAt.toISOString(),
      amount: promise.amount,
      currency: promise.currency,
      dueDate: promise.dueDate,
      graceDays: promise.graceDays,
    });
  }

  private async cancelPendingPromises(reason: 'SUPERSEDED' | 'DISPUTED'): Promise<void> {
    const pending = await this.tx.find(PromiseToPay, { account: this.account, status: 'PENDING' });
    for (const promise of pending) {
      promise.status = 'CANCELLED';
      promise.resolvedAt = this.now;
      this.event('PromiseCancelled', promise.id, {
        reason,
        interactionId: this.interaction.id,
        amount: promise.amount,
        paidAmount: promise.paidAmount,
        currency: promise.currency,
        dueDate: promise.dueDate,
      });
    }
  }

  private requestReconciliation(): void {
    if (this.account.reconciliationPending) return;
    this.account.reconciliationPending = true;
    this.event('ReconciliationRequested', this.account.id, { interactionId: this.interaction.id });
  }

  /**
   * Marks the number wrong for the account's holder only (docs/agencies.md: another tenant working the same debtor
   * keeps calling it until it finds the same). Locks the debtor row: two accounts of one debtor may report wrong
   * numbers at once.
   */
  private async markPhoneInvalid(phone: string): Promise<void> {
    const debtor = await this.tx.findOneOrFail(
      Debtor,
      { id: this.account.debtor.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    await this.tx.populate(this.account, ['agency']);
    const tenant = tenantOf(this.account.agency);
    const invalid = invalidPhonesFor(debtor, tenant);
    if (invalid.includes(phone)) return;
    debtor.invalidPhonesByTenant = { ...debtor.invalidPhonesByTenant, [tenant]: [...invalid, phone] };
    this.event('PhoneMarkedInvalid', debtor.id, { phone, interactionId: this.interaction.id });
  }

  private setStatus(to: AccountStatus): void {
    const from = this.account.status;
    if (from === to) return;
    this.account.status = to;
    this.event('AccountStatusChanged', this.account.id, {
      from,
      to,
      reason: this.interaction.disposition,
      interactionId: this.interaction.id,
    });
  }

  /** An event about the account, carrying its id and the interaction's placement along with `payload`. */
  private event<T extends AccountFactEvent>(
    type: T,
    aggregateId: string,
    payload: Omit<DomainEventPayloads[T], 'accountId' | keyof FactPlacement>,
  ): void {
    recordEvent(this.tx, {
      type,
      aggregateId,
      actor: this.actor,
      payload: { accountId: this.account.id, ...this.interaction.placement, ...payload } as DomainEventPayloads[T],
    });
  }
}

/** The events a disposition writes: each is about the account and counts where the interaction does. */
type AccountFactEvent =
  'PromiseMade' | 'PromiseCancelled' | 'ReconciliationRequested' | 'PhoneMarkedInvalid' | 'AccountStatusChanged';
