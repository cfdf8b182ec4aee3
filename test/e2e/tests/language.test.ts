import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LOCALE } from '../../../packages/console/src/i18n/index.ts';
import { byTestId, collectPageErrors, launchBrowser, openContext, openSignedInContext } from '../support/browser.ts';
import { consoleText, type Language, type MessageKey } from '../support/console-text.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { waitForFloor } from '../support/floor.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const baseUrl = inject('baseUrl');

/** Labels of the signed-out screen, read the way a user sees them. */
async function visibleLabels(page: Page): Promise<{ submit: string; placeholder: string | null; lang: string | null }> {
  // Today's shell calls the submit button `sign-in`.
  const submit = (await byTestId(page, 'sign-in-submit', 'sign-in').innerText()).trim();
  const placeholder = await byTestId(page, 'api-key-input').getAttribute('placeholder');
  const lang = await page.locator('html').getAttribute('lang');
  return { submit, placeholder, lang };
}

function expectedLabels(language: Language) {
  return {
    submit: consoleText(language, 'signIn.submit'),
    placeholder: consoleText(language, 'signIn.keyPlaceholder'),
    lang: language,
  };
}

const SCREENS = ['floor', 'queues', 'agents', 'campaigns', 'accounts'] as const;

/** The nav links' words and a KPI tile's label; textContent, since CSS upper-cases the tile label. */
async function signedInLabels(page: Page): Promise<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const screen of SCREENS) labels[screen] = (await byTestId(page, `nav-${screen}`).innerText()).trim();
  labels.tile = ((await byTestId(page, 'kpi-tile-contactRate').getByRole('heading').textContent()) ?? '').trim();
  return labels;
}

function expectedSignedInLabels(language: Language): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const screen of SCREENS) labels[screen] = consoleText(language, `nav.${screen}` as MessageKey);
  labels.tile = consoleText(language, 'kpi.contactRate');
  return labels;
}

describe('the language switch', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('switches visible labels between Spanish and English', async () => {
    // Otherwise a switch that changes nothing would pass.
    expect(expectedLabels('es')).not.toEqual(expectedLabels('en'));

    const context = await openContext(browser, { baseUrl });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await byTestId(page, 'sign-in-submit', 'sign-in').waitFor();
      expect(await visibleLabels(page)).toEqual(expectedLabels(DEFAULT_LOCALE));

      await byTestId(page, 'lang-en').click();
      await expect.poll(() => visibleLabels(page)).toEqual(expectedLabels('en'));
      await saveScreenshot(page, 'en');

      // The choice survives a reload of the tab.
      await page.reload();
      await byTestId(page, 'sign-in-submit', 'sign-in').waitFor();
      expect(await visibleLabels(page)).toEqual(expectedLabels('en'));

      await byTestId(page, 'lang-es').click();
      await expect.poll(() => visibleLabels(page)).toEqual(expectedLabels('es'));
      await saveScreenshot(page, 'es');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches the signed-in navigation and the floor’s labels', async () => {
    const differing = SCREENS.filter((s) => expectedSignedInLabels('es')[s] !== expectedSignedInLabels('en')[s]);
    expect(differing.length).toBeGreaterThan(0);

    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.supervisor });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto('/');
      await waitForFloor(page);
      expect(await signedInLabels(page)).toEqual(expectedSignedInLabels(DEFAULT_LOCALE));

      await byTestId(page, 'lang-en').click();
      await expect.poll(() => signedInLabels(page)).toEqual(expectedSignedInLabels('en'));
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await saveScreenshot(page, 'floor-en');

      await byTestId(page, 'lang-es').click();
      await expect.poll(() => signedInLabels(page)).toEqual(expectedSignedInLabels('es'));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
