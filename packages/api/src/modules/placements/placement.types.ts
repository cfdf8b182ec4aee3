import { Field, Int, ObjectType, ID } from 'type-graphql';
import { PageInfo } from '../../core/graphql/page-info.type.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { PlacementStatus } from './placement-enums.ts';
import { Placement } from './placement.entity.ts';

@ObjectType('PlacementEdge')
export class PlacementEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Placement)
  node!: Placement;
}

@ObjectType('PlacementConnection')
export class PlacementConnection {
  @Field(() => [PlacementEdge])
  edges!: PlacementEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counted only when a client selects `totalCount`. */
  countTotal!: () => Promise<number>;
}

@ObjectType('EndedPlacement', {
  description: 'A placement that has just ended; the account is no longer the agency’s, so only its id is given.',
})
export class EndedPlacementType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field(() => PlacementStatus)
  status!: 'RECALLED' | 'RETURNED';

  @Field(() => DateTimeScalar)
  endedAt!: Date;

  @Field(() => String)
  endReason!: string;
}

/** Placements of one agency due back soon, for the managers' and the agency's screens. */
@ObjectType('PlacementSummary')
export class PlacementSummary {
  @Field(() => Int)
  active!: number;

  @Field(() => Int, { description: 'Active placements whose recall date is within the next 7 days (today included).' })
  recallsDueIn7Days!: number;

  @Field(() => Int)
  pendingExtensionRequests!: number;
}
