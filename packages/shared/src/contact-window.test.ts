import { describe, expect, it } from 'vitest';
import {
  CONTACT_PROFILES,
  nextWindowOpening,
  evaluateContact,
  isContactProfileCountry,
  rollingWindowStartDate,
  type ContactEvaluationInput,
  type ContactHistory,
  type ContactProfile,
} from './contact-window.ts';

const NO_HISTORY: ContactHistory = { attemptsToday: 0, attemptsInRollingWindow: 0, lastConversationAt: null };
const { PE, US, ES, EC } = CONTACT_PROFILES;

function check(
  profile: ContactProfile,
  instantIso: string,
  timeZone: string,
  overrides: Partial<ContactEvaluationInput> = {},
) {
  return evaluateContact({
    profile,
    instant: new Date(instantIso),
    timeZone,
    doNotContact: false,
    disputed: false,
    history: NO_HISTORY,
    ...overrides,
  });
}

const ALLOWED = { allowed: true, reasons: [] };

describe('profiles', () => {
  it('encode docs/design.md as data', () => {
    expect(PE).toMatchObject({ allowedWeekdays: [1, 2, 3, 4, 5], windowStartMinute: 420, windowEndMinute: 1200 });
    expect(PE).toMatchObject({ excludePublicHolidays: true, thirdPartyContactAllowed: false });
    expect(US).toMatchObject({ allowedWeekdays: [1, 2, 3, 4, 5, 6, 7], windowStartMinute: 480, windowEndMinute: 1260 });
    expect(US).toMatchObject({ maxAttemptsInRollingDays: { attempts: 7, days: 7 }, quietDaysAfterConversation: 7 });
    expect(ES).toMatchObject({ allowedWeekdays: [1, 2, 3, 4, 5], windowStartMinute: 540, windowEndMinute: 1260 });
    expect(EC).toMatchObject({ windowStartMinute: 420, windowEndMinute: 1200, maxAttemptsPerDay: 1 });
    expect(PE.source).toContain('29571');
    expect(US.source).toContain('1006.14');
    expect(isContactProfileCountry('EC')).toBe(true);
    expect(isContactProfileCountry('CO')).toBe(false);
  });
});

describe('time zones', () => {
  // 2026-03-10 19:30 UTC is Tuesday 14:30 in Lima (UTC-5) and 20:30 in Madrid (UTC+1).
  const instant = '2026-03-10T19:30:00Z';

  it('the same instant is allowed in Lima and not in Madrid under the Peruvian rules', () => {
    expect(check(PE, instant, 'America/Lima')).toEqual(ALLOWED);
    expect(check(PE, instant, 'Europe/Madrid')).toEqual({ allowed: false, reasons: ['OUTSIDE_HOURS'] });
  });

  it('uses the debtor-local weekday, not the UTC one', () => {
    // Friday 19:30 in Lima is already Saturday 00:30 UTC.
    expect(check(PE, '2026-03-14T00:30:00Z', 'America/Lima')).toEqual(ALLOWED);
  });
});

describe('Peru', () => {
  it('refuses Sundays', () => {
    expect(check(PE, '2026-03-08T15:00:00Z', 'America/Lima')).toEqual({
      allowed: false,
      reasons: ['NOT_A_CONTACT_DAY'],
    });
  });

  it('refuses national holidays, fixed and moveable', () => {
    const blocked = { allowed: false, reasons: ['PUBLIC_HOLIDAY'] };
    expect(check(PE, '2026-07-28T15:00:00Z', 'America/Lima')).toEqual(blocked); // Tuesday, Fiestas Patrias
    expect(check(PE, '2026-04-03T15:00:00Z', 'America/Lima')).toEqual(blocked); // Good Friday
    expect(check(PE, '2026-04-02T15:00:00Z', 'America/Lima')).toEqual(blocked); // Holy Thursday
    expect(check(PE, '2026-04-01T15:00:00Z', 'America/Lima')).toEqual(ALLOWED);
  });

  it.each([
    ['2026-03-10T11:59:00Z', '06:59', false],
    ['2026-03-10T12:00:00Z', '07:00', true],
    ['2026-03-11T00:59:00Z', '19:59', true],
    ['2026-03-11T00:59:59Z', '19:59:59', true],
    ['2026-03-11T01:00:00Z', '20:00', false],
  ])('%s (%s in Lima) allowed: %s', (instant, _local, allowed) => {
    expect(check(PE, instant, 'America/Lima')).toEqual(
      allowed ? ALLOWED : { allowed: false, reasons: ['OUTSIDE_HOURS'] },
    );
  });

  it('lists every reason that applies, in a stable order', () => {
    // Sunday 2026-03-08 at 05:00 in Lima, account flagged twice.
    expect(check(PE, '2026-03-08T10:00:00Z', 'America/Lima', { doNotContact: true, disputed: true })).toEqual({
      allowed: false,
      reasons: ['DO_NOT_CONTACT', 'DISPUTED', 'OUTSIDE_HOURS', 'NOT_A_CONTACT_DAY'],
    });
    // Tuesday 2026-07-28 (holiday) at 21:00 in Lima.
    expect(check(PE, '2026-07-29T02:00:00Z', 'America/Lima').reasons).toEqual(['OUTSIDE_HOURS', 'PUBLIC_HOLIDAY']);
  });

  it('has no caps', () => {
    const history = {
      attemptsToday: 50,
      attemptsInRollingWindow: 300,
      lastConversationAt: new Date('2026-03-10T14:00:00Z'),
    };
    expect(check(PE, '2026-03-10T15:00:00Z', 'America/Lima', { history })).toEqual(ALLOWED);
  });
});

