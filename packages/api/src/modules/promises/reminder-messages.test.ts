import { describe, expect, it } from 'vitest';
import { reminderBody } from './reminder-messages.ts';

const facts = {
  debtorName: 'María Quispe Huamán',
  creditorName: 'Telefonía Andina S.A.',
  promisedAmount: '1250.50',
  paidAmount: '0.00',
  currency: 'PEN',
  dueDate: '2026-12-03',
};

describe('reminder messages', () => {
  it('reminds a promise in Spanish, with Peruvian money and date formats, addressed to the debtor only', () => {
    expect(reminderBody('PROMISE_DUE_SOON', facts)).toBe(
      'Hola, María Quispe Huamán. Le recordamos su compromiso de pago de S/ 1,250.50 con Telefonía Andina S.A. ' +
        'para el 03/12/2026. Si ya realizó el pago, no es necesario que haga nada más. ' +
        'Si usted no es María Quispe Huamán, por favor ignore este mensaje.',
    );
  });

  it('tells a broken promise from a partially kept one', () => {
    expect(reminderBody('PROMISE_BROKEN', facts)).toContain('No hemos recibido el pago de S/ 1,250.50 que acordó');
    expect(reminderBody('PROMISE_BROKEN', { ...facts, paidAmount: '400.00' })).toContain(
      'Recibimos un pago de S/ 400.00 de los S/ 1,250.50 que acordó pagar a Telefonía Andina S.A. hasta el 03/12/2026.',
    );
  });

  it('uses plain spaces only, so an SMS stays in the GSM alphabet’s 160 characters', () => {
    expect(reminderBody('PROMISE_BROKEN', facts)).not.toMatch(/\u00a0/);
  });
});
