import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { API_KEY_STORAGE_KEY } from '../../../packages/console/src/session/use-api-key.ts';

/** Debian's Chromium (`apt-get install -y chromium`): no browser can be downloaded on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's with \`apt-get install -y chromium\``);
  }
  // No --user-data-dir: Playwright gives every launch a fresh profile of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ContextOptions {
  baseUrl: string;
  viewport?: { width: number; height: number };
}

/** Playwright's own wait limit, under Vitest's test timeout so a missing element fails with its selector. */
const WAIT_MS = 15_000;

export async function openContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: 'es-PE',
    timezoneId: 'America/Lima',
  });
  context.setDefaultTimeout(WAIT_MS);
  return context;
}

/**
 * A context whose pages start signed in with `apiKey`, the way the console keeps a session: the key in
 * sessionStorage. It is seeded once per tab, so a test that signs out stays signed out after a reload.
 */
export async function openSignedInContext(
  browser: Browser,
  options: ContextOptions & { apiKey: string },
): Promise<BrowserContext> {
  const context = await openContext(browser, options);
  await context.addInitScript(
    ({ storageKey, apiKey }) => {
      const seeded = 'recupera.e2e.seeded';
      try {
        if (window.sessionStorage.getItem(seeded)) return;
        window.sessionStorage.setItem(storageKey, apiKey);
        window.sessionStorage.setItem(seeded, '1');
      } catch {
        // about:blank and opaque origins have no storage; the console's own origin does.
      }
    },
    { storageKey: API_KEY_STORAGE_KEY, apiKey: options.apiKey },
  );
  return context;
}

/**
 * The element carrying `data-testid`, the console's test hook. Today's shell marks elements with
 * `data-test` instead (often under another name, hence `legacyId`); the fallback goes once every screen
 * carries `data-testid`.
 */
export function byTestId(page: Page, testId: string, legacyId: string = testId): Locator {
  return page.locator(`[data-testid="${testId}"], [data-test="${legacyId}"]`);
}

/** Uncaught errors of the page's scripts, collected so a test can insist there were none. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}
