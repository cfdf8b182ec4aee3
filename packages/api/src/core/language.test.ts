import { describe, expect, it } from 'vitest';
import { languageFrom } from './language.ts';

describe('languageFrom', () => {
  it('takes the most preferred of our languages', () => {
    expect(languageFrom('es-PE,es;q=0.9,en;q=0.8')).toBe('es');
    expect(languageFrom('en-GB')).toBe('en');
    expect(languageFrom('fr-FR, en;q=0.5, es;q=0.7')).toBe('es');
    expect(languageFrom('de, en;q=0')).toBe('en'); // q=0 means "not this"; nothing left: the default
  });

  it('falls back to English for none, junk or unsupported languages', () => {
    expect(languageFrom(undefined)).toBe('en');
    expect(languageFrom('')).toBe('en');
    expect(languageFrom('pt-BR,fr')).toBe('en');
    expect(languageFrom(';;;,,')).toBe('en');
  });
});
