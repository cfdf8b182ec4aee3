import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agencyId } from '../support/accounts.ts';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { graphqlData } from '../support/graphql.ts';
import { waitForLandingScreen } from '../support/screens.ts';
import { saveScreenshot } from '../support/screenshots.ts';

/**
 * The agency lifecycle in the console (issue 13): a partner signed in with its key works in its own workspace
 * (placements, returning soon, its statement with the commission, CSV exports), and managers see every agency,
 * the extension requests and the comparison with the in-house team. Data: the demo seed's placements, plus a payment
 * and an extension request the agency sends through the API first. Screenshots at 1366×768 and 1920×1080.
 */
const baseUrl = inject('baseUrl');
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function settled(page: Page, name: string): Promise<void> {
  await byTestId(page, 'screen-loading').first().waitFor({ state: 'detached' });
  expect(await byTestId(page, 'screen-error').count(), `${name}: an error state`).toBe(0);
  await saveScreenshot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: wider than the window`).toBeLessThanOrEqual(0);
}

describe('partner agencies in the console', () => {
  let browser: Browser;
  let commission: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const { accounts } = await graphqlData<{
      accounts: { edges: { node: { id: string; balance: { currency: string } } }[] };
    }>(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      '{ accounts(first: 1, filter: { minBalance: "500", statuses: [ACTIVE] }) { edges { node { id balance { currency } } } } }',
    );
    const own = accounts.edges[0]!.node;
    // The agency's payment feed posts a payment: its statement has a commission to show.
    await graphqlData(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
      { input: { accountId: own.id, amount: '150.00', currency: own.balance.currency, reference: 'E2E-COBSUR-1' } },
    );
    const { placements } = await graphqlData<{ placements: { edges: { node: { id: string } }[] } }>(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      '{ placements(status: ACTIVE, first: 1) { edges { node { id } } } }',
    );
    await graphqlData(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      `mutation ($id: ID!) { requestPlacementExtension(placementId: $id, days: 30, reason: "Convenio en trámite") { id } }`,
      { id: placements.edges[0]!.node.id },
    );
    const { operation } = await graphqlData<{ operation: { businessDate: string } }>(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      '{ operation { businessDate } }',
    );
    const statement = await graphqlData<{ agencyStatement: { commission: { amount: string }[] } }>(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      `query ($agencyId: ID!, $from: Date!, $to: Date!) { agencyStatement(agencyId: $agencyId, from: $from, to: $to) { commission { amount } } }`,
      {
        agencyId: await agencyId(baseUrl, DEMO_KEYS.admin, 'COBSUR'),
        from: `${operation.businessDate.slice(0, 8)}01`,
        to: operation.businessDate,
      },
    );
    // 150.00 at the demo's 18 % for Cobranzas del Sur.
    commission = statement.agencyStatement.commission[0]!.amount;
    expect(commission).toBe('27.00');
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`agency workspace ${viewport.width}x${viewport.height}`, async () => {
      const context = await openSignedInContext(browser, { baseUrl, viewport, apiKey: DEMO_KEYS.agencyCobsur });
      try {
        const page = await context.newPage();
        const pageErrors = collectPageErrors(page);
        await page.goto('/');
        await waitForLandingScreen(page);
        await byTestId(page, 'nav-agency').click();
        await page.locator('[data-testid^="placement-row-"]').first().waitFor();
        // The statement shows the commission the API computes, in the page's own format.
        await expect.poll(() => byTestId(page, 'statement-commission').innerText()).toContain('27');
        const rows = await page.locator('[data-testid^="placement-row-"]').count();
        const { placements } = await graphqlData<{ placements: { totalCount: number } }>(
          baseUrl,
          DEMO_KEYS.agencyCobsur,
          '{ placements(status: ACTIVE) { totalCount } }',
        );
        expect(rows).toBe(Math.min(200, placements.totalCount));
        await settled(page, 'agency-workspace');

        // Returning within 7 days: the filter keeps only placements due back by then.
        await byTestId(page, 'placement-soon').check();
        await byTestId(page, 'placement-apply').click();
        await byTestId(page, 'screen-loading').first().waitFor({ state: 'detached' });
        await settled(page, 'agency-returning-soon');

        if (viewport.width === 1366) {
          const download = page.waitForEvent('download');
          await byTestId(page, 'export-accounts').click();
          const file = await download;
          expect(file.suggestedFilename()).toBe('accounts.csv');
          const text = await readFile((await file.path())!, 'utf8');
          const { accounts: mine } = await graphqlData<{ accounts: { totalCount: number } }>(
            baseUrl,
            DEMO_KEYS.agencyCobsur,
            '{ accounts(first: 0) { totalCount } }',
          );
          expect(text.trim().split('\n').length - 1).toBe(mine.totalCount);
        }

        await byTestId(page, 'nav-agents').click();
        await page.locator('[data-testid^="agent-row-"]').first().waitFor();
        await settled(page, 'agency-agents');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`managers' agencies screen ${viewport.width}x${viewport.height}`, async () => {
      const context = await openSignedInContext(browser, { baseUrl, viewport, apiKey: DEMO_KEYS.manager });
      try {
        const page = await context.newPage();
        const pageErrors = collectPageErrors(page);
        await page.goto('/');
        await waitForLandingScreen(page);
        await byTestId(page, 'nav-agencies').click();
        await byTestId(page, 'agency-row-COBSUR').waitFor();
        await byTestId(page, 'agency-row-LIMANORTE').waitFor();
        await page.locator('[data-testid^="extension-"]').first().waitFor();
        await page.locator('[data-testid="comparison-total"]').first().waitFor();
        // Both partners and the in-house team are compared.
        expect(await page.locator('[data-testid="comparison-total"]').count()).toBe(3);
        expect(await byTestId(page, 'agency-row-COBSUR').innerText()).toContain('27');
        await settled(page, 'agencies');

        await byTestId(page, 'nav-accounts').click();
        await byTestId(page, 'placement-panel').waitFor();
        await settled(page, 'accounts-placing');
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
