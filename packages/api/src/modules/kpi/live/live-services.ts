import type { Clock } from '../../../core/clock.ts';
import type { Orm } from '../../../core/database/orm.ts';
import type { EventBus } from '../../../core/events/event-bus.ts';
import type { Logger } from '../../../core/logger.ts';
import { buildKpis } from '../kpi.service.ts';
import { LiveKpiEngine } from './kpi-engine.ts';
import { LiveHub } from './live-hub.ts';
import { sqlKpiCompute } from './sql-compute.ts';

/** The live KPI engine of this instance and the hub that streams it to subscribers. */
export interface LiveServices {
  engine: LiveKpiEngine;
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
   * Where `kpiUpdated` figures come from: the engine (default), or `sql` — recomputed with SQL aggregates on every
   * push, the naive baseline the load benchmark compares against (KPI_SOURCE).
   */
  kpiSource?: 'engine' | 'sql';
}

/** Starts the engine (rebuilding it from the database) and its hub. */
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
  const hub = new LiveHub(
    engine,
    {
      pushIntervalMs: options.pushIntervalMs,
      sync: () => engine.sync(),
      compute:
        options.kpiSource === 'sql'
          ? sqlKpiCompute(options.orm, options.clock, options.operationCurrency)
          : async (scope, window) => {
              const { asOf, figures, recovery } = await engine.figures(scope, window);
              return buildKpis({ ...figures, recovery }, asOf, options.operationCurrency);
            },
    },
    options.logger,
  );
  return {
    engine,
    hub,
    close: () => {
      hub.close();
      engine.stop();
    },
  };
}
