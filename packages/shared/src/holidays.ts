/**
 * National public holidays, computed per year as data for the contact-window rules (Peru, Spain and
 * Ecuador forbid collection contact on public holidays; see contact-window.ts).
 *
 * Scope and known limits — these are *national* calendars only:
 * - Peru (PE): every holiday of Decreto Legislativo 713, art. 6, as amended up to 2024 (16 days). The
 *   current list is applied to every year; extra "días no laborables" decreed for the public sector are
 *   not holidays for private debtors and are not included.
 * - Spain (ES): the national holidays (Estatuto de los Trabajadores art. 37.2, Real Decreto 2001/1983).
 *   Regional and local holidays, and the Monday a region may substitute for a Sunday holiday, are not
 *   modelled: a creditor that needs them must add them.
 * - Ecuador (EC): the holidays of Código del Trabajo art. 65 on their nominal dates. The executive's
 *   yearly transfers of some holidays to a Monday or Friday are not applied.
 * - United States (US): federal holidays of 5 U.S.C. 6103(a), each on its nominal date plus, when that is
 *   a Saturday or Sunday, the observed Friday before / Monday after (Executive Order 11582). A New Year's
 *   Day on a Saturday is observed on 31 December of the previous year and is listed in that year.
 * Any other country has no known holidays (an empty list), never an error.
 */
import { addDays, formatIsoDate, isoWeekday, parseIsoDate, type IsoDate } from './dates.ts';

/** A holiday with its name, for display (e.g. a campaign calendar). */
export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

/** Countries with a holiday calendar here (ISO 3166-1 alpha-2). */
export const HOLIDAY_COUNTRIES = ['PE', 'ES', 'EC', 'US'] as const;

/**
 * Easter Sunday of `year` in the Gregorian calendar (anonymous "Meeus/Jones/Butcher" algorithm). The
 * moveable holidays (Holy Thursday, Good Friday, Carnival) are offsets from it.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

function fixed(year: number, month: number, day: number, name: string): PublicHoliday {
  return { date: formatIsoDate({ year, month, day }), name };
}

function fromEaster(year: number, offsetDays: number, name: string): PublicHoliday {
  return { date: addDays(easterSunday(year), offsetDays), name };
}

/** The `n`-th (1-based) given ISO weekday of a month, e.g. the third Monday of January. */
function nthWeekday(year: number, month: number, weekday: number, n: number, name: string): PublicHoliday {
  const first = formatIsoDate({ year, month, day: 1 });
  const shift = (weekday - isoWeekday(first) + 7) % 7;
  return { date: addDays(first, shift + 7 * (n - 1)), name };
}

/** The last given ISO weekday of a month, e.g. the last Monday of May. */
function lastWeekday(year: number, month: number, weekday: number, name: string): PublicHoliday {
  const firstOfNext =
    month === 12
      ? formatIsoDate({ year: year + 1, month: 1, day: 1 })
      : formatIsoDate({ year, month: month + 1, day: 1 });
  const last = addDays(firstOfNext, -1);
  return { date: addDays(last, -((isoWeekday(last) - weekday + 7) % 7)), name };
}

function peru(year: number): PublicHoliday[] {
  return [
    fixed(year, 1, 1, 'Año Nuevo'),
    fromEaster(year, -3, 'Jueves Santo'),
    fromEaster(year, -2, 'Viernes Santo'),
    fixed(year, 5, 1, 'Día del Trabajo'),
    fixed(year, 6, 7, 'Batalla de Arica y Día de la Bandera'),
    fixed(year, 6, 29, 'San Pedro y San Pablo'),
    fixed(year, 7, 23, 'Día de la Fuerza Aérea del Perú'),
    fixed(year, 7, 28, 'Fiestas Patrias'),
    fixed(year, 7, 29, 'Fiestas Patrias'),
    fixed(year, 8, 6, 'Batalla de Junín'),
    fixed(year, 8, 30, 'Santa Rosa de Lima'),
    fixed(year, 10, 8, 'Combate de Angamos'),
    fixed(year, 11, 1, 'Todos los Santos'),
    fixed(year, 12, 8, 'Inmaculada Concepción'),
    fixed(year, 12, 9, 'Batalla de Ayacucho'),
    fixed(year, 12, 25, 'Navidad'),
  ];
}

