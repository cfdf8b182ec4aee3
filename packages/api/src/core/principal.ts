import type { Role } from '@recupera/shared';

/** Who is calling: resolved once per request (or WebSocket connection) from the API key. */
export interface Principal {
  role: Role;
  /** Set for AGENCY keys and a partner agency's AGENT keys: the request sees only this agency's data. */
  agencyId: string | null;
  /** Set for AGENT keys: the agent the key belongs to, the only one it may act as. */
  agentId: string | null;
  /** Written into the event table as the author of every write: `apikey:<id>` or `admin-bootstrap`. */
  actor: string;
  /** The stored key (null for the bootstrap admin key): rate limits, connection limits and revocation go by it. */
  keyId: string | null;
  /** The key's first characters, for the audit trail. */
  keyPrefix: string;
  /** When the key stops working (null: never), as the key directory last read it. */
  expiresAt: Date | null;
}

/** The bootstrap admin (ADMIN_API_KEY): not a stored key, so it has no id, prefix or expiry. */
export function bootstrapAdmin(): Principal {
  return {
    role: 'ADMIN',
    agencyId: null,
    agentId: null,
    actor: 'admin-bootstrap',
    keyId: null,
    keyPrefix: 'bootstrap',
    expiresAt: null,
  };
}

/** Server-side work (the demo seeder, jobs acting on a stored request) that no key started. */
export function systemPrincipal(): Principal {
  return {
    role: 'ADMIN',
    agencyId: null,
    agentId: null,
    actor: 'system',
    keyId: null,
    keyPrefix: 'system',
    expiresAt: null,
  };
}
