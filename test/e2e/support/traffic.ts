import { graphqlData } from './graphql.ts';

/** A contact (REFUSED_TO_PAY), a non-contact and a third party: contacts and attempts both move, by different steps. */
export const DISPOSITIONS = ['REFUSED_TO_PAY', 'NO_ANSWER', 'THIRD_PARTY'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface RecordedAttempt {
  accountId: string;
  disposition: Disposition;
  /** How the account was chosen: what the queue handed the agent, or a search of the contact rules. */
  via: 'nextAccount' | 'contactCheck' | 'any';
}

interface AccountCandidate {
  id: string;
  status: string;
  contactCheck: { allowed: boolean };
  /** The partner agency the account is placed with: its agents work it, not the in-house agent recording here. */
  agency: { id: string } | null;
}

const SET_STATUS = `mutation ($agentId: ID!) { setAgentStatus(agentId: $agentId, status: AVAILABLE) { id status } }`;
const NEXT_ACCOUNT = `mutation ($agentId: ID!) { nextAccount(agentId: $agentId) { id } }`;
const RECORD = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`;
const CANDIDATES = `query ($after: String) {
  accounts(first: 100, after: $after, filter: { statuses: [ACTIVE] }) {
    edges { node { id status contactCheck { allowed } agency { id } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** An in-house agent assigned to a queue of a running campaign, so `nextAccount` has a queue to draw from. */
export async function pickQueuedAgent(baseUrl: string, apiKey: string, avoid: Set<string>): Promise<string> {
  const { agents } = await graphqlData<{
    agents: { id: string; agency: { partner: boolean }; queue: { campaign: { status: string } } | null }[];
  }>(baseUrl, apiKey, '{ agents { id agency { partner } queue { campaign { status } } } }');
  const agent = agents.find((a) => !avoid.has(a.id) && !a.agency.partner && a.queue?.campaign.status === 'RUNNING');
  if (!agent) throw new Error('the demo seed has no in-house agent on a running campaign');
  return agent.id;
}

/**
 * ACTIVE accounts worked in-house, those the contact rules allow right now first: recordInteraction records an
 * attempt already made and does not re-check the rules, and the floor's figures must move whatever the hour the
 * suite runs at (at 3 a.m. in Lima no debtor of the demo portfolio may be called). An account placed with a partner
 * agency is its agents' to work: recordInteraction refuses it to the in-house agent recording here.
 */
async function candidateAccounts(baseUrl: string, apiKey: string, count: number, skip: Set<string>) {
  const allowed: string[] = [];
  const others: string[] = [];
  let after: string | null = null;
  // Two pages are plenty on the demo portfolio and keep the loop bounded on a bigger one.
  for (let page = 0; page < 2 && allowed.length < count; page += 1) {
    const data: {
      accounts: { edges: { node: AccountCandidate }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    } = await graphqlData(baseUrl, apiKey, CANDIDATES, { after });
    for (const { node } of data.accounts.edges) {
      if (skip.has(node.id) || node.status !== 'ACTIVE' || node.agency !== null) continue;
      (node.contactCheck.allowed ? allowed : others).push(node.id);
    }
    if (!data.accounts.pageInfo.hasNextPage) break;
    after = data.accounts.pageInfo.endCursor;
  }
  return { allowed, others };
}

/**
 * Works `count` accounts as `agentId` the way an agent's desktop does: AVAILABLE, nextAccount, then the
 * outcome. When the queue hands nothing at this hour, the attempts go on accounts found through
 * `contactCheck` (or any ACTIVE account when no debtor may be contacted now).
 */
export async function recordAttempts(
  baseUrl: string,
  apiKey: string,
  agentId: string,
  count: number,
): Promise<RecordedAttempt[]> {
  const recorded: RecordedAttempt[] = [];
  const record = async (accountId: string, via: RecordedAttempt['via']) => {
    const disposition = DISPOSITIONS[recorded.length % DISPOSITIONS.length]!;
    await graphqlData(baseUrl, apiKey, RECORD, {
      input: { accountId, agentId, channel: 'CALL', disposition, durationSeconds: 60 },
    });
    recorded.push({ accountId, disposition, via });
  };

  while (recorded.length < count) {
    await graphqlData(baseUrl, apiKey, SET_STATUS, { agentId });
    const { nextAccount } = await graphqlData<{ nextAccount: { id: string } | null }>(baseUrl, apiKey, NEXT_ACCOUNT, {
      agentId,
    });
    if (!nextAccount) break;
    await record(nextAccount.id, 'nextAccount');
  }
  if (recorded.length < count) {
    const used = new Set(recorded.map((r) => r.accountId));
    const { allowed, others } = await candidateAccounts(baseUrl, apiKey, count - recorded.length, used);
    const pool: [string, RecordedAttempt['via']][] = [
      ...allowed.map((id) => [id, 'contactCheck'] as [string, RecordedAttempt['via']]),
      ...others.map((id) => [id, 'any'] as [string, RecordedAttempt['via']]),
    ];
    for (const [accountId, via] of pool.slice(0, count - recorded.length)) await record(accountId, via);
  }
  if (recorded.length < count) throw new Error(`only ${recorded.length} of ${count} attempts could be recorded`);
  // Leaves the agent as it would be between calls, not holding a reservation.
  await graphqlData(baseUrl, apiKey, SET_STATUS, { agentId });
  return recorded;
}
