/**
 * The demo clock's rules (docs/demo.md). The demo operation's debtors may only be called inside their country's
 * contact window, so a demo started at night, at a weekend or on a holiday would show an idle floor. Its clock
 * therefore runs at real speed from a working moment: demo time is real time plus an offset, and whenever real time
 * plus the offset falls outside the window, the offset grows to the window's next opening. The offset never
 * shrinks, so demo time never goes backwards and whatever was recorded at a demo time stays in the past.
 */
import { nextWindowOpening, type ContactProfile } from './contact-window.ts';
import { localParts, startOfLocalDay } from './dates.ts';

/** Whose working hours the demo keeps to: a contact profile read in the operation's zone. */
export interface DemoHours {
  profile: ContactProfile;
  timeZone: string;
}

/**
 * The offset (demo minus real, in ms) at real instant `realMs`, given the offset used so far: unchanged while
 * real time plus it is a working moment (allowed weekday, not a holiday, inside the window), otherwise moved
 * forward so that demo time is the window's next opening. Never less than `currentOffsetMs`.
 */
export function demoOffsetAt(realMs: number, currentOffsetMs: number, hours: DemoHours): number {
  if (!Number.isFinite(realMs) || !Number.isFinite(currentOffsetMs) || currentOffsetMs < 0) {
    throw new RangeError(`demo offset: bad instant ${realMs} or offset ${currentOffsetMs}`);
  }
  const demo = new Date(realMs + currentOffsetMs);
  const opening = nextWindowOpening(hours.profile, demo, hours.timeZone);
  return currentOffsetMs + (opening.getTime() - demo.getTime());
}

/**
 * When the working window that `demoInstant` is in closes: the profile's end of the day in the zone (20:00 in
 * Lima). Reaching it, demo time moves on to the next opening.
 */
export function demoWindowCloses(demoInstant: Date, hours: DemoHours): Date {
  const { date } = localParts(demoInstant, hours.timeZone);
  return new Date(startOfLocalDay(date, hours.timeZone).getTime() + hours.profile.windowEndMinute * 60_000);
}
