import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { failureText } from './failure-text.ts';

describe('failureText', () => {
  it('words a database outage in the console language instead of showing the API sentence', () => {
    const failure = {
      kind: 'graphql',
      message: 'The database is unavailable for the moment; retry later',
      code: 'SERVICE_UNAVAILABLE',
    } as const;
    expect(failureText(failure, (key, params) => translate('es', key, params))).toBe(
      'La base de datos no responde por el momento; vuelva a intentarlo en unos segundos.',
    );
    expect(failureText(failure, (key, params) => translate('en', key, params))).toBe(
      'The database is not answering for the moment; try again in a few seconds.',
    );
  });

  it('shows any other GraphQL error as the API sent it', () => {
    const failure = { kind: 'graphql', message: 'Account 7 not found', code: 'NOT_FOUND' } as const;
    expect(failureText(failure, (key, params) => translate('en', key, params))).toBe('Account 7 not found');
  });
});
