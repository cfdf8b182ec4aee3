import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LOCALE } from '../../../packages/console/src/i18n/index.ts';
import { byTestId, collectPageErrors, launchBrowser, openContext, openSignedInContext } from '../support/browser.ts';
import { consoleText, type Language, type MessageKey } from '../support/console-text.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { waitForFloor } from '../support/floor.ts';
import { graphqlData } from '../support/graphql.ts';
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

/** The case view's worded lines: propensity factors and offers. */
async function caseSentences(page: Page): Promise<{ factors: string[]; offers: string[] }> {
  const read = async (testId: string) =>
    (await byTestId(page, testId).allInnerTexts()).map((text) => text.replace(/\s/g, ' ').trim());
  return { factors: await read('factor-text'), offers: await read('offer-text') };
}

/** A template's words before its first placeholder: "Pagar el saldo total de {balance}…" → "Pagar el saldo total de". */
const lead = (language: Language, key: MessageKey) => consoleText(language, key).split('{')[0]!.trim();

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

  it('shows the case view’s factors and offers in Spanish, none of the API’s English sentences', async () => {
    // An account 91–120 days late may be offered all three kinds; the API's English comes with it.
    const { accounts } = await graphqlData<{
      accounts: {
        edges: {
          node: {
            id: string;
            propensity: { factors: { factor: string; detail: string }[] };
            offers: { kind: string; description: string }[];
          };
        }[];
      };
    }>(
      baseUrl,
      DEMO_KEYS.supervisor,
      `{ accounts(first: 20, filter: { buckets: [D91_120], statuses: [ACTIVE] }) {
           edges { node { id propensity { factors { factor detail } } offers { kind description } } } } }`,
    );
    const account = accounts.edges.map((edge) => edge.node).find((node) => node.offers.length >= 2);
    expect(account, 'an account 91–120 days late with offers').toBeDefined();
    const english = [...account!.propensity.factors.map((f) => f.detail), ...account!.offers.map((o) => o.description)];
    expect(english.length).toBeGreaterThan(2);

    const context = await openSignedInContext(browser, { baseUrl, apiKey: DEMO_KEYS.supervisor });
    try {
      const page = await context.newPage();
      const pageErrors = collectPageErrors(page);
      await page.goto(`/accounts/${account!.id}`);
      await byTestId(page, 'account-case').waitFor();
      const spanish = await caseSentences(page);
      expect(spanish.factors).toHaveLength(account!.propensity.factors.length);
      expect(spanish.offers).toHaveLength(account!.offers.length);
      expect(spanish.factors).toContain(
        consoleText('es', 'factor.BUCKET').replace('{bucket}', consoleText('es', 'bucket.D91_120')),
      );
      expect(spanish.offers[0]).toContain(lead('es', 'offerText.PAY_IN_FULL'));
      const body = await page.locator('body').innerText();
      for (const sentence of english) expect(body).not.toContain(sentence);
      for (const words of ['base odds', 'give them time', 'Pay the full balance', 'monthly instalments', 'Settle the'])
        expect(body).not.toContain(words);
      await saveScreenshot(page, 'case-es');

      await byTestId(page, 'lang-en').click();
      await expect
        .poll(async () => (await caseSentences(page)).factors)
        .toContain(consoleText('en', 'factor.BUCKET').replace('{bucket}', consoleText('en', 'bucket.D91_120')));
      expect((await caseSentences(page)).offers[0]).toContain(lead('en', 'offerText.PAY_IN_FULL'));
      await byTestId(page, 'lang-es').click();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
