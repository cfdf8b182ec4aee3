import {
  addDays,
  businessDateIn,
  kpiWindowBounds,
  scopeKey,
  startOfLocalDay,
  AgentTimeline,
  type KpiLedger,
  type KpiWindowName,
  type Attribution,
  type LiveFigures,
  type PublishedEvent,
} from '@recupera/shared';
import type { Clock } from '../../../core/clock.ts';
import { systemEm, type Orm } from '../../../core/database/orm.ts';
import type { EventBus } from '../../../core/events/event-bus.ts';
import type { Logger } from '../../../core/logger.ts';
import { runSql } from '../../../core/database/sql.ts';
import { effectOf, LEDGER_EVENT_TYPES } from './event-facts.ts';
import { loadLedger } from './ledger-loader.ts';
import { OutstandingBalances, recoveryRows, type RecoveryFigure } from './recovery-figures.ts';

/** What changed, for the live views: KPI scopes (by key) and the queues, campaigns and agents touched. */
export interface LiveChange {
  scopeKeys: Set<string>;
  /** Every scope may have changed (a rebuild, the portfolio behind recovery, a minute passing). */
  allScopes: boolean;
  queueIds: Set<string>;
  campaignIds: Set<string>;
  agentIds: Set<string>;
}

export interface ScopeFigures {
  asOf: Date;
  /** Events committed may not have reached this engine yet (the bus is down, or a sync gave up waiting). */
  mayLag: boolean;
  figures: LiveFigures;
  recovery: RecoveryFigure[];
}

const emptyChange = (): LiveChange => ({
  scopeKeys: new Set(),
  allScopes: false,
  queueIds: new Set(),
  campaignIds: new Set(),
  agentIds: new Set(),
});

/** An empty range of due dates. */
const NO_DATES = { from: '9999-12-31', to: '0000-01-01' };

/** Events remembered for de-duplication (delivery is at-least-once); a redelivery comes within moments. */
const SEEN_EVENTS_KEPT = 200_000;

/**
 * The live KPIs of one API instance, kept from the committed events the outbox relay publishes (on this process's
 * bus, or Redis for every instance) — never by rescanning facts on an update. Rebuilt from the database at start,
 * when the bus may have lost events (Redis reconnect), when the business day changes, and if the clock moves
 * backwards; between rebuilds each event costs a few map updates. The outstanding balances behind recovery are
 * read once per scope and business day, and again only after an event that changes membership or placement.
 */
export class LiveKpiEngine {
  private ledger: KpiLedger | null = null;
  private timelines = new Map<string, AgentTimeline>();
  private readonly seen = new Set<string>();
  private readonly outstanding: OutstandingBalances;
  private readonly listeners = new Set<(change: LiveChange) => void>();
  private buffered: PublishedEvent[] | null = null;
  private rebuilding: Promise<void> | null = null;
  private lastNow = 0;
  /** Every committed ledger event up to this id has been counted (see `sync`). */
  private syncedUpTo = 0n;
  private unsubscribe: (() => void) | null = null;
  private unsubscribeDelivery: (() => void) | null = null;
  /**
   * Committed events may be missing here: set when the bus stops delivering or a sync gives up; cleared by a sync
   * that saw every committed event, or a rebuild from the database while the bus delivers.
   */
  private behind = false;
  private syncRunning: Promise<boolean> | null = null;
  private syncNext: Promise<boolean> | null = null;
  private minuteTimer: NodeJS.Timeout | null = null;
  private dayStart = new Date(0);
  /** Events applied since start, duplicates excluded (read by the metrics at scrape time). */
  eventsApplied = 0;

  constructor(
    private readonly deps: {
      orm: Orm;
      bus: EventBus;
      clock: Clock;
      logger: Logger;
      /** Publishes the outbox now instead of at the relay's next tick (read-your-writes for `sync`). */
      flushOutbox?: () => Promise<unknown>;
    },
  ) {
    this.outstanding = new OutstandingBalances(deps.orm);
  }

