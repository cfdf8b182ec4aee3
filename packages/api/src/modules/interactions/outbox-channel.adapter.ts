import { v7 as uuidv7 } from 'uuid';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { ChannelAdapter, OutboundMessageInput } from '../../core/messaging/channel-adapter.ts';

/**
 * The default channel: the message is written to `outbound_message` (with its event, in one transaction)
 * and goes no further. The unique dedupe key turns a repeated send into a no-op. A real gateway adapter
 * would write the row the same way first and deliver only when the row is new.
 */
export class OutboxChannelAdapter implements ChannelAdapter {
  constructor(private readonly orm: Orm) {}

  async send(message: OutboundMessageInput): Promise<{ sent: boolean }> {
    return systemEm(this.orm).transactional(async (tx) => {
      const id = uuidv7();
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into outbound_message (id, account_id, channel, template, dedupe_key, recipient, body, created_at)
         values (?, ?, ?, ?, ?, ?, ?, now())
         on conflict (dedupe_key) do nothing
         returning id`,
        [id, message.accountId, message.channel, message.template, message.dedupeKey, message.recipient, message.body],
      );
      if (inserted.length === 0) return { sent: false };
      recordEvent(tx, {
        type: 'MessageSent',
        aggregateId: message.accountId,
        actor: 'system',
        payload: { messageId: id, channel: message.channel, template: message.template },
      });
      return { sent: true };
    });
  }
}
