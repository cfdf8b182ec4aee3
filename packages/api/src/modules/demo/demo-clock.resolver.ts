import { Ctx, Field, FieldResolver, Float, ObjectType, Resolver } from 'type-graphql';
import { isDemoClock } from '../../core/demo-clock.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { OperationInfo } from '../kpi/kpi.types.ts';

@ObjectType('DemoClock', {
  description:
    "Whether the operation runs on the demo clock: the embedded demo database's clock, which keeps demo time inside " +
    'working hours (docs/demo.md). A real deployment never does.',
})
export class DemoClockInfo {
  @Field(() => Boolean) active!: boolean;

  @Field(() => Float, { description: 'Demo time minus real time, in milliseconds (0 when not active); it only grows.' })
  offsetMs!: number;
}

/** The operation's time, for the console's header ("Demo time: Mon 08:12") and the traffic simulator. */
@Resolver(() => OperationInfo)
export class OperationClockResolver {
  @FieldResolver(() => DateTimeScalar, {
    description: "The operation's clock now: every business decision and KPI reads it (demo time on the demo clock).",
  })
  now(@Ctx() ctx: RequestContext): Date {
    return ctx.clock.now();
  }

  @FieldResolver(() => DemoClockInfo)
  demoClock(@Ctx() ctx: RequestContext): DemoClockInfo {
    const info = new DemoClockInfo();
    info.active = isDemoClock(ctx.clock);
    info.offsetMs = isDemoClock(ctx.clock) ? ctx.clock.offsetMs : 0;
    return info;
  }
}
