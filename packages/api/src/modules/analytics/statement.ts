import type { Language } from '../../core/language.ts';

/** What the sentence of a champion / challenger comparison says, in numbers. */
export interface ComparisonFacts {
  hasChallenger: boolean;
  championRate: number | null;
  challengerRate: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  significant: boolean;
  moreRightPartyContacts: number | null;
  moreAttempts: number | null;
}

const locales: Record<Language, string> = { es: 'es-PE', en: 'en-US' };

function percent(value: number, language: Language): string {
  return `${new Intl.NumberFormat(locales[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100)} %`;
}

function points(value: number, language: Language): string {
  const formatted = new Intl.NumberFormat(locales[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'always',
  }).format(value * 100);
  return language === 'es' ? `${formatted} puntos` : `${formatted} points`;
}

/** Rounded up to two significant figures: "roughly" is what a manager can act on, and it never understates. */
export function roughly(value: number): number {
  if (value < 100) return Math.ceil(value);
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / magnitude) * magnitude;
}

function count(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language]).format(roughly(value));
}

/**
 * The plain sentence of a comparison, in `language`: which variant leads on promise rate, by how much with its
 * 95 % interval, whether that is significant, and roughly how many more right-party contacts (and attempts) both
 * variants together would need for 80 % power at the observed rates.
 */
export function comparisonStatement(facts: ComparisonFacts, language: Language): string {
  const es = language === 'es';
  if (!facts.hasChallenger) {
    return es
      ? 'Esta campaña no tiene retador: no hay nada que comparar.'
      : 'This campaign has no challenger: there is nothing to compare.';
  }
  if (facts.difference === null || facts.championRate === null || facts.challengerRate === null) {
    return es
      ? 'Aún no hay datos suficientes: cada variante necesita contactos con el titular para medir su tasa de promesa.'
      : 'Not enough data yet: each variant needs right-party contacts before its promise rate can be measured.';
  }
  const interval = es
    ? `IC 95 %: ${points(facts.low!, language)} a ${points(facts.high!, language)}`
    : `95 % CI ${points(facts.low!, language)} to ${points(facts.high!, language)}`;
  if (facts.difference === 0) {
    const same = es
      ? `Ambas variantes tienen la misma tasa de promesa hasta ahora (${percent(facts.championRate, language)}; ${interval}).`
      : `Both variants have the same promise rate so far (${percent(facts.championRate, language)}; ${interval}).`;
    return same;
  }
  const challengerLeads = facts.difference > 0;
  const leaderRate = challengerLeads ? facts.challengerRate : facts.championRate;
  const otherRate = challengerLeads ? facts.championRate : facts.challengerRate;
  const lead = es
    ? `${challengerLeads ? 'El retador' : 'El campeón'} va adelante: tasa de promesa ${percent(leaderRate, language)} frente a ${percent(otherRate, language)} (${points(facts.difference, language)} para el retador; ${interval}).`
    : `The ${challengerLeads ? 'challenger' : 'champion'} leads: promise rate ${percent(leaderRate, language)} against ${percent(otherRate, language)} (${points(facts.difference, language)} for the challenger; ${interval}).`;
  if (facts.significant) {
    return es ? `${lead} La diferencia es significativa.` : `${lead} The difference is significant.`;
  }
  if (facts.moreRightPartyContacts === null) {
    return es ? `${lead} Aún no es significativa.` : `${lead} It is not significant yet.`;
  }
  const attempts =
    facts.moreAttempts === null
      ? ''
      : es
        ? ` (unos ${count(facts.moreAttempts, language)} intentos más a las tasas de contacto actuales)`
        : ` (about ${count(facts.moreAttempts, language)} more attempts at the current contact rates)`;
  return es
    ? `${lead} Aún no es significativa: harían falta unos ${count(facts.moreRightPartyContacts, language)} contactos con el titular más entre ambas variantes${attempts} para saberlo.`
    : `${lead} It is not significant yet: about ${count(facts.moreRightPartyContacts, language)} more right-party contacts across both variants${attempts} would tell.`;
}
