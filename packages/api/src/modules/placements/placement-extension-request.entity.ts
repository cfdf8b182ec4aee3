import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import {
  EXTENSION_REQUEST_STATUSES,
  ExtensionRequestStatus,
  type ExtensionRequestStatusName,
} from './placement-enums.ts';
import { Placement } from './placement.entity.ts';

/** An agency asking for more time on one of its placements; a manager approves or refuses it. */
@Entity({ tableName: 'placement_extension_request' })
@ObjectType('PlacementExtensionRequest')
@Index({ properties: ['status', 'requestedAt'] })
// One open request per placement: a second one while the first waits is a CONFLICT.
@Index({
  name: 'placement_extension_one_pending',
  expression: `create unique index "placement_extension_one_pending" on "placement_extension_request" ("placement_id") where "status" = 'PENDING'`,
})
export class PlacementExtensionRequest {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Placement)
  placement!: Placement;

  /** Days asked for beyond the current recall date. */
  @Property({ type: 'integer' })
  @Field(() => Int)
  days!: number;

  @Property({ type: 'text' })
  @Field(() => String)
  reason!: string;

  @Enum({ items: [...EXTENSION_REQUEST_STATUSES] })
  @Field(() => ExtensionRequestStatus)
  status: Opt<ExtensionRequestStatusName> = 'PENDING';

  @Property({ type: 'datetime' })
  @Field(() => DateTimeScalar)
  requestedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNote: string | null = null;
}
