import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LOCALE } from '../../../packages/console/src/i18n/index.ts';
import { byTestId, collectPageErrors, launchBrowser, openContext } from '../support/browser.ts';
import { consoleText, type Language } from '../support/console-text.ts';
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
});
