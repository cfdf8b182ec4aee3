import type { Attribution, KpiWindowName } from '@recupera/shared';
import type { Clock } from '../../../core/clock.ts';
import type { Orm } from '../../../core/database/orm.ts';
import type { EventBus } from '../../../core/events/event-bus.ts';
import type { Logger } from '../../../core/logger.ts';
import { ServiceKey } from '../../../core/services.ts';
import { KpiReader } from '../kpi-reader.ts';
import type { Kpis } from '../kpi.types.ts';
import { LiveKpiEngine } from './kpi-engine.ts';
import { LiveHub } from './live-hub.ts';

/** The hub the live subscriptions stream from (registered by the composition, src/app). */
export const LIVE_HUB = new ServiceKey<LiveHub>('LiveHub');

/** The live KPI engine of this instance, the reader over it and the hub that streams it to subscribers. */
export interface LiveServices {
  engine: LiveKpiEngine;
  reader: KpiReader;
  hub: LiveHub;
  close(): void;
}

export interface LiveOptions {
  orm: Orm;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  operationCurrency: string;
  pushIntervalMs: number;
  /** Publishes the outbox at once (read-your-writes); the relay's own tick otherwise. */
  flushOutbox?: () => Promise<unknown>;
  /** Re-read everything when the bus says it may have dropped events (a Redis reconnect). */
  onBusReconnect?: (handler: () => void) => unknown;
  /**
   * Where pushed `kpiUpdated` figures come from, when not from the reader (the engine): the load benchmark's
   * naive baseline recomputes them with SQL on every push (bench/live/naive-kpis.ts).
   */
  pushedKpis?: (scope: Attribution, window: KpiWindowName) => Promise<Kpis>;
}

/** Starts the engine (rebuilding it from the database), its reader and its hub. */
export async function startLive(options: LiveOptions): Promise<LiveServices> {
  const engine = new LiveKpiEngine({
    orm: options.orm,
    bus: options.bus,
    clock: options.clock,
    logger: options.logger,
    ...(options.flushOutbox ? { flushOutbox: options.flushOutbox } : {}),
  });
  await engine.start();
  options.onBusReconnect?.(() => {
    options.logger.warn('event bus reconnected: rebuilding the live KPIs from the database');
    void engine.rebuild();
  });
  const reader = new KpiReader(engine, options.operationCurrency);
  const hub = new LiveHub(
    engine,
    {
      pushIntervalMs: options.pushIntervalMs,
      sync: () => reader.catchUp(),
      compute: options.pushedKpis ?? ((scope, window) => reader.kpis(scope, window)),
    },
    options.logger,
  );
  return {
    engine,
    reader,
    hub,
    close: () => {
      hub.close();
      engine.stop();
    },
  };
}
