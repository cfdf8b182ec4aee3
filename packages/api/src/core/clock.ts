import { businessDateIn, type IsoDate } from '@recupera/shared';

/**
 * The one source of "now" for the API. Services never call `new Date()` for business decisions, so tests
 * (and the aging roll) can move time deliberately.
 */
export interface Clock {
  /** The operation's time zone, in which the business date turns. */
  readonly timeZone: string;
  now(): Date;
  /** Today's calendar date in the operation's time zone: the date days-past-due and buckets are computed on. */
  businessDate(): IsoDate;
}

export class SystemClock implements Clock {
  constructor(readonly timeZone: string) {}
  now(): Date {
    return new Date();
  }
  businessDate(): IsoDate {
    return businessDateIn(this.now(), this.timeZone);
  }
}

/** A clock that stands still until told otherwise. */
export class FixedClock implements Clock {
  constructor(
    private instant: Date,
    readonly timeZone: string,
  ) {}
  now(): Date {
    return new Date(this.instant);
  }
  businessDate(): IsoDate {
    return businessDateIn(this.instant, this.timeZone);
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}
