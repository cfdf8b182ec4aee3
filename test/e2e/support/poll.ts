import { setTimeout as sleep } from 'node:timers/promises';

export interface Sample<T> {
  page: T;
  api: T;
}

/**
 * Reads the page and the API again and again until they agree, and returns the last reading either way: a
 * test then asserts `page` equals `api`, so a timeout fails with the difference rather than a bare `false`.
 */
export async function untilAgreed<T>(read: () => Promise<Sample<T>>, timeoutMs = 10_000): Promise<Sample<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sample = await read();
    if (JSON.stringify(sample.page) === JSON.stringify(sample.api) || Date.now() > deadline) return sample;
    await sleep(250);
  }
}
