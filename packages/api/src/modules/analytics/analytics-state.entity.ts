import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Whether the analytics tables have been built, and in which operation time zone (their business dates depend on
 * it). One row, id 1. The projector adds nothing until a build has run: the build counts every stored fact.
 */
@Entity({ tableName: 'analytics_state' })
export class AnalyticsState {
  @PrimaryKey({ type: 'smallint' })
  id = 1;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'datetime' })
  builtAt!: Date;
}
