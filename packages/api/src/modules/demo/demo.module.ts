import type { ApiModule } from '../../core/api-module.ts';
import { DemoClockState } from './demo-clock-state.entity.ts';
import { OperationClockResolver } from './demo-clock.resolver.ts';

/** The demo operation's clock: its stored offset, and the operation's time for the console and the simulator. */
export const demoModule: ApiModule = {
  name: 'demo',
  entities: [DemoClockState],
  resolvers: [OperationClockResolver],
};
