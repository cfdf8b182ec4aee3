import { randomUUID } from 'node:crypto';
import { assignAgents, createCampaign, startCampaign } from './campaigns.ts';
import {
  accountRow,
  createAgency,
  createAgent,
  CREATE_API_KEY,
  importAccounts,
  sqlIds,
  type AgencyData,
} from './fixtures.ts';
import type { TenantIds } from './schema-operations.ts';
import { TEST_ADMIN_KEY, type TestApi } from './test-api.ts';

/**
 * Three tenants with something of every kind an operation can name: the in-house team, and partner agencies A and
 * B, each with accounts, an agent, a running campaign with a queue, a payment, and (partners) a placement with an
 * extension request. B's and in-house strings (names, references, amounts) are unusual on purpose, so a response
 * that shows any of them to A is caught by a plain text search. Set up through the public API, as partners would.
 */
export interface Tenant {
  ids: TenantIds;
  /** Every id, name, reference and amount of this tenant's objects: none may reach another tenant. */
  secrets: string[];
}

export interface Tenants {
  house: Tenant;
  a: Tenant;
  b: Tenant;
  /** One key per role; the AGENT key acts as the in-house agent, the AGENCY key is A's. */
  keys: Record<'ADMIN' | 'MANAGER' | 'SUPERVISOR' | 'AGENT' | 'AGENCY', string>;
  /** A partner agent's key: A's agent. */
  agentKeyA: string;
  /** B's own AGENCY key. */
  agencyKeyB: string;
}

async function newKey(
  api: TestApi,
  role: string,
  agencyId: string | null,
  agentId: string | null,
): Promise<{ id: string; key: string }> {
  const { createApiKey } = await api.ok<{ createApiKey: { id: string; key: string } }>(
    CREATE_API_KEY.replace('{ key role agencyId }', '{ id key role agencyId }'),
    { role, agencyId, agentId },
  );
  return createApiKey;
}

interface TenantPlan {
  tag: string;
  agency: AgencyData;
  balances: string[];
  reference: string;
}

async function buildTenant(api: TestApi, plan: TenantPlan, partner: boolean): Promise<Tenant> {
  const rows = plan.balances.map((balance, index) =>
    accountRow({
      debtorName: `${plan.tag} Deudor ${index + 1}`,
      externalRef: `${plan.tag.toUpperCase()}-REF-${index + 1}`,
      documentId: `${plan.tag.toUpperCase()}DOC${index + 1}`,
      balance,
      originalAmount: balance,
      dueDate: '2026-10-01',
    }),
  );
  await importAccounts(api, rows);
  const accounts = await sqlIds(
    api,
    `select a.id from account a join debtor d on d.id = a.debtor_id where d.name like ? order by a.id`,
    [`${plan.tag} Deudor %`],
  );
  if (partner) {
    // With a recall date, so the agency may ask for an extension of it.
    await api.ok(
      `mutation ($filter: AccountFilter!, $agencyId: ID!) { placeAccounts(filter: $filter, agencyId: $agencyId, recallAfterDays: 60) }`,
      {
        filter: { search: `${plan.tag} Deudor` },
        agencyId: plan.agency.id,
      },
    );
  }
  const agent = await createAgent(api, `${plan.tag} Agente`, plan.agency.id);
  const campaign = await createCampaign(api, {
    name: `${plan.tag} Campaña`,
    filter: { search: `${plan.tag} Deudor` },
    queues: [{ name: `${plan.tag} Cola` }],
    ...(partner ? { agencyId: plan.agency.id } : {}),
  });
  await startCampaign(api, campaign.id);
  // An agent on the queue, so the boards (agentUpdated, queueUpdated) have someone to show.
  await assignAgents(api, [agent.id], campaign.queues[0]!.id);
  const { recordPayment } = await api.ok<{ recordPayment: { id: string } }>(
    `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
    { input: { accountId: accounts[0], amount: '13.57', currency: 'PEN', reference: plan.reference } },
  );
  const apiKey = await newKey(api, partner ? 'AGENCY' : 'MANAGER', partner ? plan.agency.id : null, null);
  let placement: string = randomUUID();
  let extensionRequest: string = randomUUID();
  if (partner) {
    [placement] = (await sqlIds(api, 'select id from placement where account_id = ?', [accounts[0]])) as [string];
    const { requestPlacementExtension } = await api.ok<{ requestPlacementExtension: { id: string } }>(
      `mutation ($placementId: ID!) { requestPlacementExtension(placementId: $placementId, days: 7, reason: "${plan.tag} motivo") { id } }`,
      { placementId: placement },
      apiKey.key,
    );
    extensionRequest = requestPlacementExtension.id;
  }
  const ids: TenantIds = {
    account: accounts[0]!,
    agency: plan.agency.id,
    agent: agent.id,
    campaign: campaign.id,
    queue: campaign.queues[0]!.id,
    placement,
    extensionRequest,
    payment: recordPayment.id,
    // Import jobs and failed jobs are an administrator's, of no tenant: an id nobody has stands in.
    importJob: randomUUID(),
    apiKey: apiKey.id,
    failedJob: randomUUID(),
  };
  const secrets = [
    ...Object.values(ids),
    ...accounts,
    plan.agency.code,
    plan.agency.name,
    plan.reference,
    `${plan.tag} Deudor`,
    `${plan.tag} Agente`,
    `${plan.tag} Campaña`,
    `${plan.tag} Cola`,
    `${plan.tag.toUpperCase()}-REF-`,
    `${plan.tag.toUpperCase()}DOC`,
    ...plan.balances,
  ];
  return { ids, secrets: [...new Set(secrets)] };
}

/** The three tenants and a key per role, on a fresh test API. */
export async function buildTenants(api: TestApi): Promise<Tenants> {
  const houseAgency = await createAgency(api, { code: 'CASA', name: 'Equipo Propio Quispe', partner: false });
  const agencyA = await createAgency(api, { code: 'ANDINA', name: 'Cobranzas Andinas SAC' });
  const agencyB = await createAgency(api, { code: 'BRAVOX', name: 'Recuperaciones Zafiro EIRL' });
  const house = await buildTenant(
    api,
    { tag: 'Yanahuara', agency: houseAgency, balances: ['9234.56', '9345.67'], reference: 'CASA-PAGO-4471' },
    false,
  );
  const a = await buildTenant(
    api,
    { tag: 'Alpaca', agency: agencyA, balances: ['1200.50', '1300.25'], reference: 'ANDINA-PAGO-1' },
    true,
  );
  const b = await buildTenant(
    api,
    { tag: 'Zafiro', agency: agencyB, balances: ['8123.45', '8765.43'], reference: 'ZAFIRO-PAGO-9182' },
    true,
  );
  const agentA = await newKey(api, 'AGENT', null, a.ids.agent);
  const keys = {
    ADMIN: TEST_ADMIN_KEY,
    MANAGER: (await newKey(api, 'MANAGER', null, null)).key,
    SUPERVISOR: (await newKey(api, 'SUPERVISOR', null, null)).key,
    AGENT: (await newKey(api, 'AGENT', null, house.ids.agent)).key,
    AGENCY: (await newKey(api, 'AGENCY', agencyA.id, null)).key,
  };
  const agencyKeyB = (await newKey(api, 'AGENCY', agencyB.id, null)).key;
  return { house, a, b, keys, agentKeyA: agentA.key, agencyKeyB };
}
