import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { expectedTileValues, fetchKpis, operationCurrency, tileValues, waitForFloor } from '../support/floor.ts';
import { untilAgreed } from '../support/poll.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { pickQueuedAgent, recordAttempts } from '../support/traffic.ts';

const baseUrl = inject('baseUrl');
/** How long the page may take to show what the API already answers: a push, not a poll of minutes. */
const AGREE_WITHIN_MS = 10_000;

describe('the live floor', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('moves its tiles as interactions are recorded, to the API’s own kpis answer, without a reload', async () => {
    const currency = await operationCurrency(baseUrl, DEMO_KEYS.admin);
    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.supervisor });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await waitForFloor(page);
      await expect.poll(() => byTestId(page, 'connection-status').getAttribute('data-state')).toBe('live');
      // A reload would make a new document; this marker surviving proves the figures came over the socket.
      await page.evaluate(() => ((window as unknown as { e2eSameDocument: boolean }).e2eSameDocument = true));
      const before = await tileValues(page);

      const agentId = await pickQueuedAgent(baseUrl, DEMO_KEYS.manager, new Set());
      const attempts = await recordAttempts(baseUrl, DEMO_KEYS.manager, agentId, 3);
      expect(attempts).toHaveLength(3);

      await expect
        .poll(async () => (await tileValues(page)).attempts, { timeout: AGREE_WITHIN_MS })
        .not.toBe(before.attempts);
      // The page read right after the API must show the same figures, every tile; a push may still be on its
      // way, so ask again until they agree or the time is up.
      const last = await untilAgreed(
        async () => ({
          api: expectedTileValues(await fetchKpis(baseUrl, DEMO_KEYS.supervisor), currency),
          page: await tileValues(page),
        }),
        AGREE_WITHIN_MS,
      );
      expect(last.page).toEqual(last.api);
      expect(Number(last.page.attempts)).toBeGreaterThanOrEqual(Number(before.attempts) + 3);

      expect(await page.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument)).toBe(
        true,
      );
      expect(await byTestId(page, 'connection-status').getAttribute('data-state')).toBe('live');
      expect(await byTestId(page, 'last-update').getAttribute('data-as-of')).not.toBe('');
      await saveScreenshot(page, 'after-interactions');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
