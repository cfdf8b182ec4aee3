import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { startObservation } from './request-context.ts';
import { finishRequest } from './request-log.ts';

/** A request observed as having started `agoMs` milliseconds ago. */
const requestStarted = (requestId: string, agoMs: number) => ({
  ...startObservation('http', requestId),
  startedAt: performance.now() - agoMs,
});

describe('request lines', () => {
  const SLOW_MS = 200;

  function finish(everyRequest: boolean, ...requests: [id: string, agoMs: number][]) {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    for (const [id, agoMs] of requests)
      finishRequest(requestStarted(id, agoMs), { logger, slowMs: SLOW_MS, everyRequest });
    return lines.map((line) => [line.level, line.msg, line.requestId]);
  }

  it('writes one line per request: info, or warn past the slow threshold', () => {
    expect(finish(true, ['quick', 0], ['slow', SLOW_MS + 50])).toEqual([
      ['info', 'request', 'quick'],
      ['warn', 'slow request', 'slow'],
    ]);
  });

  it('without every request (REQUEST_LOG off, the embedded demo), still writes the slow ones', () => {
    expect(finish(false, ['quick', 0], ['slow', SLOW_MS + 50], ['quick-again', 1])).toEqual([
      ['warn', 'slow request', 'slow'],
    ]);
  });
});
