import type { MessageKey } from '../i18n/index.ts';
import type { ApiFailure } from './graphql.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Words for a failed call; GraphQL messages come from the API and are shown as sent. */
export function failureText(failure: ApiFailure, t: Translate): string {
  switch (failure.kind) {
    case 'graphql':
      return failure.message;
    case 'http':
      return t('error.http', { status: failure.status });
    case 'network':
      return t('error.network', { reason: failure.reason });
    case 'invalid':
      return t('error.invalidResponse');
  }
}
