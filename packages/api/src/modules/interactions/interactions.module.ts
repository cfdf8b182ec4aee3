import type { ApiModule } from '../../core/api-module.ts';
import { Interaction } from './interaction.entity.ts';
import { InteractionResolver } from './interaction.resolver.ts';
import { OutboundMessage } from './outbound-message.entity.ts';

/** Contact attempts and their dispositions, and the automated messages sent to debtors. */
export const interactionsModule: ApiModule = {
  name: 'interactions',
  entities: [Interaction, OutboundMessage],
  resolvers: [InteractionResolver],
};
