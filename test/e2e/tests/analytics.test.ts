import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HISTORY_CAMPAIGN } from '../support/analytics-history.ts';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { graphqlData } from '../support/graphql.ts';
import { waitForLandingScreen } from '../support/screens.ts';

const baseUrl = inject('baseUrl');

/** The champion / challenger sentence as the API words it in Spanish, the console's default language. */
async function statementInSpanish(campaignId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${DEMO_KEYS.manager}`,
      'accept-language': 'es',
    },
    body: JSON.stringify({
      query: 'query ($id: ID!) { championChallenger(campaignId: $id) { statement } }',
      variables: { id: campaignId },
    }),
  });
  const body = (await response.json()) as { data: { championChallenger: { statement: string } } };
  return body.data.championChallenger.statement;
}

describe('the analytics screen', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a manager the history the API computes, and the comparison of a campaign’s variants', async () => {
    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.manager });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await waitForLandingScreen(page);
      await byTestId(page, 'nav-analytics').click();
      await byTestId(page, 'intensity-table').waitFor();

      const { operation, campaigns } = await graphqlData<{
        operation: { businessDate: string };
        campaigns: { id: string; name: string }[];
      }>(baseUrl, DEMO_KEYS.manager, '{ operation { businessDate } campaigns { id name } }');
      const to = operation.businessDate;
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
      const figures = await graphqlData<{ attemptIntensity: unknown[]; bestHours: unknown[] }>(
        baseUrl,
        DEMO_KEYS.manager,
        'query ($filter: AnalyticsFilter!) { attemptIntensity(filter: $filter) { attemptNumber } bestHours(filter: $filter) { hour } }',
        { filter: { from, to } },
      );
      expect(figures.attemptIntensity.length).toBeGreaterThan(3);
      await expect
        .poll(() => page.locator('[data-testid="intensity-table"] tbody tr').count())
        .toBe(figures.attemptIntensity.length);
      await expect
        .poll(() => page.locator('[data-testid="best-hours"] tbody tr').count())
        .toBe(figures.bestHours.length);
      expect(await page.locator('[data-testid^="roll-row-"]').count()).toBeGreaterThan(0);

      const campaign = campaigns.find((candidate) => candidate.name === HISTORY_CAMPAIGN)!;
      await byTestId(page, 'analytics-campaign').selectOption(campaign.id);
      await expect
        .poll(() => byTestId(page, 'variants-statement').textContent())
        .toBe(await statementInSpanish(campaign.id));
      expect(await page.locator('[data-testid="variants-table"] tbody tr').count()).toBe(2);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets an agency read the analytics of its own placements only', async () => {
    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.agencyCobsur });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await waitForLandingScreen(page);
      await byTestId(page, 'nav-analytics').click();
      await byTestId(page, 'analytics-filters').waitFor();
      const options = await page.locator('[data-testid="analytics-campaign"] option').allTextContents();
      expect(options).not.toContain(HISTORY_CAMPAIGN);
    } finally {
      await context.close();
    }
  });
});
