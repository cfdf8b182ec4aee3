import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { HISTORY_CAMPAIGN } from '../support/analytics-history.ts';
import { graphqlData } from '../support/graphql.ts';
import { waitForLandingScreen } from '../support/screens.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const baseUrl = inject('baseUrl');

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Saves the screen once it has settled: no loading state, no sideways scroll (a layout bug at this size),
 * and a PNG as wide as the window.
 */
async function capture(page: Page, name: string): Promise<void> {
  await byTestId(page, 'screen-loading').first().waitFor({ state: 'detached' });
  expect(await byTestId(page, 'screen-error').count(), `${name}: an error state`).toBe(0);
  // Saved before the checks, so a failing screen can be looked at.
  const size = pngSize(await readFile(await saveScreenshot(page, name)));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the window`).toBeLessThanOrEqual(0);
  const viewport = page.viewportSize()!;
  expect(size.width).toBe(viewport.width);
  expect(size.height).toBeGreaterThanOrEqual(viewport.height);
}

/** Goes to a screen through its nav link, as a user does (no reload), and waits for `ready`. */
async function visit(page: Page, screen: string, ready: string): Promise<void> {
  await byTestId(page, `nav-${screen}`).click();
  await page.locator(ready).first().waitFor();
}

async function segmentTotal(filter: Record<string, unknown>): Promise<number> {
  const data = await graphqlData<{ accounts: { totalCount: number } }>(
    baseUrl,
    DEMO_KEYS.manager,
    'query ($filter: AccountFilter!) { accounts(filter: $filter, first: 1) { totalCount } }',
    { filter },
  );
  return data.accounts.totalCount;
}

describe('screens', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`manager ${viewport.width}x${viewport.height}`, async () => {
      const context = await openSignedInContext(browser, { baseUrl, viewport, apiKey: DEMO_KEYS.manager });
      try {
        const page = await context.newPage();
        const pageErrors = collectPageErrors(page);
        await page.goto('/');
        await waitForLandingScreen(page);
        await capture(page, 'floor');

        await byTestId(page, 'tv-mode').click();
        await byTestId(page, 'sign-out').waitFor({ state: 'detached' });
        await capture(page, 'floor-tv');
        await byTestId(page, 'tv-mode').click();
        await byTestId(page, 'sign-out').waitFor();

        await visit(page, 'queues', '[data-testid^="queue-card-"]');
        await capture(page, 'queues');

        await visit(page, 'agents', '[data-testid^="agent-row-"]');
        await capture(page, 'agents');

        await visit(page, 'campaigns', '[data-testid^="campaign-row-"]');
        await capture(page, 'campaigns');
        await byTestId(page, 'new-campaign').click();
        await byTestId(page, 'segment-bucket-D31_60').check();
        const expected = await segmentTotal({ buckets: ['D31_60'] });
        await expect.poll(() => byTestId(page, 'segment-count').getAttribute('data-count')).toBe(String(expected));
        await capture(page, 'campaign-form');

        await visit(page, 'accounts', '[data-testid^="account-row-"]');
        await capture(page, 'accounts');
        await page.locator('[data-testid^="account-row-"] a').first().click();
        await byTestId(page, 'account-case').waitFor();
        await capture(page, 'account-case');

        await visit(page, 'analytics', '[data-testid="intensity-table"]');
        const history = await graphqlData<{ campaigns: { id: string; name: string }[] }>(
          baseUrl,
          DEMO_KEYS.manager,
          '{ campaigns { id name } }',
        );
        await byTestId(page, 'analytics-campaign').selectOption(
          history.campaigns.find((campaign) => campaign.name === HISTORY_CAMPAIGN)!.id,
        );
        await byTestId(page, 'variants-statement').waitFor();
        await capture(page, 'analytics');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('agency 1366x768', async () => {
    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.agencyCobsur });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await waitForLandingScreen(page);
      await capture(page, 'floor');
      await visit(page, 'accounts', '[data-testid^="account-row-"]');
      await capture(page, 'accounts');
      await visit(page, 'analytics', '[data-testid="analytics-filters"]');
      await capture(page, 'analytics');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
