import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API_KEY_STORAGE_KEY } from '../../../packages/console/src/session/use-api-key.ts';
import { byTestId, collectPageErrors, launchBrowser, openContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { graphql } from '../support/graphql.ts';
import { visibleAgencyNames, waitForLandingScreen } from '../support/screens.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const baseUrl = inject('baseUrl');

describe('signing in with an API key', () => {
  let browser: Browser;
  let agencyNames: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    agencyNames = await visibleAgencyNames(baseUrl, DEMO_KEYS.supervisor);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('accepts the demo supervisor key and shows what it can see', async () => {
    expect(agencyNames.length).toBeGreaterThan(0);
    const context = await openContext(browser, { baseUrl });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await byTestId(page, 'api-key-input').fill(DEMO_KEYS.supervisor);
      // Today's shell calls the submit button `sign-in`.
      await byTestId(page, 'sign-in-submit', 'sign-in').click();

      await byTestId(page, 'sign-out').waitFor();
      const stored = await page.evaluate((key) => sessionStorage.getItem(key), API_KEY_STORAGE_KEY);
      expect(stored).toBe(DEMO_KEYS.supervisor);
      await waitForLandingScreen(page);
      expect(await page.getByRole('alert').count()).toBe(0);

      await saveScreenshot(page, 'signed-in');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows an error for a key the API does not know', async () => {
    const wrongKey = `wrong-${randomBytes(12).toString('hex')}`;
    const answer = await graphql(baseUrl, wrongKey, '{ agencies { name } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const context = await openContext(browser, { baseUrl });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await byTestId(page, 'api-key-input').fill(wrongKey);
      await byTestId(page, 'sign-in-submit', 'sign-in').click();

      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      expect((await alert.innerText()).trim()).not.toBe('');
      for (const name of agencyNames) expect(await page.getByText(name, { exact: true }).count()).toBe(0);

      await saveScreenshot(page, 'rejected');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
