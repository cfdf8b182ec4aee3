/**
 * The hot paths before their rewrite: the figures issue 14 reports for the main of 2026-12-03 (one API process,
 * this 2-core machine, 1,000,000 accounts), kept beside every run's own figures. Ranges are min–max of its runs.
 */
export const BEFORE_REWRITE = {
  source: 'issue 14, measured on main before the rewrite (commit 117dd62)',
  rawPg: { perSecond: [1600, 1800] },
  typename: { apiCpuMsPerRequest: [0.9, 1.0], note: 'half of it the API-key lookup (one SQL per request)' },
  recordInteraction: {
    perSecond: [100, 125],
    apiCpuMsPerRequest: [6.9, 8.2],
    statementsPerRequest: { withoutAgent: 12, withAgent: 17 },
  },
  recordPayment: { perSecond: [95, 100], apiCpuMsPerRequest: [9.1, 9.8], statementsPerRequest: [14, 15] },
  nextAccount: {
    statementsPerRequest: 16,
    withOutcomeApiCpuMs: 19,
    thirtyAgents: { p50: 299, p95: 382, offersPerSecond: 50, note: 'the process saturated from 10 agents on' },
  },
} as const;

/** What issue 14 asks of each figure. */
export const TARGETS = {
  writeApiCpuMs: 1.5,
  writeStatements: 6,
  nextAccountWithOutcomeApiCpuMs: 3,
  typenameApiCpuMs: 0.5,
  writeThroughputToRawPg: 0.5,
  nextAccountP95At100AgentsMs: 50,
  agencyPageP95Ms: 30,
} as const;
