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
// Each status change closes the open period (nextAccount, recordInteraction, setAgentStatus): an agent's history
// grows by hundreds of periods a day, and without this index each change read all of it.
@Index({
  name: 'agent_status_period_open',
  expression: 'create index "agent_status_period_open" on "agent_status_period" ("agent_id") where "ended_at" is null',
})
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
