/**
 * The API's clock as the simulator sees it over GraphQL: `operation { now }` plus the real time passed since,
 * read again every minute. The floor's "today" and local hour must be the API's — on the demo clock that is not
 * the machine's (docs/demo.md) — or promises would be dated from another day than the one the API checks them on.
 */
import type { GraphQLClient } from './graphql-client.ts';

export const OPERATION_NOW = `query { operation { now } }`;

const RESYNC_MS = 60_000;

export class ApiTime {
  /** API time minus this machine's time. */
  private skewMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly client: GraphQLClient) {}

  /** The API's now. */
  readonly now = (): Date => new Date(Date.now() + this.skewMs);

  /** Reads the API's time now and every minute after; an API that does not say keeps this machine's time. */
  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => void this.sync(), RESYNC_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async sync(): Promise<void> {
    try {
      const sent = Date.now();
      const { operation } = await this.client.request<{ operation: { now: string } }>(OPERATION_NOW);
      // The answer was made somewhere between sending and receiving: the middle is the best guess.
      this.skewMs = Date.parse(operation.now) - (sent + Date.now()) / 2;
    } catch {
      // An older API without `operation.now`, or one not answering yet: the agents' own requests report that.
    }
  }
}
