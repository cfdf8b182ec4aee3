/**
 * Keys the API's demo seeder stores (SEED_DEMO=always), one per role; listed in the project brief and the
 * API's start banner.
 */
export const DEMO_KEYS = {
  admin: 'demo-admin-0000-recupera',
  manager: 'demo-manager-0000-recupera',
  supervisor: 'demo-supervisor-0000-recupera',
  agent: 'demo-agent-0000-recupera',
  agencyCobsur: 'demo-agency-cobsur-recupera',
  agencyLimanorte: 'demo-agency-limanorte-recupera',
} as const;