describe('United States (Regulation F)', () => {
  // New York is on EDT (UTC-4) from 2026-03-08.
  it.each([
    ['2026-03-11T11:59:00Z', false], // 07:59
    ['2026-03-11T12:00:00Z', true], // 08:00
    ['2026-03-12T00:59:00Z', true], // 20:59
    ['2026-03-12T01:00:00Z', false], // 21:00
  ])('window edge %s allowed: %s', (instant, allowed) => {
    expect(check(US, instant, 'America/New_York').allowed).toBe(allowed);
  });

  it('allows weekends and holidays', () => {
    expect(check(US, '2026-03-08T16:00:00Z', 'America/New_York')).toEqual(ALLOWED); // Sunday noon
    expect(check(US, '2026-07-03T16:00:00Z', 'America/New_York')).toEqual(ALLOWED); // observed holiday
  });

  it('presumes harassment after 7 attempts in 7 days', () => {
    const at = (attemptsInRollingWindow: number) =>
      check(US, '2026-03-11T18:00:00Z', 'America/New_York', { history: { ...NO_HISTORY, attemptsInRollingWindow } });
    expect(at(6)).toEqual(ALLOWED); // this would be the 7th
    expect(at(7)).toEqual({ allowed: false, reasons: ['ROLLING_CAP'] }); // this would be the 8th
  });

  it('keeps 7 quiet days after a conversation, its day being day 1', () => {
    // Conversation Monday 2026-03-02 15:00 EST (20:00 UTC). Quiet through Sunday 2026-03-08.
    const history = { ...NO_HISTORY, lastConversationAt: new Date('2026-03-02T20:00:00Z') };
    expect(check(US, '2026-03-02T21:00:00Z', 'America/New_York', { history }).reasons).toEqual([
      'QUIET_AFTER_CONVERSATION',
    ]);
    expect(check(US, '2026-03-08T16:00:00Z', 'America/New_York', { history }).reasons).toEqual([
      'QUIET_AFTER_CONVERSATION',
    ]);
    expect(check(US, '2026-03-09T13:00:00Z', 'America/New_York', { history })).toEqual(ALLOWED); // Monday 09:00
  });

  it('counts quiet days on the debtor-local calendar', () => {
    // 23:30 EST on Monday 2026-03-02 is already Tuesday in UTC; Monday 2026-03-09 is still day 8 locally.
    const lateMonday = { ...NO_HISTORY, lastConversationAt: new Date('2026-03-03T04:30:00Z') };
    expect(check(US, '2026-03-09T13:00:00Z', 'America/New_York', { history: lateMonday })).toEqual(ALLOWED);
    // Conversation Monday 10:00 EST; Sunday 2026-03-08 20:30 EDT is already Monday in UTC, but locally day 7.
    const morningMonday = { ...NO_HISTORY, lastConversationAt: new Date('2026-03-02T15:00:00Z') };
    expect(check(US, '2026-03-09T00:30:00Z', 'America/New_York', { history: morningMonday }).reasons).toEqual([
      'QUIET_AFTER_CONVERSATION',
    ]);
  });

  it('gives the first day of the rolling window', () => {
    expect(rollingWindowStartDate('2026-03-11', 7)).toBe('2026-03-05');
    expect(rollingWindowStartDate('2026-01-03', 7)).toBe('2025-12-28');
    expect(rollingWindowStartDate('2026-03-11', 1)).toBe('2026-03-11');
    expect(() => rollingWindowStartDate('2026-03-11', 0)).toThrow(RangeError);
  });
});

describe('Ecuador', () => {
  // Guayaquil is UTC-5 all year. Tuesday 2026-03-10 10:00 local = 15:00 UTC.
  it('allows one contact a day', () => {
    expect(check(EC, '2026-03-10T15:00:00Z', 'America/Guayaquil')).toEqual(ALLOWED);
    expect(
      check(EC, '2026-03-10T15:00:00Z', 'America/Guayaquil', { history: { ...NO_HISTORY, attemptsToday: 1 } }),
    ).toEqual({ allowed: false, reasons: ['DAILY_CAP'] });
  });

  it('refuses Carnival and 07:00–20:00 edges', () => {
    expect(check(EC, '2026-02-16T15:00:00Z', 'America/Guayaquil').reasons).toEqual(['PUBLIC_HOLIDAY']);
    expect(check(EC, '2026-03-10T12:00:00Z', 'America/Guayaquil')).toEqual(ALLOWED); // 07:00
    expect(check(EC, '2026-03-11T01:00:00Z', 'America/Guayaquil').reasons).toEqual(['OUTSIDE_HOURS']); // 20:00
  });
});

