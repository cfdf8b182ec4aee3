import { describe, expect, it } from 'vitest';
import { errorCodeLabel, OPERATION_NAMES_MAX, operationLabel } from './metrics.ts';

describe('metric labels', () => {
  it('keeps the first operation names, then folds new ones into (other)', () => {
    expect(operationLabel(null, null)).toBe('(unknown)');
    expect(operationLabel('Named', null)).toBe('(unknown)');
    expect(operationLabel(null, 'query')).toBe('(anonymous)');
    for (let i = 0; i < OPERATION_NAMES_MAX; i += 1) expect(operationLabel(`Op${i}`, 'query')).toBe(`Op${i}`);
    expect(operationLabel('OneTooMany', 'mutation')).toBe('(other)');
    expect(operationLabel('Op7', 'query')).toBe('Op7');
    expect(operationLabel('OneTooMany', 'query')).toBe('(other)');
  });

  it('passes error codes through and folds anything else into OTHER', () => {
    expect(errorCodeLabel('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
    expect(errorCodeLabel('not a code')).toBe('OTHER');
    expect(errorCodeLabel('A'.repeat(49))).toBe('OTHER');
  });
});
