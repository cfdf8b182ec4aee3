import { AGENT_STATUSES } from '@recupera/shared';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { AgentStatus } from '../../core/graphql/enums.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { Agency } from './agency.entity.ts';

@Entity({ tableName: 'agent' })
@ObjectType('Agent')
export class Agent {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  @ManyToOne(() => Agency)
  @Index()
  agency!: Agency;

  @Enum({ items: [...AGENT_STATUSES] })
  @Field(() => AgentStatus)
  status: Opt<AgentStatus> = 'LOGGED_OUT';

  /** When the current status began: time in status, handle time and occupancy are measured from these. */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  statusSince: Opt<Date> = new Date();

  @ManyToOne(() => WorkQueue, { nullable: true })
  @Index()
  queue: WorkQueue | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