describe('Spain across the DST changes', () => {
  it('applies CET before and CEST after the March change', () => {
    // 07:30 UTC is 08:30 CET on Friday 2026-03-27 but 09:30 CEST on Monday 2026-03-30.
    expect(check(ES, '2026-03-27T07:30:00Z', 'Europe/Madrid').reasons).toEqual(['OUTSIDE_HOURS']);
    expect(check(ES, '2026-03-30T07:30:00Z', 'Europe/Madrid')).toEqual(ALLOWED);
  });

  it('uses the new offset on the transition day itself', () => {
    // Sunday 2026-03-29: 07:30 UTC is 09:30 CEST (inside hours); the day alone blocks it.
    expect(check(ES, '2026-03-29T07:30:00Z', 'Europe/Madrid').reasons).toEqual(['NOT_A_CONTACT_DAY']);
    // Saturday 2026-03-28: 07:30 UTC is 08:30 CET.
    expect(check(ES, '2026-03-28T07:30:00Z', 'Europe/Madrid').reasons).toEqual(['OUTSIDE_HOURS', 'NOT_A_CONTACT_DAY']);
  });

  it('applies CEST before and CET after the October change', () => {
    expect(check(ES, '2026-10-23T06:30:00Z', 'Europe/Madrid').reasons).toEqual(['OUTSIDE_HOURS']); // Fri 08:30 CEST
    expect(check(ES, '2026-10-23T07:30:00Z', 'Europe/Madrid')).toEqual(ALLOWED); // Fri 09:30 CEST
    expect(check(ES, '2026-10-26T07:30:00Z', 'Europe/Madrid').reasons).toEqual(['OUTSIDE_HOURS']); // Mon 08:30 CET
    expect(check(ES, '2026-10-26T08:00:00Z', 'Europe/Madrid')).toEqual(ALLOWED); // Mon 09:00 CET
    expect(check(ES, '2026-10-26T19:59:00Z', 'Europe/Madrid')).toEqual(ALLOWED); // Mon 20:59 CET
    expect(check(ES, '2026-10-26T20:00:00Z', 'Europe/Madrid').reasons).toEqual(['OUTSIDE_HOURS']); // Mon 21:00 CET
  });

  it('refuses national holidays', () => {
    expect(check(ES, '2026-10-12T10:00:00Z', 'Europe/Madrid').reasons).toEqual(['PUBLIC_HOLIDAY']); // Monday
  });
});

describe('custom profiles', () => {
  it('are plain data the same function applies', () => {
    const weekendsOnly: ContactProfile = { ...PE, country: 'XX', allowedWeekdays: [6, 7], excludePublicHolidays: true };
    expect(check(weekendsOnly, '2026-03-08T15:00:00Z', 'America/Lima')).toEqual(ALLOWED); // Sunday, no calendar for XX
    expect(check(weekendsOnly, '2026-03-10T15:00:00Z', 'America/Lima').reasons).toEqual(['NOT_A_CONTACT_DAY']);
  });

  it('throw for an unknown time zone', () => {
    expect(() => check(PE, '2026-03-10T15:00:00Z', 'Nowhere/Place')).toThrow(RangeError);
  });
});

describe('nextWindowOpening', () => {
  const lima = 'America/Lima'; // UTC−5, no DST

  it('is the instant itself inside the window', () => {
    const tuesdayTen = new Date('2026-11-24T15:00:00.000Z'); // 10:00 Lima
    expect(nextWindowOpening(CONTACT_PROFILES.PE, tuesdayTen, lima)).toEqual(tuesdayTen);
  });

  it('is 07:00 the same day before the window opens', () => {
    const tuesdayFive = new Date('2026-11-24T10:00:00.000Z'); // 05:00 Lima
    expect(nextWindowOpening(CONTACT_PROFILES.PE, tuesdayFive, lima)).toEqual(new Date('2026-11-24T12:00:00.000Z'));
  });

  it('skips the evening, the weekend and goes to Monday 07:00', () => {
    const fridayNinePm = new Date('2026-11-28T02:00:00.000Z'); // Friday 2026-11-27 21:00 Lima
    expect(nextWindowOpening(CONTACT_PROFILES.PE, fridayNinePm, lima)).toEqual(new Date('2026-11-30T12:00:00.000Z'));
  });

  it('skips Peruvian holidays: 28 and 29 July 2026 (Tue, Wed) → Thursday 30 July 07:00', () => {
    const mondayNight = new Date('2026-07-28T02:00:00.000Z'); // Monday 2026-07-27 21:00 Lima
    expect(nextWindowOpening(CONTACT_PROFILES.PE, mondayNight, lima)).toEqual(new Date('2026-07-30T12:00:00.000Z'));
  });

  it('opens on a Saturday where the profile allows it (US, 08:00 in New York)', () => {
    const saturdayEarly = new Date('2026-11-28T11:00:00.000Z'); // 06:00 EST
    expect(nextWindowOpening(CONTACT_PROFILES.US, saturdayEarly, 'America/New_York')).toEqual(
      new Date('2026-11-28T13:00:00.000Z'),
    );
  });
});
