import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { currentRequestId, requestIdFrom, runInRequest, startObservation } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it("keeps a client's plain id and replaces anything that could escape a comment or a log field", () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    for (const given of [undefined, '', 'a b', 'a*/b', '/*', 'x'.repeat(65), ['a', 'b'], '-leading']) {
      expect(requestIdFrom(given)).toMatch(UUID);
    }
    expect(requestIdFrom('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('is the running request’s inside it and its async work, null outside or once it ended', async () => {
    const observation = startObservation('http', 'req-1');
    expect(currentRequestId()).toBeNull();
    await runInRequest(observation, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe('req-1');
      observation.ended = true;
      expect(currentRequestId()).toBeNull();
    });
  });
});

describe('logger', () => {
  it('writes JSON lines with the request id, detail fields and errors with their stack', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    logger.debug('not written at info');
    logger.info('outside');
    runInRequest(startObservation('http', 'req-2'), () => logger.warn('inside', { statements: 3 }));
    logger.error('failed', new Error('boom'));
    logger.info('plain detail', 'text');
    expect(lines.map((line) => [line.level, line.msg, line.requestId])).toEqual([
      ['info', 'outside', undefined],
      ['warn', 'inside', 'req-2'],
      ['error', 'failed', undefined],
      ['info', 'plain detail', undefined],
    ]);
    expect(lines[1]!.statements).toBe(3);
    expect((lines[2]!.err as { message: string; stack: string }).stack).toContain('boom');
    expect(lines[3]!.detail).toBe('text');
    expect(Number.isNaN(Date.parse(lines[0]!.time as string))).toBe(false);
  });
});
