import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { AccountImportJob } from './account-import.job.ts';
import { AccountOffersResolver } from './account-offers.resolver.ts';
import { Account } from './account.entity.ts';
import { AccountConnectionResolver, AccountResolver } from './account.resolver.ts';
import { AGING_ROLL_CRON, AgingRollJob } from './aging-roll.job.ts';
import { BucketTransition } from './bucket-transition.entity.ts';
import { Creditor } from './creditor.entity.ts';
import { Debtor } from './debtor.entity.ts';
import { ImportJobChunk } from './import-job-chunk.entity.ts';
import { ImportJob } from './import-job.entity.ts';
import { ImportJobResolver } from './import-job.resolver.ts';
import { Portfolio } from './portfolio.entity.ts';
import { PortfolioResolver } from './portfolio.resolver.ts';

/** Creditors, portfolios, debtors and accounts: imports, placement with agencies, the daily aging roll. */
export const portfolioModule: ApiModule = {
  name: 'portfolio',
  entities: [Creditor, Portfolio, Debtor, Account, BucketTransition, ImportJob, ImportJobChunk],
  resolvers: [AccountResolver, AccountConnectionResolver, AccountOffersResolver, PortfolioResolver, ImportJobResolver],
  jobs: (deps) => [new AgingRollJob(deps), new AccountImportJob(deps)],
  recurring: (timeZone) => [{ name: JobName.AgingRoll, repeat: { cron: AGING_ROLL_CRON, timeZone } }],
};
