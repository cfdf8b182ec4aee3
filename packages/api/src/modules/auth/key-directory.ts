import pg from 'pg';
import type { Clock } from '../../core/clock.ts';
import { unauthenticated } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { bootstrapAdmin, type Principal } from '../../core/principal.ts';
import { ServiceKey } from '../../core/services.ts';
import { hashKey, sameSecret } from './api-key-secret.ts';
import type { Role } from '@recupera/shared';

/** The directory of this instance (registered by the composition, src/app). */
export const KEY_DIRECTORY = new ServiceKey<KeyDirectory>('KeyDirectory');

/** The channel the `api_key` trigger notifies on (migration …_api_key_lifecycle). */
export const API_KEY_CHANNEL = 'api_key_changed';

/** A stored key's grant as it was read: the principal, unless the key was revoked or its agent is gone. */
interface CachedKey {
  principal: Principal;
  revoked: boolean;
}

interface KeyRow {
  id: string;
  prefix: string;
  role: Role;
  agency_id: string | null;
  agent_id: string | null;
  agent_agency_id: string | null;
  agent_agency_partner: boolean | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** How often the keys seen since the last write get their `last_used_at`. */
const LAST_USED_FLUSH_MS = 60_000;
/** Cached keys kept at most (a key not seen for a while is simply read again). */
const MAX_CACHED_KEYS = 50_000;

/**
 * Who holds a key. A stored key is read once and then answered from memory, so a request costs no SQL for its
 * key; every change to a key (a revocation, a rotation's new expiry) reaches every instance at once because the
 * `api_key` table notifies on a PostgreSQL channel this directory listens to — whichever instance, script or
 * operator changed it, with or without Redis. While that listening connection is down nothing is served from
 * memory: every request reads its key again, so a revocation can never be missed.
 */
export class KeyDirectory {
  private readonly cache = new Map<string, CachedKey>();
  private readonly usedSince = new Set<string>();
  private readonly revokedListeners = new Set<(keyId: string) => void>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      databaseUrl: string;
      /** Reads the key rows (the app's pool). */
      query: <T>(sql: string, params: unknown[]) => Promise<T[]>;
      clock: Clock;
      logger: Logger;
      bootstrapAdminKey: string | undefined;
    },
  ) {}

  async start(): Promise<void> {
    await this.listen();
    this.flushTimer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.flushTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.flushLastUsed();
    await this.listener?.end().catch(() => undefined);
  }

  /** Called with a key's id when it changed (revoked, rotated, given an expiry): see `stillWorks` for what it means now. */
  onKeyChanged(listener: (keyId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /**
   * Resolves `Authorization: Bearer <key>` to a principal. No header: anonymous (null); a header with an unknown,
   * revoked or expired key, or a malformed header, is UNAUTHENTICATED.
   */
  async principalFor(authorization: string | undefined | null): Promise<Principal | null> {
    // A blank header or a bare "Bearer " (the IDE's template before a key is pasted) is anonymous, not an error.
    if (!authorization || /^\s*(Bearer\s*)?$/i.test(authorization)) return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <api key>"');
    const key = match[1]!;
    if (this.deps.bootstrapAdminKey && sameSecret(key, this.deps.bootstrapAdminKey)) return bootstrapAdmin();
    const hash = hashKey(key);
    let entry = this.listening ? this.cache.get(hash) : undefined;
    if (!entry) {
      entry = await this.read(hash);
      if (this.listening) this.remember(hash, entry);
    }
    if (!entry || entry.revoked) throw unauthenticated('Unknown or revoked API key');
    const { principal } = entry;
    if (principal.expiresAt && principal.expiresAt.getTime() <= this.deps.clock.now().getTime()) {
      throw unauthenticated('This API key has expired');
    }
    if (principal.keyId) this.usedSince.add(principal.keyId);
    return principal;
  }

  /** Whether a principal's key still works now (for long-lived WebSocket connections). */
  stillValid(principal: Principal): boolean {
    if (principal.expiresAt && principal.expiresAt.getTime() <= this.deps.clock.now().getTime()) return false;
    return true;
  }

  /** Forgets a key at once on this instance (the notification does it everywhere, this one included). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal.keyId === keyId) this.cache.delete(hash);
    for (const listener of this.revokedListeners) listener(keyId);
  }

  /**
   * Whether a stored key still works now, read from the table (not the cache): what a change notification means for
   * the connections open with it. Null when the key is gone.
   */
  async stillWorks(keyId: string): Promise<{ works: boolean; expiresAt: Date | null } | null> {
    const [row] = await this.deps.query<{ revoked_at: Date | null; expires_at: Date | null; orphan: boolean }>(
      `select revoked_at, expires_at, (role = 'AGENT' and agent_id is null) as orphan from api_key where id = ?`,
      [keyId],
    );
    if (!row) return null;
    const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
    const expired = expiresAt !== null && expiresAt.getTime() <= this.deps.clock.now().getTime();
    return { works: row.revoked_at === null && !row.orphan && !expired, expiresAt };
  }

  private async read(hash: string): Promise<CachedKey | undefined> {
    const [row] = await this.deps.query<KeyRow>(
      `select k.id::text, k.prefix, k.role, k.agency_id::text, k.agent_id::text,
              a.agency_id::text as agent_agency_id, ag.partner as agent_agency_partner, k.expires_at, k.revoked_at
         from api_key k
         left join agent a on a.id = k.agent_id
         left join agency ag on ag.id = a.agency_id
        where k.hash = ?`,
      [hash],
    );
    if (!row) return undefined;
    // An AGENT key whose agent is gone grants nothing (it would act as nobody, or as anybody).
    const orphanAgentKey = row.role === 'AGENT' && row.agent_id === null;
    return {
      revoked: row.revoked_at !== null || orphanAgentKey,
      principal: {
        role: row.role,
        // A partner agency's agent sees what its agency sees; an in-house agent sees the in-house operation.
        agencyId: row.role === 'AGENT' ? (row.agent_agency_partner ? row.agent_agency_id : null) : row.agency_id,
        agentId: row.agent_id,
        actor: `apikey:${row.id}`,
        keyId: row.id,
        keyPrefix: row.prefix,
        expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      },
    };
  }

  private remember(hash: string, entry: CachedKey | undefined): void {
    if (!entry) return;
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, entry);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.deps.databaseUrl,
      application_name: 'recupera-key-directory',
    });
    const lost = (error?: unknown) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.cache.clear();
      if (this.closed) return;
      this.deps.logger.warn('API key notifications lost: reading every key until they are back', error);
      this.reconnectTimer = setTimeout(() => void this.listen().catch(() => lost()), 1_000);
      this.reconnectTimer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === API_KEY_CHANNEL && message.payload) this.forget(message.payload);
    });
    this.listener = client;
    await client.connect();
    await client.query(`listen ${API_KEY_CHANNEL}`);
    // Anything cached before we listened may have changed unseen.
    this.cache.clear();
    this.listening = true;
  }

  private async flushLastUsed(): Promise<void> {
    if (this.usedSince.size === 0) return;
    const ids = [...this.usedSince];
    this.usedSince.clear();
    await this.deps
      .query(`update api_key set last_used_at = ? where id in (${ids.map(() => '?').join(', ')})`, [
        this.deps.clock.now(),
        ...ids,
      ])
      .catch((error: unknown) => this.deps.logger.warn('could not record when API keys were last used', error));
  }
}
