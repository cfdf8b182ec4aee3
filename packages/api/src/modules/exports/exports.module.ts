import type { ApiModule } from '../../core/api-module.ts';
import { exportRoutes } from './export.routes.ts';

/** Streamed CSV downloads of the portfolio and its activity, for the console and partner systems. */
export const exportsModule: ApiModule = {
  name: 'exports',
  http: (deps) => exportRoutes(deps),
};
