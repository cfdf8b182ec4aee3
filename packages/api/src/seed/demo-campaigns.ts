import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgingBucket, Channel, IsoDate } from '@recupera/shared';
import { systemPrincipal, type Principal } from '../core/principal.ts';
import type { Agent } from '../modules/agencies/agent.entity.ts';
import type { CreateCampaignInput } from '../modules/campaigns/campaign.input.ts';
import { changeCampaignStatus, createCampaign } from '../modules/campaigns/campaign.service.ts';
import { assignAgents } from '../modules/queues/reallocation.service.ts';
import { WorkQueue } from '../modules/queues/work-queue.entity.ts';

/**
 * The demo's running campaigns, so `nextAccount` has work from the first second and the traffic simulator
 * moves the console: young debt called in-house (big balances first), mid-aged debt reminded by SMS, and each
 * partner agency working what is placed with it. Created through the same services the API's mutations use.
 */

interface DemoQueue {
  name: string;
  filter?: { minBalance?: string; buckets?: AgingBucket[] };
  priority?: number;
  /** How many of the agency's agents work this queue, taken in creation order. */
  agents: number;
}

interface DemoCampaign {
  name: string;
  channel: Channel;
  buckets: AgingBucket[];
  /** The agency whose agents work it; a partner's code makes it that partner's own campaign. */
  agencyCode: string;
  partner: boolean;
  script: string;
  /** What the floor measures the day's collections against, in PEN. */
  dailyTarget: string;
  queues: DemoQueue[];
}

const DEMO_CAMPAIGNS: DemoCampaign[] = [
  {
    name: 'Mora temprana',
    dailyTarget: '25000',
    channel: 'CALL',
    buckets: ['D1_30'],
    agencyCode: 'INTERNO',
    partner: false,
    script: 'Recordar el vencimiento, ofrecer pago hoy o fecha de pago en la próxima quincena.',
    queues: [
      { name: 'Alto saldo', filter: { minBalance: '1000' }, priority: 10, agents: 8 },
      { name: 'Resto', agents: 4 },
    ],
  },
  {
    name: 'Recordatorio SMS 31–60',
    dailyTarget: '4000',
    channel: 'SMS',
    buckets: ['D31_60'],
    agencyCode: 'INTERNO',
    partner: false,
    script: 'Su deuda tiene más de 30 días de atraso. Responda PAGAR para recibir opciones de pago.',
    queues: [{ name: 'Recordatorio', agents: 2 }],
  },
  {
    name: 'Mora tardía — Cobranzas del Sur',
    dailyTarget: '15000',
    channel: 'CALL',
    buckets: ['D61_90', 'D91_120'],
    agencyCode: 'COBSUR',
    partner: true,
    script: 'Ofrecer fraccionamiento en cuotas; registrar el motivo del atraso.',
    queues: [
      { name: '61–90 días', filter: { buckets: ['D61_90'] }, priority: 10, agents: 5 },
      { name: '91–120 días', filter: { buckets: ['D91_120'] }, agents: 3 },
    ],
  },
  {
    name: 'Recupero WhatsApp — Lima Norte',
    dailyTarget: '6000',
    channel: 'WHATSAPP',
    buckets: ['D121_PLUS'],
    agencyCode: 'LIMANORTE',
    partner: true,
    script: 'Ofrecer descuento por pago al contado o convenio de pago.',
    queues: [{ name: 'Castigo', agents: 8 }],
  },
];

const SYSTEM: Principal = systemPrincipal();

export interface DemoCampaignClock {
  now: Date;
  businessDate: IsoDate;
  timeZone: string;
}

/** Creates and starts the demo campaigns and assigns the agencies' agents to their queues. */
export async function seedDemoCampaigns(
  em: EntityManager,
  agencies: ReadonlyMap<string, { id: string; agents: readonly Agent[] }>,
  clock: DemoCampaignClock,
): Promise<void> {
  const taken = new Map<string, number>();
  for (const spec of DEMO_CAMPAIGNS) {
    const agency = agencies.get(spec.agencyCode);
    if (!agency) throw new Error(`demo campaign ${spec.name}: no agency ${spec.agencyCode}`);
    const input = {
      name: spec.name,
      channel: spec.channel,
      filter: { buckets: spec.buckets },
      queues: spec.queues.map((queue) => ({
        name: queue.name,
        filter: queue.filter ?? null,
        priority: queue.priority,
      })),
      script: spec.script,
      dailyTarget: spec.dailyTarget,
      agencyId: spec.partner ? agency.id : null,
    } as CreateCampaignInput;
    const campaign = await createCampaign(em, SYSTEM, input, clock.businessDate);
    await changeCampaignStatus(em, SYSTEM, campaign.id, 'start', clock);
    const queues = await em.find(WorkQueue, { campaign: campaign.id }, { orderBy: { position: 'asc' } });
    for (const [index, queue] of queues.entries()) {
      const wanted = spec.queues[index]!.agents;
      const from = taken.get(spec.agencyCode) ?? 0;
      const agents = agency.agents.slice(from, from + wanted);
      taken.set(spec.agencyCode, from + agents.length);
      if (agents.length > 0)
        await assignAgents(
          em,
          SYSTEM,
          agents.map((agent) => agent.id),
          queue.id,
        );
    }
  }
}
