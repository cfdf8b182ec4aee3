import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type IsoDate, type Role } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { recordEvent } from '../core/events/record-event.ts';
import { Agency } from '../modules/agencies/agency.entity.ts';
import { Agent } from '../modules/agencies/agent.entity.ts';
import { generateKey } from '../modules/auth/api-key-secret.ts';
import { storeKnownKey } from '../modules/auth/api-key.service.ts';
import { Account } from '../modules/portfolio/account.entity.ts';
import { Creditor } from '../modules/portfolio/creditor.entity.ts';
import { Debtor } from '../modules/portfolio/debtor.entity.ts';
import { Portfolio } from '../modules/portfolio/portfolio.entity.ts';
import { Placement } from '../modules/placements/placement.entity.ts';
import {
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  PERUVIAN_GIVEN_NAMES,
  PERUVIAN_SURNAMES,
  SPANISH_GIVEN_NAMES,
  SPANISH_SURNAMES,
} from './demo-names.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { DemoRandom } from './random.ts';

export interface DemoKey {
  role: Role;
  agencyCode: string | null;
  /** AGENT keys act as one agent: the first agent of this agency. */
  agentOf?: string;
  key: string;
  label: string;
}

/**
 * Published demo keys: the seeder stores their hashes and `pnpm start` prints them — in the embedded demo
 * database only, which listens on localhost. Any other database seeded with the demo gets random keys instead,
 * printed once (a well-known admin key must never open a server).
 */
export const DEMO_KEYS: DemoKey[] = [
  { role: 'ADMIN', agencyCode: null, key: 'demo-admin-0000-recupera', label: 'admin' },
  { role: 'MANAGER', agencyCode: null, key: 'demo-manager-0000-recupera', label: 'manager' },
  { role: 'SUPERVISOR', agencyCode: null, key: 'demo-supervisor-0000-recupera', label: 'supervisor' },
  { role: 'AGENT', agencyCode: null, agentOf: 'INTERNO', key: 'demo-agent-0000-recupera', label: 'agent' },
  { role: 'AGENCY', agencyCode: 'COBSUR', key: 'demo-agency-cobsur-recupera', label: 'agency Cobranzas del Sur' },
  {
    role: 'AGENCY',
    agencyCode: 'LIMANORTE',
    key: 'demo-agency-limanorte-recupera',
    label: 'agency Gestión Lima Norte',
  },
];

const AGENCIES = [
  { code: 'INTERNO', name: 'Recupera — equipo interno', partner: false, agents: 14 },
  { code: 'COBSUR', name: 'Cobranzas del Sur S.A.C.', partner: true, agents: 8 },
  { code: 'LIMANORTE', name: 'Gestión Lima Norte E.I.R.L.', partner: true, agents: 8 },
] as const;

/** Share of accounts per days-past-due band: every aging bucket is represented, young debt the most. */
const DPD_BANDS = { current: 6, d1_30: 34, d31_60: 20, d61_90: 14, d91_120: 10, d121_plus: 16 } as const;
const DPD_RANGES: Record<keyof typeof DPD_BANDS, [number, number]> = {
  current: [-20, 0],
  d1_30: [1, 30],
  d31_60: [31, 60],
  d61_90: [61, 90],
  d91_120: [91, 120],
  d121_plus: [121, 720],
};

const CHUNK = 2_000;

export interface DemoSeedOptions {
  accounts: number;
  businessDate: IsoDate;
  seed?: number;
  /** Progress lines for long seeds (the 1,000,000-account benchmark). */
  onProgress?: (done: number, total: number) => void;
  /** The demo keys to store: the published ones (the embedded demo), or random ones (any other database). */
  keys?: 'published' | 'random';
  /**
   * Also create, start and staff the demo campaigns (what `pnpm start` wants, so `nextAccount` has work).
   * Off by default: benchmarks seed a portfolio and run campaigns of their own over it.
   */
  campaigns?: { now: Date; timeZone: string };
}

/** Peruvian DNI: 8 digits. */
function peruvianDni(random: DemoRandom): string {
  return String(random.int(10_000_000, 79_999_999));
}

/** Spanish DNI/NIE check letter: number mod 23 into this table (Real Decreto 1553/2005). */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function spanishDni(random: DemoRandom): string {
  const number = random.int(10_000_000, 99_999_999);
  return `${number}${DNI_LETTERS[number % 23]}`;
}

