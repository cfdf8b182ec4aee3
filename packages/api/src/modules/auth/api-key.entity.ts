import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { ROLES } from '@recupera/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Role } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Agent } from '../agencies/agent.entity.ts';

/**
 * A stored API key: only the SHA-256 of the secret (keys are long random strings, so a slow hash adds nothing),
 * its grant (role, and the agency or agent it is bound to), and its lifecycle. Listed to admins without the secret.
 */
@Entity({ tableName: 'api_key' })
@ObjectType('ApiKey', { description: 'A stored key, never its secret.' })
@Index({ properties: ['agency'] })
// Every instance caches keys in memory and forgets one the moment it changes (modules/auth/key-directory.ts): a
// revocation takes effect at once wherever it is made, by the API, a script or an operator in psql.
@Trigger({
  name: 'api_key_changed',
  timing: 'after',
  events: ['update'],
  // Only a change to the grant or its lifecycle (not the minutely `last_used_at`) makes instances forget the key.
  body:
    'if (old.hash, old.role, old.agency_id, old.agent_id, old.expires_at, old.revoked_at) is distinct from ' +
    "(new.hash, new.role, new.agency_id, new.agent_id, new.expires_at, new.revoked_at) then perform pg_notify('api_key_changed', new.id::text); end if; return null;",
})
@Trigger({
  name: 'api_key_deleted',
  timing: 'after',
  events: ['delete'],
  body: "perform pg_notify('api_key_changed', old.id::text); return null;",
})
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  /** The first characters of the key, so an admin can tell keys apart without seeing them. */
  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: 'The first characters of the key, to recognise it.' })
  prefix!: string;

  @Enum({ items: [...ROLES] })
  @Field(() => Role)
  role!: Role;

  /** Set for AGENCY keys (and the keys of a partner agency's agents): the key sees only this agency's data. */
  @ManyToOne(() => Agency, { nullable: true })
  agency: Agency | null = null;

  /** Set for AGENT keys: the key acts only as this agent. */
  @ManyToOne(() => Agent, { nullable: true })
  agent: Agent | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  @Field(() => String, { nullable: true })
  label: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => DateTimeScalar)
  createdAt: Opt<Date> = new Date();

  /** Written at most once a minute per key (see the key directory): "when was this key last seen". */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt: Date | null = null;

  /** The key this one replaced by `rotateApiKey` (that one stays valid until its overlap ends). */
  @Property({ type: 'uuid', nullable: true })
  rotatedFromId: string | null = null;
}
