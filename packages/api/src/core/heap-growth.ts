import { setFlagsFromString } from 'node:v8';

/**
 * Sets how far V8 lets the old generation grow past what survived the last full collection before it collects
 * again (`--heap-growing-percent`; HEAP_GROWTH_PERCENT). V8's own factor lets the heap reach 2–4× its live size
 * when memory is plentiful: an instance with 5,000 live consoles kept ~160 MiB live and showed 472–544 MiB of RSS,
 * most of it garbage not yet collected; at 25 % it showed 408–434 MiB. A small factor means more full
 * collections, which cost nothing measurable here (API CPU per request and per message unchanged in the hot-path
 * and live benchmarks): what this API promotes to the old generation is little. Not a cap: the heap still grows as
 * its live size does (a `--max-old-space-size` cap stops a process that outgrows it). 0 leaves V8's own factor.
 *
 * The flag is read each time V8 sets its next collection's limit, so setting it at start works in every process
 * that calls this — the single process and each cluster worker — however node was started (NODE_OPTIONS does not
 * accept the flag).
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