/** Peruvian RUC of a company: 20 + 9 digits. */
function ruc(random: DemoRandom): string {
  return `20${random.int(100_000_000, 999_999_999)}`;
}

interface DemoDebtor {
  name: string;
  documentId: string;
  phones: string[];
  emails: string[];
  timeZone: string;
}

function emailFor(name: string, random: DemoRandom): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join('.');
  return `${local}${random.int(1, 999)}@${random.pick(['gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.com'])}`;
}

function demoDebtor(random: DemoRandom): DemoDebtor {
  const kind = random.weighted({ peruvian: 80, spanish: 12, company: 8 });
  if (kind === 'company') {
    const name = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
    return {
      name,
      documentId: ruc(random),
      phones: [`+511${random.int(2_000_000, 7_999_999)}`],
      emails: [],
      timeZone: 'America/Lima',
    };
  }
  const spanish = kind === 'spanish';
  const given = random.pick(spanish ? SPANISH_GIVEN_NAMES : PERUVIAN_GIVEN_NAMES);
  const surnames = spanish ? SPANISH_SURNAMES : PERUVIAN_SURNAMES;
  const name = `${given} ${random.pick(surnames)} ${random.pick(surnames)}`;
  const phones = [`+519${random.int(10_000_000, 99_999_999)}`];
  if (random.chance(0.3)) phones.push(`+519${random.int(10_000_000, 99_999_999)}`);
  return {
    name,
    documentId: spanish ? spanishDni(random) : peruvianDni(random),
    phones,
    emails: random.chance(0.6) ? [emailFor(name, random)] : [],
    // Spanish nationals in the book mostly live in Peru; a few were reached in Spain.
    timeZone: spanish && random.chance(0.3) ? 'Europe/Madrid' : 'America/Lima',
  };
}

