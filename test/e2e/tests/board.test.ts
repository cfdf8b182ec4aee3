import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agentChip, agentPlacement, dragChipOnto, planAgentMove, queueCard } from '../support/board.ts';
import { byTestId, collectPageErrors, launchBrowser, openSignedInContext } from '../support/browser.ts';
import { DEMO_KEYS } from '../support/demo-keys.ts';
import { graphql } from '../support/graphql.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const baseUrl = inject('baseUrl');

/** Controls that reallocate work: a manager's only. */
const REALLOCATION_CONTROLS =
  '[data-testid^="pause-queue-"], [data-testid^="resume-queue-"], [data-testid^="priority-"], [data-testid^="move-accounts-"]';

async function openBoard(
  browser: Browser,
  apiKey: string,
): Promise<{ page: Page; errors: Error[]; close: () => Promise<void> }> {
  const context = await openSignedInContext(browser, { baseUrl, apiKey });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto('/queues');
  return { page, errors, close: () => context.close() };
}

describe('the queues board', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a manager drag an agent to another queue, and a supervisor sees it move live', async () => {
    const move = await planAgentMove(baseUrl, DEMO_KEYS.admin);
    expect(await agentPlacement(baseUrl, DEMO_KEYS.admin, move)).toEqual({
      agentQueue: move.from,
      queuesListing: [move.from],
    });

    const manager = await openBoard(browser, DEMO_KEYS.manager);
    const supervisor = await openBoard(browser, DEMO_KEYS.supervisor);
    try {
      for (const { page } of [manager, supervisor]) {
        await agentChip(page, move.agentId).waitFor();
        expect(await queueCard(page, move.from).locator(`[data-testid="queue-agent-${move.agentId}"]`).count()).toBe(1);
      }
      await supervisor.page.evaluate(
        () => ((window as unknown as { e2eSameDocument: boolean }).e2eSameDocument = true),
      );

      // The supervisor reads the board only: no controls, chips that cannot be dragged, and the API says no.
      expect(await supervisor.page.locator(REALLOCATION_CONTROLS).count()).toBe(0);
      expect(await agentChip(supervisor.page, move.agentId).getAttribute('draggable')).toBe('false');
      expect(await manager.page.locator(REALLOCATION_CONTROLS).count()).toBeGreaterThan(0);
      const refused = await graphql(
        baseUrl,
        DEMO_KEYS.supervisor,
        'mutation ($a: [ID!]!, $q: ID!) { assignAgents(agentIds: $a, queueId: $q) { id } }',
        { a: [move.agentId], q: move.to },
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await agentPlacement(baseUrl, DEMO_KEYS.admin, move)).agentQueue).toBe(move.from);

      await saveScreenshot(manager.page, 'manager-before');
      await dragChipOnto(agentChip(manager.page, move.agentId), queueCard(manager.page, move.to));

      const inTarget = queueCard(supervisor.page, move.to).locator(`[data-testid="queue-agent-${move.agentId}"]`);
      await inTarget.waitFor({ timeout: 10_000 });
      await expect
        .poll(() =>
          queueCard(supervisor.page, move.from).locator(`[data-testid="queue-agent-${move.agentId}"]`).count(),
        )
        .toBe(0);
      expect(
        await supervisor.page.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument),
      ).toBe(true);
      expect(await agentPlacement(baseUrl, DEMO_KEYS.admin, move)).toEqual({
        agentQueue: move.to,
        queuesListing: [move.to],
      });
      await saveScreenshot(supervisor.page, 'supervisor-after');
      await queueCard(manager.page, move.to).locator(`[data-testid="queue-agent-${move.agentId}"]`).waitFor();
      // The manager's page says what happened; a refusal would be an error notice.
      expect(await byTestId(manager.page, 'queues-notice').and(manager.page.locator('.state--error')).count()).toBe(0);
      expect([...manager.errors, ...supervisor.errors]).toEqual([]);
    } finally {
      await Promise.all([manager.close(), supervisor.close()]);
    }
  });
});
