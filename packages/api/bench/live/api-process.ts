/**
 * The API as a child process of the bench (`src/main.ts`, the production entry point, or `naive-api.ts` for the
 * naive baseline), so the memory sampled from
 * /proc is the API's alone and the bench's 1,000 WebSocket clients do not share its event loop. It runs Node
 * directly with the tsx loader (not `pnpm exec tsx`, which would put two wrapper processes in front of it), with
 * the SQL timing preload, and optionally under libfaketime shifted to the operation's contact hours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlCategory } from './sql-timing.preload.ts';

export type SqlTotals = Partial<Record<SqlCategory, { count: number; ms: number }>>;

export interface ApiProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  adminKey: string;
  pushIntervalMs: number;
  /** `sql`: the naive baseline (every pushed update recomputed with SQL aggregates). */
  kpiSource: 'engine' | 'sql';
  /** Shift the API's clock by this much (libfaketime), 0 for none. */
  clockOffsetMs: number;
  /** Where the API's stderr goes. */
  logFile: string;
  /** Write a V8 CPU profile of the API here when it stops (BENCH_API_CPU_PROF). */
  cpuProfileDir?: string;
  /** The API package to run (another checkout's, to measure it with the same load); this one by default. */
  apiRoot?: string;
  /** Preloaded modules (absolute paths) instead of the SQL timing one. */
  preloads?: string[];
  /** More environment for the API. */
  env?: NodeJS.ProcessEnv;
}

const FAKETIME_LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const ownApiRoot = fileURLToPath(new URL('../../', import.meta.url));
const SQL_TIMING_PRELOAD = fileURLToPath(new URL('./sql-timing.preload.ts', import.meta.url));

export class ApiProcess {
  private readonly rss: { at: number; kib: number }[] = [];
  private sampler: NodeJS.Timeout | null = null;
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  static faketimeAvailable(): boolean {
    try {
      readFileSync(FAKETIME_LIBRARY);
      return true;
    } catch {
      return false;
    }
  }

  static async start(options: ApiProcessOptions): Promise<ApiProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      ADMIN_API_KEY: options.adminKey,
      SEED_DEMO: 'never',
      SIMULATE: '0',
      KPI_PUSH_INTERVAL_MS: String(options.pushIntervalMs),
      LOG_LEVEL: 'warn',
      // One process, so its CPU (/proc) and its preloads' counters are the whole API's; bench:workers sets more.
      API_WORKERS: '1',
      ...options.env,
    };
    if (options.clockOffsetMs !== 0) {
      // Relative offset; the monotonic clock stays real so timers and performance.now() are untouched.
      env.LD_PRELOAD = FAKETIME_LIBRARY;
      env.FAKETIME = `${options.clockOffsetMs >= 0 ? '+' : ''}${Math.round(options.clockOffsetMs / 1000)}s`;
      env.FAKETIME_DONT_FAKE_MONOTONIC = '1';
    }
    const child = spawn(
      process.execPath,
      [
        ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
        '--import',
        'tsx',
        ...(options.preloads ?? [SQL_TIMING_PRELOAD]).flatMap((preload) => ['--import', preload]),
        // The naive baseline is its own entry: the API has no such mode.
        options.kpiSource === 'sql' ? 'bench/live/naive-api.ts' : 'src/main.ts',
      ],
      { cwd: options.apiRoot ?? ownApiRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    const api = new ApiProcess(child, `http://127.0.0.1:${options.port}`);
    // The bench failing must not leave its API running.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    let output = '';
    // The API's warnings and errors (a naive API cancelled mid-query logs plenty) go to a file, not the table.
    const log = createWriteStream(options.logFile);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the API did not start in 120 s:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Recupera is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        log.write(chunk);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the API exited with ${code} before it was ready:\n${output}`));
      });
    });
    child.stdout!.resume();
    api.sampler = setInterval(() => api.sampleRss(), 250);
    api.sampleRss();
    return api;
  }

  /** Resident memory now, in MiB. */
  sampleRss(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.rss.push({ at: performance.now(), kib });
      return kib / 1024;
    } catch {
      return 0;
    }
  }

  /** Peak and mean resident memory between two `performance.now()` instants, in MiB. */
  rssBetween(from: number, to: number): { peakMiB: number; meanMiB: number } {
    const samples = this.rss.filter((sample) => sample.at >= from && sample.at <= to).map((sample) => sample.kib);
    if (samples.length === 0) return { peakMiB: 0, meanMiB: 0 };
    const sum = samples.reduce((total, kib) => total + kib, 0);
    return { peakMiB: Math.max(...samples) / 1024, meanMiB: sum / samples.length / 1024 };
  }

  /** The SQL time the API has spent so far, by category (see sql-timing.preload.ts). */
  sqlTiming(): Promise<SqlTotals> {
    return this.ask<SqlTotals>('sql-timing', 'sqlTiming');
  }

  /** Asks a preload over IPC: sends `request`, resolves with the `answer` field of its reply. */
  ask<T>(request: string, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the API did not answer ${request}`)), 10_000);
      const onMessage = (message: unknown) => {
        const value = (message as Record<string, unknown>)[answer];
        if (value === undefined) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(value as T);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
  }

  /** CPU time (user + system) the API process has used so far, in ms, as the kernel counts it. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** SIGTERM (a clean shutdown), SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(killer);
  }
}

/** Totals of `after` minus `before`, per category. */
export function sqlDelta(before: SqlTotals, after: SqlTotals): SqlTotals {
  const delta: SqlTotals = {};
  for (const [category, total] of Object.entries(after) as [SqlCategory, { count: number; ms: number }][]) {
    const earlier = before[category] ?? { count: 0, ms: 0 };
    delta[category] = { count: total.count - earlier.count, ms: total.ms - earlier.ms };
  }
  return delta;
}