function spain(year: number): PublicHoliday[] {
  return [
    fixed(year, 1, 1, 'Año Nuevo'),
    fixed(year, 1, 6, 'Epifanía del Señor'),
    fromEaster(year, -2, 'Viernes Santo'),
    fixed(year, 5, 1, 'Fiesta del Trabajo'),
    fixed(year, 8, 15, 'Asunción de la Virgen'),
    fixed(year, 10, 12, 'Fiesta Nacional de España'),
    fixed(year, 11, 1, 'Todos los Santos'),
    fixed(year, 12, 6, 'Día de la Constitución Española'),
    fixed(year, 12, 8, 'Inmaculada Concepción'),
    fixed(year, 12, 25, 'Natividad del Señor'),
  ];
}

function ecuador(year: number): PublicHoliday[] {
  return [
    fixed(year, 1, 1, 'Año Nuevo'),
    fromEaster(year, -48, 'Carnaval'),
    fromEaster(year, -47, 'Carnaval'),
    fromEaster(year, -2, 'Viernes Santo'),
    fixed(year, 5, 1, 'Día del Trabajo'),
    fixed(year, 5, 24, 'Batalla de Pichincha'),
    fixed(year, 8, 10, 'Primer Grito de Independencia'),
    fixed(year, 10, 9, 'Independencia de Guayaquil'),
    fixed(year, 11, 2, 'Día de los Difuntos'),
    fixed(year, 11, 3, 'Independencia de Cuenca'),
    fixed(year, 12, 25, 'Navidad'),
  ];
}

function unitedStatesNominal(year: number): PublicHoliday[] {
  return [
    fixed(year, 1, 1, "New Year's Day"),
    nthWeekday(year, 1, 1, 3, 'Birthday of Martin Luther King, Jr.'),
    nthWeekday(year, 2, 1, 3, "Washington's Birthday"),
    lastWeekday(year, 5, 1, 'Memorial Day'),
    fixed(year, 6, 19, 'Juneteenth National Independence Day'),
    fixed(year, 7, 4, 'Independence Day'),
    nthWeekday(year, 9, 1, 1, 'Labor Day'),
    nthWeekday(year, 10, 1, 2, 'Columbus Day'),
    fixed(year, 11, 11, 'Veterans Day'),
    nthWeekday(year, 11, 4, 4, 'Thanksgiving Day'),
    fixed(year, 12, 25, 'Christmas Day'),
  ];
}

/** The weekday a weekend federal holiday is observed on (EO 11582), or null for a weekday holiday. */
function observedDate(date: IsoDate): IsoDate | null {
  const weekday = isoWeekday(date);
  if (weekday === 6) return addDays(date, -1);
  if (weekday === 7) return addDays(date, 1);
  return null;
}

function unitedStates(year: number): PublicHoliday[] {
  // Next year's 1 January may be observed on this year's 31 December.
  const nominal = [...unitedStatesNominal(year), fixed(year + 1, 1, 1, "New Year's Day")];
  const result: PublicHoliday[] = [];
  for (const holiday of nominal) {
    result.push(holiday);
    const observed = observedDate(holiday.date);
    if (observed) result.push({ date: observed, name: `${holiday.name} (observed)` });
  }
  return result.filter((holiday) => parseIsoDate(holiday.date).year === year);
}

const CALENDARS: Readonly<Record<(typeof HOLIDAY_COUNTRIES)[number], (year: number) => PublicHoliday[]>> = {
  PE: peru,
  ES: spain,
  EC: ecuador,
  US: unitedStates,
};

const calendarCache = new Map<string, readonly PublicHoliday[]>();

/** Named holidays of `country` (ISO alpha-2) in `year`, sorted by date; `[]` for a country without a calendar. */
export function publicHolidayCalendar(country: string, year: number): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9998) {
    throw new RangeError(`Holiday year must be a Gregorian-calendar year, got ${year}`);
  }
  const key = `${country}:${year}`;
  let calendar = calendarCache.get(key);
  if (!calendar) {
    const build = (CALENDARS as Readonly<Record<string, ((year: number) => PublicHoliday[]) | undefined>>)[country];
    calendar = build ? [...build(year)].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) : [];
    calendarCache.set(key, calendar);
  }
  return calendar.map((holiday) => ({ ...holiday }));
}

/** The distinct holiday dates of `country` in `year`, sorted. */
export function publicHolidays(country: string, year: number): IsoDate[] {
  return [...new Set(publicHolidayCalendar(country, year).map((holiday) => holiday.date))];
}

/** True when `date` is a public holiday in `country` (see the file header for what is covered). */
export function isPublicHoliday(country: string, date: IsoDate): boolean {
  return publicHolidays(country, parseIsoDate(date).year).includes(date);
}
