import type { ApiModule } from '../../core/api-module.ts';
import { Payment } from './payment.entity.ts';
import { PaymentResolver } from './payment.resolver.ts';

/** Payments posted by the feeds, idempotent by reference. */
export const paymentsModule: ApiModule = {
  name: 'payments',
  entities: [Payment],
  resolvers: [PaymentResolver],
};
