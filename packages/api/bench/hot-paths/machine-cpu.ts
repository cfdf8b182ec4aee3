/**
 * Where the machine's cores went during a phase: how busy they were in all (/proc/stat), and how much of that was
 * PostgreSQL (every `postgres` process, /proc/<pid>/stat). With the API's own CPU and the bench's, it tells a phase
 * whose rate the cores capped (busy near 100 %) from one that waited on something else — the disk's commits, a
 * lock — with cores to spare.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** /proc/<pid>/stat counts in USER_HZ ticks, 100 per second on Linux. */
const TICK_MS = 10;

export interface MachineCpu {
  /** Share (0–1) of all cores' time that was busy (not idle, not waiting on I/O). */
  busy: number;
  /** Cores' worth of CPU PostgreSQL used (1 = one whole core). */
  postgresCores: number;
}

export interface MachineCpuMeter {
  stop(): MachineCpu;
}

function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  const total = user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!;
  return { busy: total - idle! - iowait!, total };
}

/** CPU time of every process named `postgres`, in ms (a backend that ends mid-phase takes its time with it). */
function postgresMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      byPid.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended while the directory was read.
    }
  }
  return byPid;
}

export function startMachineCpu(): MachineCpuMeter {
  const machine0 = machineTicks();
  const postgres0 = postgresMs();
  const started = performance.now();
  return {
    stop() {
      const machine = machineTicks();
      let postgres = 0;
      // A backend that started during the phase counts from zero.
      for (const [pid, ms] of postgresMs()) postgres += ms - (postgres0.get(pid) ?? 0);
      const elapsedMs = performance.now() - started;
      return {
        busy: (machine.busy - machine0.busy) / Math.max(1, machine.total - machine0.total),
        postgresCores: postgres / elapsedMs,
      };
    },
  };
}

/** How many cores the machine has (the busy share is of all of them). */
export const CORES = cpus().length;