function amountString(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/**
 * Seeds the demo operation: 2 creditors (a telco billing in PEN, a bank lending in PEN and USD), 3 agencies
 * (in-house and two partners), 30 agents, the demo API keys, and `accounts` accounts spread over every aging
 * bucket, a share of them placed with the partners, and — when asked — the demo campaigns, started and staffed.
 * Deterministic for a seed.
 */
export async function seedDemo(em: EntityManager, options: DemoSeedOptions): Promise<DemoKey[]> {
  const random = new DemoRandom(options.seed ?? 20261124);
  const keys =
    options.keys === 'random'
      ? DEMO_KEYS.map((demoKey) => ({ ...demoKey, key: generateKey(demoKey.role) }))
      : DEMO_KEYS;
  const agencies = new Map<string, Agency>();
  const agentsOf = new Map<string, Agent[]>();
  const creditors = await em.transactional(async (tx) => {
    for (const spec of AGENCIES) {
      const agency = tx.create(Agency, { code: spec.code, name: spec.name, partner: spec.partner });
      agencies.set(spec.code, agency);
      agentsOf.set(spec.code, []);
      for (let n = 1; n <= spec.agents; n += 1) {
        const given = random.pick(PERUVIAN_GIVEN_NAMES);
        agentsOf.get(spec.code)!.push(tx.create(Agent, { name: `${given} ${random.pick(PERUVIAN_SURNAMES)}`, agency }));
      }
    }
    for (const demoKey of keys) {
      const agencyId = demoKey.agencyCode ? agencies.get(demoKey.agencyCode)!.id : null;
      const agentId = demoKey.agentOf ? agentsOf.get(demoKey.agentOf)![0]!.id : null;
      tx.persist(
        storeKnownKey(tx, demoKey.key, { role: demoKey.role, agencyId, agentId, label: `demo ${demoKey.label}` }),
      );
    }
    const telco = tx.create(Creditor, {
      name: 'Movistel Perú S.A.A.',
      contactProfile: 'PE',
      defaultTimeZone: 'America/Lima',
    });
    const bank = tx.create(Creditor, {
      name: 'Banco Andino de Crédito',
      contactProfile: 'PE',
      defaultTimeZone: 'America/Lima',
    });
    return {
      telco: { creditor: telco, portfolio: tx.create(Portfolio, { creditor: telco, name: 'Móviles pospago 2026-Q3' }) },
      bank: { creditor: bank, portfolio: tx.create(Portfolio, { creditor: bank, name: 'Consumo y tarjetas 2026-10' }) },
    };
  });

  const cobsur = agencies.get('COBSUR')!.id;
  const limanorte = agencies.get('LIMANORTE')!.id;
  // The partners' terms (docs/agencies.md): a commission each, and recall periods spread so that some placements come
  // back within the week. A generator of its own, so the portfolio itself stays what the seed always drew.
  const terms = new DemoRandom((options.seed ?? 20261124) + 13);
  const commission: Record<string, string> = { [cobsur]: '0.18', [limanorte]: '0.22' };
  // The creditor placed the portfolio a week ago: the accounts are in today's recovery figures (an account loaded
  // today only counts from tomorrow, when the day it belongs to begins with it).
  const placedOn = new Date(`${addDays(options.businessDate, -7)}T12:00:00.000Z`);
  let written = 0;
  while (written < options.accounts) {
    const size = Math.min(CHUNK, options.accounts - written);
    const debtors: RequiredEntityData<Debtor>[] = [];
    const accounts: RequiredEntityData<Account>[] = [];
    const placements: RequiredEntityData<Placement>[] = [];
    for (let i = 0; i < size; i += 1) {
      const serial = written + i + 1;
      const fromBank = random.chance(0.45);
      const book = fromBank ? creditors.bank : creditors.telco;
      const person = demoDebtor(random);
      const debtorId = uuidv7();
      // Document ids are unique per creditor: the serial keeps them so in very large seeds.
      debtors.push({
        id: debtorId,
        creditor: book.creditor.id,
        ...person,
        documentId: `${person.documentId}-${serial}`,
        doNotContact: random.chance(0.01),
      });

      const band = random.weighted(DPD_BANDS);
      const [minDpd, maxDpd] = DPD_RANGES[band];
      const dueDate = addDays(options.businessDate, -random.int(minDpd, maxDpd));
      const currency = fromBank && random.chance(0.3) ? 'USD' : 'PEN';
      const originalMinor = fromBank
        ? random.int(currency === 'USD' ? 20_000 : 50_000, currency === 'USD' ? 800_000 : 2_500_000)
        : random.int(4_000, 150_000);
      // Older debt has usually been partly paid down before placement.
      const paidShare = random.chance(0.35) ? random.int(5, 60) / 100 : 0;
      const balanceMinor = Math.max(100, Math.round(originalMinor * (1 - paidShare)));
      const placedWith = band === 'd121_plus' ? limanorte : band === 'd61_90' || band === 'd91_120' ? cobsur : null;
      accounts.push({
        id: uuidv7(),
        creditor: book.creditor.id,
        portfolio: book.portfolio.id,
        debtor: debtorId,
        externalRef: `${fromBank ? 'BAC' : 'MOV'}-${String(serial).padStart(8, '0')}`,
        originalAmount: amountString(originalMinor),
        balance: amountString(balanceMinor),
        currency,
        dueDate,
        status: random.chance(0.02) ? 'DISPUTED' : 'ACTIVE',
        agency: placedWith,
        placedAt: placedWith ? placedOn : null,
        createdAt: placedOn,
      });
      if (placedWith) {
        placements.push({
          id: uuidv7(),
          account: accounts.at(-1)!.id as string,
          agency: placedWith,
          placedAt: placedOn,
          // Placed a week ago for 8 to 120 days: about one in twenty is due back within the coming week.
          recallDate: addDays(addDays(options.businessDate, -7), terms.int(8, 120)),
          commissionRate: commission[placedWith]!,
          status: 'ACTIVE',
        });
      }
    }
    await em.transactional(async (tx) => {
      await tx.insertMany(Debtor, debtors);
      await tx.insertMany(Account, accounts);
      if (placements.length) await tx.insertMany(Placement, placements);
    });
    written += size;
    options.onProgress?.(written, options.accounts);
  }
  if (options.campaigns) {
    const staff = new Map(
      [...agencies].map(([code, agency]) => [code, { id: agency.id, agents: agentsOf.get(code)! }]),
    );
    await seedDemoCampaigns(em, staff, { ...options.campaigns, businessDate: options.businessDate });
  }
  await em.transactional(async (tx) => {
    recordEvent(tx, {
      type: 'DemoSeeded',
      aggregateId: 'demo',
      actor: 'system',
      payload: { accounts: options.accounts, businessDate: options.businessDate },
    });
  });
  return keys;
}
