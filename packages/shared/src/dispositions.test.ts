import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  CONTACT_DISPOSITIONS,
  DISPOSITIONS,
  isChannel,
  isContact,
  isConversation,
  isDisposition,
  isRightPartyContact,
  type Disposition,
} from './dispositions.ts';

describe('dispositions', () => {
  it('lists the twelve dispositions in docs/design.md order', () => {
    expect(DISPOSITIONS).toEqual([
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
    ]);
    expect(CHANNELS).toEqual(['CALL', 'SMS', 'EMAIL', 'WHATSAPP']);
    expect(CONTACT_DISPOSITIONS).toHaveLength(7);
  });

  // [disposition, contact, right-party contact] from the docs/design.md KPI table.
  const table: [Disposition, boolean, boolean][] = [
    ['NO_ANSWER', false, false],
    ['BUSY', false, false],
    ['VOICEMAIL', false, false],
    ['WRONG_NUMBER', false, false],
    ['THIRD_PARTY', true, false],
    ['REFUSED_TO_PAY', true, true],
    ['PROMISE_TO_PAY', true, true],
    ['ALREADY_PAID', true, true],
    ['DISPUTE', true, true],
    ['CALLBACK_REQUESTED', true, true],
    ['MESSAGE_SENT', false, false],
    ['MESSAGE_REPLIED', true, true],
  ];

  it.each(table)('%s: contact %s, right-party contact %s', (disposition, contact, rightParty) => {
    expect(isContact(disposition)).toBe(contact);
    expect(isRightPartyContact(disposition)).toBe(rightParty);
    expect(isConversation(disposition)).toBe(rightParty);
  });

  it('guards wire values', () => {
    expect(isDisposition('PROMISE_TO_PAY')).toBe(true);
    expect(isDisposition('promise_to_pay')).toBe(false);
    expect(isChannel('WHATSAPP')).toBe(true);
    expect(isChannel('FAX')).toBe(false);
  });
});
