import type { Page } from 'playwright-core';
import { graphqlData } from './graphql.ts';

/** Names of the agencies `apiKey` may see, asked of the API directly rather than read back from the console. */
export async function visibleAgencyNames(baseUrl: string, apiKey: string): Promise<string[]> {
  const { agencies } = await graphqlData<{ agencies: { name: string }[] }>(baseUrl, apiKey, '{ agencies { name } }');
  return agencies.map((agency) => agency.name);
}

// Today's shell lands on its agencies table; the console being rebuilt lands on the live floor's KPI tiles.
const AGENCIES_TABLE = '[data-test="agencies-table"]';
const LANDING = `${AGENCIES_TABLE}, [data-testid^="kpi-tile-"]`;

/**
 * Waits until the screen a signed-in user lands on shows the API's data, not a loading state. When it is
 * today's agencies table, every agency the key may see must be listed. Add the floor's own checks here
 * when it lands, then drop the agencies branch with the old shell.
 */
export async function waitForLandingScreen(page: Page, agencyNames: string[]): Promise<void> {
  await page.locator(LANDING).first().waitFor();
  if ((await page.locator(AGENCIES_TABLE).count()) > 0) {
    for (const name of agencyNames) await page.getByText(name, { exact: true }).waitFor();
  }
}
