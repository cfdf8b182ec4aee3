import { expect } from 'vitest';
import { accountRow, createAgency, createAgent, importAccounts, type ImportRow } from './fixtures.ts';
import { sql, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './test-api.ts';

/**
 * Helpers of the campaign and work-queue suites: campaigns, agents and queues driven through the public API,
 * plus the SQL the suites use to compute their expectations without the API's own code.
 */

export interface CampaignData {
  id: string;
  name: string;
  status: string;
  channel: string;
  queues: { id: string; name: string; priority: number; paused: boolean; size: number }[];
}

const CAMPAIGN_FIELDS = 'id name status channel queues { id name priority paused size }';

export const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
export const START_CAMPAIGN = `mutation ($id: ID!) { startCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const PAUSE_CAMPAIGN = `mutation ($id: ID!) { pauseCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const FINISH_CAMPAIGN = `mutation ($id: ID!) { finishCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;

/** The plain `CreateCampaignInput` of the schema. */
export interface CampaignInput {
  name: string;
  channel?: string;
  filter?: Record<string, unknown>;
  queues: { name: string; filter?: Record<string, unknown> | null; priority?: number | null }[];
  windowStart?: string | null;
  windowEnd?: string | null;
  challenger?: { name: string; share: number; script?: string | null } | null;
  agencyId?: string | null;
  script?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

export function tryCreateCampaign(
  api: TestApi,
  input: CampaignInput,
  key: string = TEST_ADMIN_KEY,
): Promise<GraphQLResponse<{ createCampaign: CampaignData }>> {
  return api.gql(CREATE_CAMPAIGN, { input: { channel: 'CALL', filter: {}, ...input } }, key);
}

export async function createCampaign(
  api: TestApi,
  input: CampaignInput,
  key: string = TEST_ADMIN_KEY,
): Promise<CampaignData> {
  const response = await tryCreateCampaign(api, input, key);
  if (response.errors?.length) throw new Error(`createCampaign failed: ${JSON.stringify(response.errors)}`);
  return response.data!.createCampaign;
}

/** Queues of the campaign in the order they were given at creation. */
export async function queuesInOrder(api: TestApi, campaignId: string): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }>(
    api,
    'select id, name from work_queue where campaign_id = ? order by position',
    [campaignId],
  );
}

export async function startCampaign(api: TestApi, id: string, key: string = TEST_ADMIN_KEY): Promise<CampaignData> {
  return (await api.ok<{ startCampaign: CampaignData }>(START_CAMPAIGN, { id }, key)).startCampaign;
}

export async function pauseCampaign(api: TestApi, id: string, key: string = TEST_ADMIN_KEY): Promise<CampaignData> {
  return (await api.ok<{ pauseCampaign: CampaignData }>(PAUSE_CAMPAIGN, { id }, key)).pauseCampaign;
}

export async function finishCampaign(api: TestApi, id: string, key: string = TEST_ADMIN_KEY): Promise<CampaignData> {
  return (await api.ok<{ finishCampaign: CampaignData }>(FINISH_CAMPAIGN, { id }, key)).finishCampaign;
}

/** Creates and starts a one-queue campaign over `filter`; returns the campaign and its queue id. */
export async function runningCampaign(
  api: TestApi,
  name: string,
  filter: Record<string, unknown>,
  extra: Partial<CampaignInput> = {},
): Promise<{ campaign: CampaignData; queueId: string }> {
  const created = await createCampaign(api, { name, filter, queues: [{ name: `${name} — cola` }], ...extra });
  const started = await startCampaign(api, created.id);
  return { campaign: started, queueId: started.queues[0]!.id };
}

export const SET_AGENT_STATUS = `mutation ($agentId: ID!, $status: AgentStatus!) {
  setAgentStatus(agentId: $agentId, status: $status) { id status statusSince }
}`;

export async function setAgentStatus(
  api: TestApi,
  agentId: string,
  status: string,
  key: string = TEST_ADMIN_KEY,
): Promise<{ id: string; status: string; statusSince: string }> {
  return (
    await api.ok<{ setAgentStatus: { id: string; status: string; statusSince: string } }>(
      SET_AGENT_STATUS,
      { agentId, status },
      key,
    )
  ).setAgentStatus;
}

export const ASSIGN_AGENTS = `mutation ($agentIds: [ID!]!, $queueId: ID!) {
  assignAgents(agentIds: $agentIds, queueId: $queueId) { id agents { id } }
}`;

export async function assignAgents(
  api: TestApi,
  agentIds: string[],
  queueId: string,
  key: string = TEST_ADMIN_KEY,
): Promise<void> {
  await api.ok(ASSIGN_AGENTS, { agentIds, queueId }, key);
}

/** `count` agents of the agency, assigned to `queueId` and AVAILABLE. */
export async function readyAgents(
  api: TestApi,
  agencyId: string,
  queueId: string | null,
  count: number,
  prefix = 'Agente',
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) ids.push((await createAgent(api, `${prefix} ${n}`, agencyId)).id);
  if (queueId) await assignAgents(api, ids, queueId);
  for (const id of ids) await setAgentStatus(api, id, 'AVAILABLE');
  return ids;
}

/** The in-house team (partner: false). */
export function inHouseAgency(api: TestApi) {
  return createAgency(api, { partner: false });
}

export const NEXT_ACCOUNT = `mutation ($agentId: ID!) { nextAccount(agentId: $agentId) { id externalRef } }`;

export function tryNextAccount(
  api: TestApi,
  agentId: string,
  key: string = TEST_ADMIN_KEY,
): Promise<GraphQLResponse<{ nextAccount: { id: string; externalRef: string } | null }>> {
  return api.gql(NEXT_ACCOUNT, { agentId }, key);
}

/** The id of the account handed to the agent, or null; fails the test on any error. */
export async function nextAccount(api: TestApi, agentId: string, key: string = TEST_ADMIN_KEY): Promise<string | null> {
  const response = await tryNextAccount(api, agentId, key);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.nextAccount?.id ?? null;
}

export const RECORD_NO_ANSWER = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`;

/** Records a NO_ANSWER call by the agent: what releases the reservation in a real dialer loop. */
export async function recordNoAnswer(api: TestApi, accountId: string, agentId: string): Promise<void> {
  await api.ok(RECORD_NO_ANSWER, {
    input: { accountId, agentId, channel: 'CALL', disposition: 'NO_ANSWER', durationSeconds: 20 },
  });
}

export const ACCOUNT_INSIGHT = `query ($id: ID!) {
  account(id: $id) {
    id
    queuePlace { queue { id } skippedBecause reservedBy { id } nextAttemptAt variant score expectedRecovery { amount currency } }
    contactCheck { allowed reasons nextOpportunity }
  }
}`;

export interface AccountInsight {
  id: string;
  queuePlace: {
    queue: { id: string };
    skippedBecause: string[];
    reservedBy: { id: string } | null;
    nextAttemptAt: string | null;
    variant: string;
    score: number;
    expectedRecovery: { amount: string; currency: string };
  } | null;
  contactCheck: { allowed: boolean; reasons: string[]; nextOpportunity: string | null };
}

export async function accountInsight(api: TestApi, id: string, key: string = TEST_ADMIN_KEY): Promise<AccountInsight> {
  return (await api.ok<{ account: AccountInsight }>(ACCOUNT_INSIGHT, { id }, key)).account;
}

/**
 * Imports `rows` for the creditor and returns the account ids by external ref. Every row's debtor name carries
 * `tag`, so a campaign filter `{ search: tag }` selects exactly these accounts.
 */
export async function importTagged(
  api: TestApi,
  tag: string,
  rows: Partial<ImportRow>[],
  options: { creditorName?: string; portfolioName?: string } = {},
): Promise<{ ids: string[]; byRef: Map<string, string> }> {
  const full = rows.map((overrides, index) => accountRow({ debtorName: `${tag} Deudor ${index + 1}`, ...overrides }));
  for (let start = 0; start < full.length; start += 5_000) {
    await importAccounts(api, full.slice(start, start + 5_000), options);
  }
  const found = await sql<{ id: string; external_ref: string }>(
    api,
    'select id, external_ref from account where external_ref in (?)',
    [full.map((row) => row.externalRef)],
  );
  const byRef = new Map(found.map((row) => [row.external_ref, row.id]));
  return { ids: full.map((row) => byRef.get(row.externalRef)!), byRef };
}

/** Sets the country profile of a creditor (no API for it yet). */
export async function setContactProfile(api: TestApi, creditorName: string, country: string): Promise<void> {
  await sql(api, 'update creditor set contact_profile = ? where name = ?', [country, creditorName]);
}

export type MembershipRow = {
  account_id: string;
  queue_id: string;
  campaign_id: string;
  variant: string;
  score: string;
  expected_recovery: string;
  reserved_by_id: string | null;
};

export async function membershipsOf(api: TestApi, campaignId: string): Promise<MembershipRow[]> {
  return sql<MembershipRow>(
    api,
    `select account_id, queue_id, campaign_id, variant, score::text as score, expected_recovery::text as expected_recovery,
            reserved_by_id
       from queue_membership where campaign_id = ? order by account_id`,
    [campaignId],
  );
}

/** The instant `minutes` minutes after `instant`. */
export function plusMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
