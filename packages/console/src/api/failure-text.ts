import type { MessageKey } from '../i18n/index.ts';
import type { ApiFailure } from './graphql.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Words for a failed call; GraphQL messages come from the API and are shown as sent, except a database outage
 * (SERVICE_UNAVAILABLE, docs/api.md), worded here: it is the one a user meets without having done anything wrong.
 */
export function failureText(failure: ApiFailure, t: Translate): string {
  switch (failure.kind) {
    case 'graphql':
      return failure.code === 'SERVICE_UNAVAILABLE' ? t('error.serviceUnavailable') : failure.message;
    case 'http':
      return t('error.http', { status: failure.status });
    case 'network':
      return t('error.network', { reason: failure.reason });
    case 'invalid':
      return t('error.invalidResponse');
  }
}
