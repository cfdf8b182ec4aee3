/**
 * The live-KPI bench's table, its engine-vs-naive ratios and the targets, measured against the figures.
 */
import type { Phase1Result, StepResult } from './phases.ts';

interface Variant {
  kpiSource: 'engine' | 'sql';
  idleRssMiB: number;
  phase1: Phase1Result;
  steps: StepResult[];
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const cell = (value: string, width: number) => value.padStart(width);

export interface Summary {
  ratios: {
    targetPerSecond: number;
    kpiSqlPerUpdate: number;
    livePathSqlPerUpdate: number;
    p99Latency: number;
    ingested: number;
  }[];
  targets: { name: string; measured: string; met: boolean }[];
}

export function printReport(variants: Variant[], options: { subscribers: number; pushIntervalMs: number }): Summary {
  console.log('\nphase 1 — TrafficSimulator through GraphQL (one API process)');
  console.log('variant   agents  requests/s  events/s  interactions  errors  msgs/sub  RSS peak MiB');
  for (const { kpiSource, phase1 } of variants) {
    console.log(
      kpiSource.padEnd(8),
      cell(String(phase1.agents), 7),
      cell(fixed(phase1.requestsPerSecond), 11),
      cell(fixed(phase1.domainEventsPerSecond), 9),
      cell(String(phase1.interactions), 13),
      cell(String(phase1.errors), 7),
      cell(fixed(phase1.messagesPerSubscriber, 1), 9),
      cell(fixed(phase1.rssPeakMiB), 13),
    );
  }

  console.log(
    `\nphase 2 — direct SQL commits, ${options.subscribers} subscribers, push interval ${options.pushIntervalMs} ms`,
  );
  console.log(
    'variant  target/s  wrote/s  ingested/s  backlog  lat p50   p95    p99 ms  censored  msgs/sub  updates' +
      '  KPI SQL ms/upd  +relay ms/upd  API SQL ms  PG active ms  RSS peak',
  );
  for (const { kpiSource, steps } of variants) {
    for (const step of steps) {
      const sqlMs = Object.values(step.sql).reduce((total, entry) => total + (entry?.ms ?? 0), 0);
      console.log(
        kpiSource.padEnd(7),
        cell(String(step.targetPerSecond), 9),
        cell(fixed(step.writtenPerSecond), 8),
        cell(fixed(step.ingestedPerSecond), 11),
        cell(String(step.outboxBacklogAtEnd), 8),
        cell(fixed(step.latencyMs.p50), 8),
        cell(fixed(step.latencyMs.p95), 6),
        cell(fixed(step.latencyMs.p99), 9),
        cell(String(step.latencyMs.censored), 9),
        cell(fixed(step.messagesPerSubscriber, 1), 9),
        cell(String(step.pushedUpdates), 8),
        cell(fixed(step.kpiSqlMsPerUpdate, 3), 15),
        cell(fixed(step.livePathSqlMsPerUpdate, 3), 14),
        cell(fixed(sqlMs), 11),
        cell(fixed(step.serverActiveMs), 13),
        cell(fixed(step.rss.peakMiB), 8),
      );
    }
  }

  console.log(
    "\nthe bench clients' own share (one process: the subscribers' connections, the writer, the timestamps) and the API's CPU",
  );
  for (const { kpiSource, steps } of variants) {
    for (const step of steps) {
      const delay = step.client.eventLoopDelayMs;
      console.log(
        `${kpiSource.padEnd(7)} ${String(step.targetPerSecond).padStart(5)}/s: clients ${fixed(100 * step.client.cpuShareOfOneCore)}% ` +
          `of a core, event-loop delay p50/p99/max ${fixed(delay.p50)}/${fixed(delay.p99)}/${fixed(delay.max)} ms ` +
          `(p99 = ${fixed((100 * delay.p99) / step.latencyMs.p99)}% of the latency p99: a message arriving during a ` +
          `stall is timestamped that late); API ${fixed(100 * step.apiCpu.shareOfOneCore)}% of a core, ` +
          `${fixed(1000 * step.apiCpu.msPerMessage, 1)} µs CPU per message sent`,
      );
    }
  }

  const engine = variants.find((variant) => variant.kpiSource === 'engine');
  const naive = variants.find((variant) => variant.kpiSource === 'sql');
  const ratios: Summary['ratios'] = [];
  if (engine && naive) {
    console.log(
      '\nnaive ÷ engine at the same rate (higher = the engine is better; latency and throughput: engine ÷ naive)',
    );
    for (const step of naive.steps) {
      const mine = engine.steps.find((candidate) => candidate.targetPerSecond === step.targetPerSecond);
      if (!mine) continue;
      const ratio = {
        targetPerSecond: step.targetPerSecond,
        kpiSqlPerUpdate: step.kpiSqlMsPerUpdate / mine.kpiSqlMsPerUpdate,
        livePathSqlPerUpdate: step.livePathSqlMsPerUpdate / mine.livePathSqlMsPerUpdate,
        p99Latency: step.latencyMs.p99 / mine.latencyMs.p99,
        ingested: mine.ingestedPerSecond / step.ingestedPerSecond,
      };
      ratios.push(ratio);
      console.log(
        `${String(step.targetPerSecond).padStart(5)}/s: KPI SQL per update ${fixed(ratio.kpiSqlPerUpdate, 0)}×, ` +
          `with the relay ${fixed(ratio.livePathSqlPerUpdate, 1)}×, p99 latency ${fixed(ratio.p99Latency, 1)}×, ` +
          `ingested ${fixed(ratio.ingested, 2)}×${step.saturated ? ' (naive saturated)' : ''}`,
      );
    }
  }

  const targets: Summary['targets'] = [];
  if (engine) {
    // Kept up: took in at least 95% of what was written, with the outbox not growing.
    const keptUp = engine.steps.filter((step) => step.ingestedPerSecond >= 0.95 * step.writtenPerSecond);
    const best = Math.max(0, ...keptUp.map((step) => step.ingestedPerSecond));
    targets.push({ name: '≥ 2,000 events/s ingested', measured: `${fixed(best)} events/s`, met: best >= 2_000 });
    // Issue 14: at 1,000 events/s, event → screen p99 ≤ 250 ms and the API's resident memory ≤ 500 MB.
    const at1000 = engine.steps.find((step) => step.targetPerSecond === 1000);
    if (at1000) {
      targets.push({
        name: `p99 ≤ 250 ms at 1,000 events/s with ${options.subscribers} subscribers`,
        measured: `${fixed(at1000.latencyMs.p99)} ms`,
        met: at1000.latencyMs.p99 <= 250,
      });
    }
    const rssPeak = Math.max(engine.idleRssMiB, ...engine.steps.map((step) => step.rss.peakMiB));
    targets.push({
      name: `API RSS ≤ 500 MB with ${options.subscribers} subscribers`,
      measured: `${fixed(rssPeak)} MiB peak (${fixed(engine.idleRssMiB)} MiB once subscribed)`,
      met: rssPeak * 1.048576 <= 500,
    });
    const at2000 = engine.steps.find((step) => step.targetPerSecond === 2000) ?? engine.steps.at(-1);
    if (at2000) {
      targets.push({
        name: `p99 ≤ 250 ms with ${options.subscribers} subscribers`,
        measured: `${fixed(at2000.latencyMs.p99)} ms at ${at2000.targetPerSecond}/s`,
        met: at2000.latencyMs.p99 <= 250,
      });
    }
  }
  if (ratios.length > 0) {
    // The relay's statements count on both sides: the engine's KPI reads alone are next to nothing.
    const worst = Math.min(...ratios.map((ratio) => ratio.livePathSqlPerUpdate));
    targets.push({
      name: '≥ 20× less database time per update than naive',
      measured: `${fixed(worst, 0)}× (relay included; lowest over the rates both ran)`,
      met: worst >= 20,
    });
  }
  console.log('\ntargets');
  for (const target of targets) {
    console.log(`  ${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.measured}`);
  }
  return { ratios, targets };
}
