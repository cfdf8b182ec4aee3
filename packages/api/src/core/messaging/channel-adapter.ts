import type { Channel } from '@recupera/shared';

/** One message to one debtor. */
export interface OutboundMessageInput {
  accountId: string;
  channel: Channel;
  /** The phone number or e-mail address. */
  recipient: string;
  /** Which message this is (`PROMISE_DUE_SOON`, `PROMISE_BROKEN`…), for reports and audits. */
  template: string;
  body: string;
  /**
   * The same key is sent once, ever: a job that runs again (retry, redelivery after a crash) repeats its
   * send with the same key and nothing goes out twice.
   */
  dedupeKey: string;
}

/** How automated messages leave Recupera: an SMS gateway, an e-mail service, or just the outbox table. */
export interface ChannelAdapter {
  /** Resolves `sent: false` when a message with this dedupe key was already sent. */
  send(message: OutboundMessageInput): Promise<{ sent: boolean }>;
}
