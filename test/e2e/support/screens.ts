import type { Page } from 'playwright-core';
import { byTestId } from './browser.ts';
import { waitForFloor } from './floor.ts';
import { graphqlData } from './graphql.ts';

/** Names of the agencies `apiKey` may see, asked of the API directly rather than read back from the console. */
export async function visibleAgencyNames(baseUrl: string, apiKey: string): Promise<string[]> {
  const { agencies } = await graphqlData<{ agencies: { name: string }[] }>(baseUrl, apiKey, '{ agencies { name } }');
  return agencies.map((agency) => agency.name);
}

/**
 * Waits until the screen a signed-in user lands on, the live floor, shows the API's data: every KPI tile,
 * and no loading state left.
 */
export async function waitForLandingScreen(page: Page): Promise<void> {
  await waitForFloor(page);
  await byTestId(page, 'screen-loading').waitFor({ state: 'detached' });
}
