import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { AgencyStatementResolver } from './agency-statement.resolver.ts';
import { PlacementExtensionRequest } from './placement-extension-request.entity.ts';
import { PLACEMENT_RECALL_EVERY_MS, PlacementRecallJob } from './placement-recall.job.ts';
import { Placement } from './placement.entity.ts';
import {
  PlacementConnectionResolver,
  PlacementExtensionRequestResolver,
  PlacementResolver,
} from './placement.resolver.ts';

/** Partner-agency placements: terms, recall and return, extensions, statements and the agency comparison. */
export const placementsModule: ApiModule = {
  name: 'placements',
  entities: [Placement, PlacementExtensionRequest],
  resolvers: [
    PlacementResolver,
    PlacementConnectionResolver,
    PlacementExtensionRequestResolver,
    AgencyStatementResolver,
  ],
  jobs: (deps) => [new PlacementRecallJob(deps)],
  recurring: () => [{ name: JobName.PlacementRecall, repeat: { everyMs: PLACEMENT_RECALL_EVERY_MS } }],
};
