import { type Role } from '@recupera/shared';
import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';

/** `@Authorized()` = any valid key; `@Authorized('ADMIN', 'MANAGER')` = one of those roles. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (!context.principal) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.principal.role)) throw forbidden();
  return true;
};
