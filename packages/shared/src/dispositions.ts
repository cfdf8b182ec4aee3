/**
 * Interaction outcomes ("tipificaciones") and channels, and which outcomes count as reaching a person.
 * Source: docs/design.md, "The collection business in one page" and the KPI table (contacts, RPC).
 */

/** Every disposition an agent or a digital channel can record, in docs/design.md order. */
export const DISPOSITIONS = [
  'NO_ANSWER',
  'BUSY',
  'VOICEMAIL',
  'WRONG_NUMBER',
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'MESSAGE_SENT',
  'MESSAGE_REPLIED',
] as const;

/** One of {@link DISPOSITIONS}. */
export type Disposition = (typeof DISPOSITIONS)[number];

/** The channels an interaction can use. `MESSAGE_SENT`/`MESSAGE_REPLIED` belong to the digital ones. */
export const CHANNELS = ['CALL', 'SMS', 'EMAIL', 'WHATSAPP'] as const;

/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/**
 * Dispositions that mean the attempt reached a person (docs/design.md "contacts"). A sent message with no
 * reply is not a contact; a reply is.
 */
export const CONTACT_DISPOSITIONS = [
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'MESSAGE_REPLIED',
] as const satisfies readonly Disposition[];

const CONTACTS: ReadonlySet<Disposition> = new Set(CONTACT_DISPOSITIONS);

/** Type guard for dispositions arriving from the wire or the database. */
export function isDisposition(value: string): value is Disposition {
  return (DISPOSITIONS as readonly string[]).includes(value);
}

/** Type guard for channels arriving from the wire or the database. */
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** The attempt reached a person (debtor or third party): counts in "contacts". */
export function isContact(disposition: Disposition): boolean {
  return CONTACTS.has(disposition);
}

/** The attempt reached the debtor themself (right-party contact, RPC): a contact other than `THIRD_PARTY`. */
export function isRightPartyContact(disposition: Disposition): boolean {
  return isContact(disposition) && disposition !== 'THIRD_PARTY';
}

/**
 * The attempt was a conversation with the debtor about the debt — what starts US Regulation F's quiet
 * period (12 CFR 1006.14(b)(2)(i)(B): no call within 7 days after a telephone conversation). Same set as
 * right-party contacts: a talk with a third party is not a conversation about the debt with the consumer.
 * Reg F counts telephone conversations; the caller decides whether digital replies start the period.
 */
export function isConversation(disposition: Disposition): boolean {
  return isRightPartyContact(disposition);
}
