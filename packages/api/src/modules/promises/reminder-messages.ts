import { formatMoneyForLocale, parseIsoDate, type IsoDate } from '@recupera/shared';

export const REMINDER_TEMPLATES = ['PROMISE_DUE_SOON', 'PROMISE_BROKEN'] as const;
export type ReminderTemplate = (typeof REMINDER_TEMPLATES)[number];

export interface ReminderFacts {
  debtorName: string;
  creditorName: string;
  /** Decimal strings in the promise's currency. */
  promisedAmount: string;
  paidAmount: string;
  currency: string;
  dueDate: IsoDate;
}

// Debtors are Peruvian and Spanish: Spanish, with Peruvian money and date formats.
const LOCALE = 'es-PE';

function money(amount: string, currency: string): string {
  // Intl puts a no-break space after the symbol; outside GSM-7, it would make an SMS Unicode (70 characters, not 160).
  return formatMoneyForLocale({ amount, currency }, LOCALE).replace(/\u00a0/g, ' ');
}

function day(date: IsoDate): string {
  const { year, month, day: dayOfMonth } = parseIsoDate(date);
  return `${String(dayOfMonth).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/**
 * The text of a reminder. It is addressed to the debtor by name and names no one else (no relative, no
 * guarantor, no document number), and asks anyone else who reads it to disregard it: the debt is never
 * disclosed to a third party (docs/design.md, "Compliance").
 */
export function reminderBody(template: ReminderTemplate, facts: ReminderFacts): string {
  const notYou = `Si usted no es ${facts.debtorName}, por favor ignore este mensaje.`;
  const promised = money(facts.promisedAmount, facts.currency);
  if (template === 'PROMISE_DUE_SOON') {
    return (
      `Hola, ${facts.debtorName}. Le recordamos su compromiso de pago de ${promised} con ${facts.creditorName} ` +
      `para el ${day(facts.dueDate)}. Si ya realizó el pago, no es necesario que haga nada más. ${notYou}`
    );
  }
  const paidSomething = !/^0+(\.0+)?$/.test(facts.paidAmount);
  const what = paidSomething
    ? `Recibimos un pago de ${money(facts.paidAmount, facts.currency)} de los ${promised} que acordó pagar`
    : `No hemos recibido el pago de ${promised} que acordó realizar`;
  return (
    `Hola, ${facts.debtorName}. ${what} a ${facts.creditorName} hasta el ${day(facts.dueDate)}. ` +
    `Comuníquese con nosotros para encontrar juntos una solución. ${notYou}`
  );
}
