import type { Role } from '@recupera/shared';

/** Who is calling: resolved once per request (or WebSocket connection) from the API key. */
export interface Principal {
  role: Role;
  /** Set for AGENCY keys: the request sees only this agency's data. */
  agencyId: string | null;
  /** Written into the event table as the author of every write. */
  actor: string;
}
