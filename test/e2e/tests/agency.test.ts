import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agencyId, visibleAccounts, type AccountSummary } from '../support/accounts.ts';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { expectedTileValues, fetchKpis, operationCurrency, tileValues, waitForFloor } from '../support/floor.ts';
import { graphql, graphqlData } from '../support/graphql.ts';
import { untilAgreed } from '../support/poll.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const baseUrl = inject('baseUrl');
const OWN = 'COBSUR';
const RECORD_ATTEMPT = `mutation ($accountId: ID!) {
  recordInteraction(input: { accountId: $accountId, channel: CALL, disposition: NO_ANSWER }) { id }
}`;

/** Whatever of the account a page could leak: its reference, its debtor's name and document. */
async function leaks(page: Page, account: AccountSummary): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [account.externalRef, account.debtor.name, account.debtor.documentId].filter((s) => text.includes(s));
}

describe('a partner agency signed in with its key', () => {
  let browser: Browser;
  let foreign: AccountSummary[];
  let own: AccountSummary;
  let ownAgencyId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const all = await visibleAccounts(baseUrl, DEMO_KEYS.admin);
    const limaNorte = await visibleAccounts(baseUrl, DEMO_KEYS.admin, {
      agencyId: await agencyId(baseUrl, DEMO_KEYS.admin, 'LIMANORTE'),
    });
    // One placed with the other partner and one kept in-house: neither is the agency's to see.
    foreign = [limaNorte[0], all.find((a) => a.agency === null)].filter((a): a is AccountSummary => !!a);
    expect(foreign.map((a) => a.agency?.code ?? null)).toEqual(['LIMANORTE', null]);
    const mine = await visibleAccounts(baseUrl, DEMO_KEYS.agencyCobsur);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.agency?.code))).toEqual(new Set([OWN]));
    own = mine[0]!;
    ownAgencyId = await agencyId(baseUrl, DEMO_KEYS.admin, OWN);
    // An attempt outside the agency's portfolio, so the whole operation's figures differ from its own.
    await graphqlData(baseUrl, DEMO_KEYS.admin, RECORD_ATTEMPT, { accountId: foreign[1]!.id });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sees its own portfolio and KPIs and nothing else', async () => {
    const currency = await operationCurrency(baseUrl, DEMO_KEYS.agencyCobsur);
    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.agencyCobsur });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await waitForFloor(page);

      // Only the screens an agency may use are offered.
      await byTestId(page, 'nav-accounts').waitFor();
      expect(await byTestId(page, 'nav-floor').count()).toBe(1);
      for (const screen of ['queues', 'campaigns', 'agencies'])
        expect(await byTestId(page, `nav-${screen}`).count()).toBe(0);
      // Its own workspace and its own agents.
      expect(await byTestId(page, 'nav-agency').count()).toBe(1);
      expect(await byTestId(page, 'nav-agents').count()).toBe(1);

      // The floor's figures are the agency's own, as the API answers its key.
      const sample = await untilAgreed(async () => ({
        api: expectedTileValues(await fetchKpis(baseUrl, DEMO_KEYS.agencyCobsur), currency),
        page: await tileValues(page),
      }));
      expect(sample.page).toEqual(sample.api);
      // The same figures as the agency's scope asked with an admin key, and not the whole operation's, which
      // has at least the attempt beforeAll recorded on an in-house account.
      const asAdmin = await fetchKpis(baseUrl, DEMO_KEYS.admin, { agencyId: ownAgencyId });
      expect(sample.api.attempts).toBe(String(asAdmin.attempts));
      const whole = await fetchKpis(baseUrl, DEMO_KEYS.admin);
      expect(whole.attempts).toBeGreaterThan(asAdmin.attempts);
      await saveScreenshot(page, 'floor');

      // Another agency's account, or an in-house one, by URL: not found, and none of it on the page.
      for (const account of foreign) {
        const answer = await graphql<{ account: { id: string } | null }>(
          baseUrl,
          DEMO_KEYS.agencyCobsur,
          'query ($id: ID!) { account(id: $id) { id } }',
          {
            id: account.id,
          },
        );
        expect(answer.data?.account ?? null).toBeNull();
        await page.goto(`/accounts/${account.id}`);
        await byTestId(page, 'not-found').waitFor();
        expect(await byTestId(page, 'account-case').count()).toBe(0);
        expect(await leaks(page, account)).toEqual([]);
      }
      await saveScreenshot(page, 'foreign-account');

      // A screen it may not use, typed by hand, lands back on the floor.
      await page.goto('/queues');
      await waitForFloor(page);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('[data-testid^="queue-card-"]').count()).toBe(0);

      await page.goto('/accounts');
      await page.locator('[data-testid^="account-row-"]').first().waitFor();
      const rows = await page
        .locator('[data-testid^="account-row-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('account-row-'.length)));
      const mine = new Set((await visibleAccounts(baseUrl, DEMO_KEYS.agencyCobsur)).map((a) => a.id));
      expect(rows.filter((id) => !mine.has(id))).toEqual([]);
      for (const account of foreign) expect(await leaks(page, account)).toEqual([]);
      await saveScreenshot(page, 'accounts');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a case of its own portfolio', async () => {
    // The case view's own question, asked of the API first, so a refusal there names the failing field.
    const answer = await graphql<{ account: { id: string } | null }>(
      baseUrl,
      DEMO_KEYS.agencyCobsur,
      'query ($id: ID!) { account(id: $id) { id externalRef contactCheck { allowed } offers { kind } } }',
      { id: own.id },
    );
    expect(answer.errors ?? []).toEqual([]);
    expect(answer.data?.account?.id).toBe(own.id);

    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.agencyCobsur });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto(`/accounts/${own.id}`);
      await page.locator('[data-testid="account-case"], [data-testid="screen-error"]').first().waitFor();
      const failure = byTestId(page, 'screen-error');
      if ((await failure.count()) > 0) await saveScreenshot(page, 'own-account-error');
      // The error's own words (the API's message) make the failure say why.
      expect(await failure.count(), (await failure.allInnerTexts()).join(' ')).toBe(0);
      expect(await leaks(page, own)).toEqual([own.externalRef, own.debtor.name, own.debtor.documentId]);
      await saveScreenshot(page, 'own-account');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
