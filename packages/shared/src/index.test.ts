import { describe, expect, it } from 'vitest';
import * as shared from './index.ts';

describe('public surface', () => {
  it('exports the names the API and the console code against', () => {
    const required = [
      // dates
      'isIsoDate',
      'addDays',
      'diffDays',
      'isValidTimeZone',
      'businessDateIn',
      'localParts',
      'startOfLocalDay',
      // buckets
      'AGING_BUCKETS',
      'daysPastDue',
      'bucketForDaysPastDue',
      'bucketOf',
      'dueDateRangeForBucket',
      'dueDateRangeForDaysPastDue',
      // money
      'currencyExponent',
      'isCurrencyCode',
      'MoneyError',
      'parseAmount',
      'formatAmount',
      'normalizeAmount',
      'sumByCurrency',
      'compareAmounts',
      'minorToDecimalString',
      'formatMoneyForLocale',
      // dispositions
      'DISPOSITIONS',
      'CHANNELS',
      'CONTACT_DISPOSITIONS',
      'isContact',
      'isRightPartyContact',
      'isConversation',
      // kpi
      'rate',
      'kpiRates',
      'recoveryRate',
      // compliance
      'CONTACT_PROFILES',
      'publicHolidays',
      'isPublicHoliday',
      'evaluateContact',
    ];
    const missing = required.filter((name) => !(name in shared));
    expect(missing).toEqual([]);
  });
});
