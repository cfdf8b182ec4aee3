import { CONTACT_BLOCK_REASONS, DISPOSITIONS } from '@recupera/shared';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { es } from './es.ts';
import { format, translate } from './index.ts';

describe('i18n', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{count} agencias', { count: 3 })).toBe('3 agencias');
    expect(format('Hola {name}', {})).toBe('Hola {name}');
    expect(translate('en', 'floor.detail.ofAttempts', { n: 3, d: 8 })).toBe('3 of 8 attempts');
  });

  it('names every contact rule and disposition the API can send', () => {
    for (const code of CONTACT_BLOCK_REASONS) expect(Object.keys(es)).toContain(`contactReason.${code}`);
    for (const code of DISPOSITIONS) expect(Object.keys(es)).toContain(`disposition.${code}`);
  });
});
