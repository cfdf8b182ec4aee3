import type { ApiModule } from '../../core/api-module.ts';
import { ApiKey } from './api-key.entity.ts';
import { ApiKeyResolver } from './api-key.resolver.ts';

/** API keys: who is calling, with which role and for which agency. */
export const authModule: ApiModule = {
  name: 'auth',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver],
};
