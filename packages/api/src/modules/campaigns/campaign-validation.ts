import { CHANNELS } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import type { CreateCampaignInput } from './campaign.input.ts';

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" to minutes after local midnight; "24:00" is accepted as the end of the day. */
export function minutesOf(field: string, value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value === '24:00') return 24 * 60;
  const match = CLOCK_TIME.exec(value);
  if (!match) throw badInput(field, 'must be a local time such as "09:00"');
  return Number(match[1]) * 60 + Number(match[2]);
}

export interface ValidCampaign {
  name: string;
  windowStartMinute: number | null;
  windowEndMinute: number | null;
  queues: { name: string; priority: number }[];
}

/** Shape checks of a new campaign; filters are checked when they are turned into conditions. */
export function validateCampaignInput(input: CreateCampaignInput): ValidCampaign {
  const name = input.name.trim();
  if (!name) throw badInput('input.name', 'must not be empty');
  if (name.length > 200) throw badInput('input.name', 'must be at most 200 characters');
  if (!CHANNELS.includes(input.channel)) throw badInput('input.channel', `unknown channel ${input.channel}`);
  if (input.queues.length === 0) throw badInput('input.queues', 'a campaign needs at least one queue');
  if (input.queues.length > 50) throw badInput('input.queues', 'at most 50 queues');
  const seen = new Set<string>();
  const queues = input.queues.map((queue, index) => {
    const queueName = queue.name.trim();
    if (!queueName) throw badInput(`input.queues[${index}].name`, 'must not be empty');
    if (seen.has(queueName.toLowerCase())) throw badInput(`input.queues[${index}].name`, `${queueName} is used twice`);
    seen.add(queueName.toLowerCase());
    const priority = queue.priority ?? 0;
    if (!Number.isInteger(priority) || priority < 0 || priority > 1000) {
      throw badInput(`input.queues[${index}].priority`, 'must be a whole number from 0 to 1000');
    }
    return { name: queueName, priority };
  });
  const windowStartMinute = minutesOf('input.windowStart', input.windowStart);
  const windowEndMinute = minutesOf('input.windowEnd', input.windowEnd);
  // An absent bound is the day's edge: "24:00" as a start, or "00:00" as an end, leaves no time to contact.
  if ((windowStartMinute ?? 0) >= (windowEndMinute ?? 24 * 60)) {
    if (windowStartMinute === null) throw badInput('input.windowEnd', 'must be later than 00:00');
    throw badInput(
      'input.windowStart',
      windowEndMinute === null ? 'must be earlier than 24:00' : 'must be earlier than windowEnd',
    );
  }
  if (input.startsOn && input.endsOn && input.startsOn > input.endsOn) {
    throw badInput('input.endsOn', 'must not be before startsOn');
  }
  if (input.challenger) {
    const { share } = input.challenger;
    if (!(share > 0 && share < 1)) throw badInput('input.challenger.share', 'must be between 0 and 1 (exclusive)');
    if (!input.challenger.name.trim()) throw badInput('input.challenger.name', 'must not be empty');
  }
  if (input.script && input.script.length > 10_000) throw badInput('input.script', 'must be at most 10000 characters');
  return { name, windowStartMinute, windowEndMinute, queues };
}