  async start(): Promise<void> {
    // Subscribe first, then read: whatever commits meanwhile is either in the snapshot or delivered after it.
    this.unsubscribe = this.deps.bus.subscribe((events) => this.receive(events));
    this.unsubscribeDelivery =
      this.deps.bus.onDeliveryChange?.((delivering) => this.onDeliveryChange(delivering)) ?? null;
    await this.rebuild();
    this.scheduleMinuteTick();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribeDelivery?.();
    if (this.minuteTimer) clearTimeout(this.minuteTimer);
  }

  /** Listens to every change; returns the unsubscribe function. */
  onChange(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the ledger and reads it again from the database (e.g. after the bus may have dropped events). */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.doRebuild().finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  /**
   * Waits until every ledger event committed before the call has been counted here, so a client that wrote and
   * then reads sees its write (whichever instance's relay publishes it). Gives up after `timeoutMs` and answers
   * with what it has: a late relay must not block reads. While the bus is not delivering (Redis away) it does not
   * wait at all: the events cannot arrive, and the figures say they may lag (`mayLag`). Resolves to whether
   * every committed event was counted.
   */
  sync(timeoutMs = 3_000): Promise<boolean> {
    // Many callers at once (5,000 subscribers opening, each snapshot syncing) share passes: a caller joins the
    // pass that starts after the running one, never the running one itself, which may have read the outbox
    // before the caller's own write committed.
    if (!this.syncRunning) {
      this.syncRunning = this.syncPass(timeoutMs).finally(() => (this.syncRunning = null));
      return this.syncRunning;
    }
    this.syncNext ??= this.syncRunning
      .catch(() => undefined)
      .then(() => {
        this.syncNext = null;
        return this.sync(timeoutMs);
      });
    return this.syncNext;
  }

  private async syncPass(timeoutMs: number): Promise<boolean> {
    if (!this.busDelivering()) {
      this.behind = true;
      return false;
    }
    const em = systemEm(this.deps.orm);
    const [newest] = await runSql<{ id: string | null }>(em, 'select max(id)::text as id from domain_event');
    const upTo = BigInt(newest?.id ?? '0');
    if (upTo <= this.syncedUpTo) {
      this.behind = false;
      return true;
    }
    const types = LEDGER_EVENT_TYPES.map(() => '?').join(', ');
    const rows = await runSql<{ id: string }>(
      em,
      `select id::text from domain_event where id > ? and id <= ? and type in (${types})`,
      [this.syncedUpTo.toString(), upTo.toString(), ...LEDGER_EVENT_TYPES],
    );
    const deadline = Date.now() + timeoutMs;
    let missing = rows.map((row) => row.id);
    while (missing.length > 0 && Date.now() < deadline && this.busDelivering()) {
      if (this.rebuilding) await this.rebuilding;
      missing = missing.filter((id) => !this.seen.has(id) && BigInt(id) > this.syncedUpTo);
      if (missing.length === 0) break;
      // A failed publish (Redis went away meanwhile) leaves the events in the outbox: the loop's test ends the wait.
      await this.deps.flushOutbox?.().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (missing.length > 0) {
      this.deps.logger.warn(`live KPIs: ${missing.length} committed events not yet received`);
      this.behind = true;
      return false;
    }
    if (upTo > this.syncedUpTo) this.syncedUpTo = upTo;
    this.behind = false;
    return true;
  }

  /** Whether the bus hands this engine what is published now (a bus that cannot tell always does). */
  private busDelivering(): boolean {
    return this.deps.bus.delivering?.() ?? true;
  }

  /** Whether figures read now may miss committed events (see `behind`). */
  get mayLag(): boolean {
    return this.behind || !this.busDelivering();
  }

  /** The figures of a scope and window at the clock's now. */
  async figures(scope: Attribution, window: KpiWindowName): Promise<ScopeFigures> {
    const now = await this.current();
    const key = scopeKey(scope);
    const figures = this.ledger!.figures(key, window, now);
    const mayLag = this.mayLag;
    return { asOf: now, mayLag, figures, recovery: await this.recovery(scope, key, figures) };
  }

  /** Today's figures in steps of `stepMinutes` from local midnight to now (rates per step, not cumulative). */
  async trend(scope: Attribution, stepMinutes: number): Promise<{ from: Date; figures: LiveFigures }[]> {
    const now = await this.current();
    const ledger = this.ledger!;
    const key = scopeKey(scope);
    const points: { from: Date; figures: LiveFigures }[] = [];
    const stepMs = stepMinutes * 60_000;
    for (let start = this.dayStart.getTime(); start <= now.getTime(); start += stepMs) {
      const from = new Date(start);
      const to = new Date(Math.min(start + stepMs - 1, now.getTime()));
      // Promise outcomes count by due date, a whole day: no step of a day owns them, so steps carry none.
      points.push({ from, figures: ledger.figuresBetween(key, from, to, NO_DATES.from, NO_DATES.to) });
    }
    return points;
  }

  /** Seconds the agent was logged in, and on contact, in the window. */
  async agentTime(agentId: string, window: KpiWindowName): Promise<{ loggedIn: number; onContact: number }> {
    const now = await this.current();
    const bounds = kpiWindowBounds(window, now, this.ledger!.timeZone);
    const timeline = this.timelines.get(agentId);
    if (!timeline) return { loggedIn: 0, onContact: 0 };
    const from = bounds.from.getTime();
    const to = now.getTime();
    return {
      loggedIn: timeline.seconds(from, to, (status) => status !== 'LOGGED_OUT'),
      onContact: timeline.seconds(from, to, (status) => status === 'ON_CONTACT'),
    };
  }

  /** The clock's now, with the ledger brought to it: rebuilt on a new day or a clock that went back. */
  private async current(): Promise<Date> {
    if (this.rebuilding) await this.rebuilding;
    const now = this.deps.clock.now();
    const ledger = this.ledger!;
    if (businessDateIn(now, ledger.timeZone) !== ledger.businessDate || now.getTime() < this.lastNow) {
      await this.rebuild();
      return this.current();
    }
    this.lastNow = now.getTime();
    const changed = ledger.advance(now.getTime());
    if (changed.length > 0) this.emit({ ...emptyChange(), scopeKeys: new Set(changed) });
    return now;
  }

  private async doRebuild(): Promise<void> {
    this.buffered = [];
    try {
      const now = this.deps.clock.now();
      const timeZone = this.deps.clock.timeZone;
      const businessDate = businessDateIn(now, timeZone);
      const dayStart = startOfLocalDay(businessDate, timeZone);
      const lastHour = kpiWindowBounds('LAST_HOUR', now, timeZone);
      const from = new Date(Math.min(dayStart.getTime(), lastHour.from.getTime()));
      const loaded = await loadLedger(this.deps.orm, {
        now,
        from,
        fromDate: lastHour.fromDate < businessDate ? lastHour.fromDate : businessDate,
        businessDate,
        dayStart,
        timeZone,
      });
      this.ledger = loaded.ledger;
      this.timelines = loaded.timelines;
      this.dayStart = dayStart;
      this.lastNow = now.getTime();
      this.seen.clear();
      for (const id of loaded.counted) this.seen.add(id);
      this.syncedUpTo = BigInt(loaded.newestEventId);
      // Read from the database itself: complete as of now, unless the bus stopped delivering meanwhile.
      this.behind = !this.busDelivering();
      this.outstanding.clear();
      const waiting = this.buffered;
      this.buffered = null;
      this.apply(waiting);
    } finally {
      this.buffered = null;
    }
    this.emit({ ...emptyChange(), allScopes: true });
  }

  /**
   * The bus went down or came back. Down: the figures may lag from now on. Back: a sync proves (or not) that
   * every event committed meanwhile has arrived (the relay publishes the outbox's backlog; after a Redis reconnect
   * the engine is also rebuilt). Either way every view is refreshed, so subscribers see `mayLag` change.
   */
  private onDeliveryChange(delivering: boolean): void {
    if (!delivering) {
      this.behind = true;
      this.emit({ ...emptyChange(), allScopes: true });
      return;
    }
    void this.sync()
      .catch((error: unknown) => this.deps.logger.warn('live KPIs: sync after the bus came back failed', error))
      .finally(() => this.emit({ ...emptyChange(), allScopes: true }));
  }

  private receive(events: PublishedEvent[]): void {
    if (this.buffered) this.buffered.push(...events);
    else if (this.ledger) this.apply(events);
  }

  private apply(events: PublishedEvent[]): void {
    const ledger = this.ledger!;
    const now = Math.max(this.deps.clock.now().getTime(), this.lastNow);
    const change = emptyChange();
    for (const event of events) {
      if (this.seen.has(event.id)) continue;
      this.remember(event.id);
      this.eventsApplied += 1;
      const effect = effectOf(event, ledger.businessDate, this.dayStart);
      if (effect.timed) for (const key of ledger.record(effect.timed, now)) change.scopeKeys.add(key);
      if (effect.outcome) for (const key of ledger.recordOutcome(effect.outcome)) change.scopeKeys.add(key);
      if (effect.agentStatus) {
        const { agentId, status, at } = effect.agentStatus;
        let timeline = this.timelines.get(agentId);
        if (!timeline) {
          timeline = new AgentTimeline();
          this.timelines.set(agentId, timeline);
        }
        timeline.change(status, at);
      }
      if (effect.portfolioChanged) {
        this.outstanding.clear();
        change.allScopes = true;
      }
      for (const id of effect.queueIds) change.queueIds.add(id);
      for (const id of effect.campaignIds) change.campaignIds.add(id);
      for (const id of effect.agentIds) change.agentIds.add(id);
    }
    if (
      change.scopeKeys.size ||
      change.allScopes ||
      change.queueIds.size ||
      change.agentIds.size ||
      change.campaignIds.size
    ) {
      this.emit(change);
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_EVENTS_KEPT) {
      // Sets iterate in insertion order: the oldest ids go first.
      const drop = this.seen.size - SEEN_EVENTS_KEPT / 2;
      let dropped = 0;
      for (const old of this.seen) {
        if (dropped++ >= drop) break;
        this.seen.delete(old);
      }
    }
  }

  private emit(change: LiveChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.deps.logger.error('live KPI listener failed', error);
      }
    }
  }

