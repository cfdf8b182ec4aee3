import { ROLES, type Role } from '@recupera/shared';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { Agency } from '../agencies/agency.entity.ts';

/** Only the SHA-256 of a key is stored: keys are long random strings, so a slow hash adds nothing. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  /** The first characters of the key, so an admin can tell keys apart without seeing them. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  @Enum({ items: [...ROLES] })
  role!: Role;

  @ManyToOne(() => Agency, { nullable: true })
  agency: Agency | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
