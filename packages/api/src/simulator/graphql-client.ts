/**
 * The simulator's only way into the API: `POST /graphql` with a Bearer key, exactly as a dialer or an agent
 * desktop calls it. Counts requests in flight so `stop()` can wait for the last answer before it resolves.
 */

/** A request that failed: a GraphQL error (with its `extensions.code`) or the transport itself. */
export class SimulatorRequestError extends Error {
  override readonly name = 'SimulatorRequestError';

  constructor(
    /** `extensions.code` of the first GraphQL error, `NETWORK` or `HTTP_<status>` for transport failures. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

export class GraphQLClient {
  private readonly url: string;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    endpoint: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {
    const base = endpoint.replace(/\/+$/, '');
    this.url = base.endsWith('/graphql') ? base : `${base}/graphql`;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending;
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The operation's `data`; throws {@link SimulatorRequestError} for any GraphQL or transport error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    this.pending += 1;
    try {
      let response: Response;
      try {
        response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
          body: JSON.stringify({ query, variables }),
          // A hung server must not keep stop() waiting forever.
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new SimulatorRequestError('NETWORK', error instanceof Error ? error.message : String(error));
      }
      let body: GraphQLBody<T>;
      try {
        body = (await response.json()) as GraphQLBody<T>;
      } catch {
        throw new SimulatorRequestError(`HTTP_${response.status}`, `HTTP ${response.status} without a GraphQL body`);
      }
      const first = body.errors?.[0];
      if (first) {
        const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'GRAPHQL';
        throw new SimulatorRequestError(code, first.message);
      }
      if (!body.data) throw new SimulatorRequestError(`HTTP_${response.status}`, 'no data in the answer');
      return body.data;
    } finally {
      this.pending -= 1;
      if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }
}