  /** Recovery rows: collected from the ledger, outstanding at day start read once per scope (and portfolio change). */
  private async recovery(scope: Attribution, key: string, figures: LiveFigures): Promise<RecoveryFigure[]> {
    if (scope.agentId !== null) return [];
    const ledger = this.ledger!;
    const outstanding = await this.outstanding.forScope(scope, key, ledger.businessDate, ledger.timeZone);
    return recoveryRows(outstanding, figures.recovered);
  }

  /** Sliding windows move every minute even without events: tell the views, and forget what left every window. */
  private scheduleMinuteTick(): void {
    const delay = 60_000 - (Date.now() % 60_000) + 50;
    this.minuteTimer = setTimeout(() => {
      void this.current()
        .then((now) => {
          const ledger = this.ledger!;
          const lastHour = kpiWindowBounds('LAST_HOUR', now, ledger.timeZone);
          const keepFrom = new Date(Math.min(this.dayStart.getTime(), lastHour.from.getTime()));
          ledger.prune(keepFrom, addDays(ledger.businessDate, -1));
          for (const timeline of this.timelines.values()) timeline.prune(keepFrom.getTime());
          this.emit({ ...emptyChange(), allScopes: true });
        })
        .catch((error: unknown) => this.deps.logger.error('live KPI minute tick failed', error))
        .finally(() => this.scheduleMinuteTick());
    }, delay);
    this.minuteTimer.unref();
  }
}
