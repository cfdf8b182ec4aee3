import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes what needs quoting and leaves blanks for missing values', () => {
    const csv = toCsv(
      [
        { header: 'Guion', value: (row: { script: string | null; rate: number | null }) => row.script },
        { header: 'Tasa', value: (row) => row.rate },
      ],
      [
        { script: 'Hola, "amigo"', rate: 0.25 },
        { script: null, rate: null },
      ],
    );
    expect(csv.split('\r\n')).toEqual(['Guion,Tasa', '"Hola, ""amigo""",0.25', ',']);
  });
});
