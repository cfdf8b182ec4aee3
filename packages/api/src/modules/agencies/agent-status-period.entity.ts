import { AGENT_STATUSES, type AgentStatus } from '@recupera/shared';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { Agent } from './agent.entity.ts';

/**
 * One stretch of time an agent spent in one status. Logged-in hours, handle time and occupancy are sums
 * over these; the open period has `endedAt` null.
 */
@Entity({ tableName: 'agent_status_period' })
@Index({ properties: ['agent', 'startedAt'] })
export class AgentStatusPeriod {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Agent)
  agent!: Agent;

  @Enum({ items: [...AGENT_STATUSES] })
  status!: AgentStatus;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;
}
