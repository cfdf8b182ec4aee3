import {
  CONTACT_PROFILES,
  evaluateContact,
  formatAmount,
  isContactProfileCountry,
  nextWindowOpening,
  type Channel,
  storedToMinor,
} from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import type { ChannelAdapter } from '../../core/messaging/channel-adapter.ts';
import type { Debtor } from '../portfolio/debtor.entity.ts';
import { invalidPhonesFor, tenantOf } from '../portfolio/phone-validity.ts';
import { PromiseToPay } from './promise-to-pay.entity.ts';
import { reminderBody, type ReminderTemplate } from './reminder-messages.ts';

export type ReminderDecision =
  | { outcome: 'SENT' | 'ALREADY_SENT' }
  /** The promise moved on (paid, cancelled, resolved otherwise) or the account closed: nothing to remind. */
  | { outcome: 'NOT_APPLICABLE' }
  /** Do-not-contact or disputed: never, whatever the time. */
  | { outcome: 'NOT_ALLOWED' }
  | { outcome: 'NO_CONTACT_POINT' }
  /** Outside the hours or days the creditor's contact profile allows; try again at `opensAt`. */
  | { outcome: 'OUTSIDE_CONTACT_WINDOW'; opensAt: Date };

/** The dedupe key of a reminder: one reminder of each kind per promise, ever. */
export function reminderDedupeKey(template: ReminderTemplate, promiseId: string): string {
  return `${template}:${promiseId}`;
}

/**
 * Sends one reminder about one promise, or says why not. Re-checks everything at send time (the job may run
 * long after it was queued): the promise must still be in the state the template speaks of, and the contact
 * rules of the creditor's profile must allow a message now in the debtor's local time.
 */
export async function sendPromiseReminder(
  orm: Orm,
  clock: Clock,
  channel: ChannelAdapter,
  promiseId: string,
  template: ReminderTemplate,
): Promise<ReminderDecision> {
  const em = systemEm(orm);
  const promise = await em.findOne(PromiseToPay, promiseId, {
    populate: ['account', 'account.debtor', 'account.creditor', 'account.agency'],
  });
  if (!promise) return { outcome: 'NOT_APPLICABLE' };
  const { account } = promise;
  const { debtor, creditor } = account;
  const stillApplies =
    template === 'PROMISE_DUE_SOON'
      ? promise.status === 'PENDING'
      : promise.status === 'BROKEN' || promise.status === 'PARTIALLY_KEPT';
  if (!stillApplies || account.status === 'PAID' || account.status === 'WRITTEN_OFF') {
    return { outcome: 'NOT_APPLICABLE' };
  }

  const now = clock.now();
  const profile = CONTACT_PROFILES[isContactProfileCountry(creditor.contactProfile) ? creditor.contactProfile : 'PE'];
  // Automated reminders are not calls: the attempt caps and the quiet period after a conversation govern agents'
  // calls, so the history is empty here; hours, days and holidays apply to every contact.
  const verdict = evaluateContact({
    profile,
    instant: now,
    timeZone: debtor.timeZone,
    doNotContact: debtor.doNotContact,
    disputed: account.status === 'DISPUTED',
    history: { attemptsToday: 0, attemptsInRollingWindow: 0, lastConversationAt: null },
  });
  if (verdict.reasons.includes('DO_NOT_CONTACT') || verdict.reasons.includes('DISPUTED')) {
    return { outcome: 'NOT_ALLOWED' };
  }
  if (!verdict.allowed)
    return { outcome: 'OUTSIDE_CONTACT_WINDOW', opensAt: nextWindowOpening(profile, now, debtor.timeZone) };

  const contactPoint = firstContactPoint(debtor, invalidPhonesFor(debtor, tenantOf(account.agency)));
  if (!contactPoint) return { outcome: 'NO_CONTACT_POINT' };
  const amount = (stored: string) => formatAmount(storedToMinor(stored, promise.currency), promise.currency);
  const { sent } = await channel.send({
    accountId: account.id,
    channel: contactPoint.channel,
    recipient: contactPoint.recipient,
    template,
    body: reminderBody(template, {
      debtorName: debtor.name,
      creditorName: creditor.name,
      promisedAmount: amount(promise.amount),
      paidAmount: amount(promise.paidAmount),
      currency: promise.currency,
      dueDate: promise.dueDate,
    }),
    dedupeKey: reminderDedupeKey(template, promise.id),
  });
  return { outcome: sent ? 'SENT' : 'ALREADY_SENT' };
}

/** The debtor's first phone the account's holder has not found wrong, by SMS; else the first e-mail address. */
function firstContactPoint(debtor: Debtor, invalidPhones: string[]): { channel: Channel; recipient: string } | null {
  const phone = debtor.phones.find((candidate) => !invalidPhones.includes(candidate));
  if (phone) return { channel: 'SMS', recipient: phone };
  const email = debtor.emails[0];
  return email ? { channel: 'EMAIL', recipient: email } : null;
}
