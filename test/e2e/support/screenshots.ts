import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS_DIR } from './paths.ts';

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * Saves a full-page screenshot as `artifacts/screenshots/<test>-<name>.png` (the running test's name) and
 * returns the file, so reviewers can look at every screen a run visited.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const testName = expect.getState().currentTestName ?? 'outside-a-test';
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${slug(testName)}-${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
