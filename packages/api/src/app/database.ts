import { createOrm, type Orm, type OrmOptions } from '../core/database/orm.ts';
import { ENTITIES } from './modules.ts';

/** The ORM of the API: every module's entities on the database at `url`. */
export function openOrm(options: Omit<OrmOptions, 'entities'>): Promise<Orm> {
  return createOrm({ ...options, entities: ENTITIES });
}
