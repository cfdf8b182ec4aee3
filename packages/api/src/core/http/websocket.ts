import {
  GraphQLError,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import { useServer, type Extra as WsExtra } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestContext } from '../graphql/context.ts';
import { DomainError } from '../errors.ts';
import { originalError, type formatErrorFor } from '../graphql/format-error.ts';
import {
  assertAffordable,
  limitError,
  limitValidationRules,
  operationCost,
  tooManyTokens,
  type GraphqlLimits,
} from '../graphql/limits.ts';
import { operationRecord, type OperationObserver } from '../graphql/operation-record.ts';
import { languageFrom, type Language } from '../language.ts';
import { wsConnections, wsOperations } from '../observability/metrics.ts';
import { runInRequest, startObservation, type RequestObservation } from '../observability/request-context.ts';
import { finishRequest, type RequestLogOptions } from '../observability/request-log.ts';
import type { Principal } from '../principal.ts';
import { rateLimitedError, type RequestRateLimiter } from './rate-limit.ts';
import { subscribeSharingResults, type DirectSend } from './shared-subscription-results.ts';

/**
 * Parsed and validated documents by query text. A floor of consoles sends the same few subscriptions thousands of
 * times: each parsed on its own kept an AST with every token and location per subscription (most of the memory of
 * 5,000 subscribers). Documents are never modified once parsed, so one serves them all. Only valid documents are
 * kept; the bound is on the query text held (an AST is roughly proportional to it).
 */
const DOCUMENT_CACHE = { max: 1_000, maxSize: 4_000_000 } as const;

/**
 * Every connection is pinged this often, and one that has not answered the previous ping by the next round is
 * dropped (a vanished client). One sweep over all sockets, not graphql-ws's timer and pong closure per socket.
 */
const KEEP_ALIVE_MS = 12_000;

/** The close codes of our refusals (4400–4499 are the application's, graphql-ws uses some of them). */
export const WS_CLOSE = {
  /** The key is revoked or expired, or was never valid. */
  forbidden: CloseCode.Forbidden,
  /** The key already holds as many connections as it may. */
  tooManyConnections: 4429,
} as const;

export interface WebSocketLimits {
  graphql: GraphqlLimits;
  maxMessageBytes: number;
  maxConnectionsPerKey: number;
  maxSubscriptionsPerConnection: number;
  maxSubscriptionsPerKey: number;
  timeBudgetMs: number;
}

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  limits: WebSocketLimits;
  rateLimiter: RequestRateLimiter;
  /** Resolves the `authorization` connection parameter; throws or returns null when it is not a valid key. */
  principalFrom: (authorization: string | undefined) => Promise<Principal | null>;
  /** Whether a connection's key still works (expiry): checked every second for open connections. */
  stillValid: (principal: Principal) => boolean;
  contextFor: (principal: Principal | null, language: Language, deadline: number) => RequestContext;
  formatError: ReturnType<typeof formatErrorFor>;
  observers: readonly OperationObserver[];
  /** Each operation's request line and metrics, like an HTTP request's; null: not observed (benchmark only). */
  requestLog: RequestLogOptions | null;
}

type Extra = {
  principal?: Principal;
};

type ConnectionParams = { authorization?: unknown; language?: unknown };
type AdmissionContext = Context<ConnectionParams, WsExtra & Partial<Extra>>;
type Admission = ExecutionArgs | readonly GraphQLError[];

/** Connections are counted per key; the bootstrap admin key has no id and counts under its actor. */
const keyOf = (principal: Principal) => principal.keyId ?? principal.actor;

/**
 * A parse or validation error with the code Apollo gives it on HTTP, unless it has one (a limit's): graphql-js raises
 * them without a code, which format-error.ts would take for an internal error.
 */
function withCode(error: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    extensions: { ...error.extensions, code },
  });
}

/** The code a client is sent for an error of an operation's result (see format-error.ts). */
function errorCode(error: GraphQLError): string {
  const cause = originalError(error);
  if (cause instanceof DomainError) return cause.code;
  return String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

/**
 * graphql-ws on the same port and path as HTTP GraphQL, with the same limits: a message larger than the limit is
 * refused by `ws` before it is read whole (close 1009), so before the key is checked; a key may hold a bounded
 * number of connections and each connection a bounded number of operations; every operation is rate limited,
 * parsed with the token limit, validated with the depth, alias and directive rules and priced like an HTTP one.
 */
export function startWebSocketServer(options: WebSocketOptions): {
  dispose(): Promise<void>;
  disconnectKey(keyId: string): void;
  /** A key's new expiry (a rotation's overlap) for its open connections: the expiry sweep closes them then. */
  keyExpiresAt(keyId: string, expiresAt: Date | null): void;
} {
  const { limits, schema } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: limits.maxMessageBytes,
  });
  const connectionsByKey = new Map<string, Set<WebSocket>>();
  const principals = new Map<WebSocket, Principal>();
  /** The operations each connection runs, and how many each key runs over all its connections. */
  const operations = new Map<WebSocket, Set<string>>();
  const operationsByKey = new Map<string, number>();
  const countOperation = (principal: Principal, delta: number) => {
    const count = (operationsByKey.get(keyOf(principal)) ?? 0) + delta;
    if (count > 0) operationsByKey.set(keyOf(principal), count);
    else operationsByKey.delete(keyOf(principal));
  };
  const rules = [...specifiedRules, ...limitValidationRules(limits.graphql)];
  const documents = new LRUCache<string, DocumentNode>({
    ...DOCUMENT_CACHE,
    sizeCalculation: (_document, query) => Math.max(1, query.length),
  });
  /** Each operation's socket and id (by its context, one object per operation), for the shared results' frames. */
  const directSends = new WeakMap<object, DirectSend>();
  const stopSampling = [
    wsConnections.add(() => [{ value: principals.size }]),
    wsOperations.add(() => {
      let running = 0;
      for (const ids of operations.values()) running += ids.size;
      return [{ value: running }];
    }),
  ];

  /**
   * Every operation is a request of its own: an id, and its execution runs inside its observation (by its context,
   * one object per operation); refused ones are observed too. The line is written when the result is ready
   * (a subscription's: when it starts).
   */
  const observations = new WeakMap<object, RequestObservation>();
  const observed = <T>(args: ExecutionArgs, run: () => T): T => {
    const observation = observations.get(args.contextValue as object);
    return observation ? runInRequest(observation, run) : run();
  };
  const observeAdmission =
    (
      admit: (ctx: AdmissionContext, id: string, payload: SubscribePayload) => Promise<Admission>,
    ): ((ctx: AdmissionContext, id: string, payload: SubscribePayload) => Promise<Admission>) =>
    async (ctx, id, payload) => {
      const admitted = await admit(ctx, id, payload);
      if (!options.requestLog) return admitted;
      const observation = startObservation('ws', randomUUID());
      observation.principal = ctx.extra.principal ?? null;
      if (Array.isArray(admitted)) {
        observation.errorCodes.push(...admitted.map((error) => String(error.extensions?.code ?? 'BAD_REQUEST')));
        finishRequest(observation, options.requestLog);
        return admitted;
      }
      const args = admitted as ExecutionArgs;
      const operation = getOperationAST(args.document, args.operationName);
      observation.operationType = operation?.operation ?? null;
      observation.operationName = operation?.name?.value ?? null;
      (args.contextValue as RequestContext).requestId = observation.requestId;
      observations.set(args.contextValue as object, observation);
      return args;
    };

  const forget = (socket: WebSocket) => {
    const principal = principals.get(socket);
    if (!principal) return;
    principals.delete(socket);
    countOperation(principal, -(operations.get(socket)?.size ?? 0));
    operations.delete(socket);
    const sockets = connectionsByKey.get(keyOf(principal));
    sockets?.delete(socket);
    if (sockets?.size === 0) connectionsByKey.delete(keyOf(principal));
  };

  // Keys expire while connections stay open: close them when their key stops working.
  const expirySweep = setInterval(() => {
    for (const [socket, principal] of principals) {
      if (!options.stillValid(principal)) socket.close(WS_CLOSE.forbidden, 'API key expired');
    }
  }, 1_000);
  expirySweep.unref();

  const refuse = (...errors: GraphQLError[]) => errors;

  const unanswered = new WeakSet<WebSocket>();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  wsServer.on('connection', (socket) => socket.on('pong', answered));
  const keepAlive = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (unanswered.has(socket)) {
        socket.terminate();
      } else if (socket.readyState === socket.OPEN) {
        unanswered.add(socket);
        socket.ping();
      }
    }
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  const cleanup = useServer<ConnectionParams, Extra>(
    {
      schema,
      execute: (args) => observed(args, () => execute(args)),
      subscribe: (args) =>
        observed(args, () => subscribeSharingResults(args, directSends.get(args.contextValue as object))),
      // Every operation needs a key: a connection without a valid one is refused at once (4403).
      onConnect: async (ctx) => {
        const given = ctx.connectionParams?.authorization;
        if (typeof given !== 'string') return false;
        // Clients pass either the header value ("Bearer <key>") or the bare key; both mean the same key.
        const authorization = /^bearer\s/i.test(given) ? given : `Bearer ${given}`;
        let principal: Principal | null;
        try {
          principal = await options.principalFrom(authorization);
        } catch {
          return false;
        }
        if (!principal) return false;
        const sockets = connectionsByKey.get(keyOf(principal)) ?? new Set<WebSocket>();
        if (sockets.size >= limits.maxConnectionsPerKey) {
          ctx.extra.socket.close(
            WS_CLOSE.tooManyConnections,
            `This key holds ${limits.maxConnectionsPerKey} connections already`,
          );
          return false;
        }
        sockets.add(ctx.extra.socket);
        connectionsByKey.set(keyOf(principal), sockets);
        principals.set(ctx.extra.socket, principal);
        ctx.extra.principal = principal;
        return true;
      },
      onClose: (ctx) => forget(ctx.extra.socket),
      onComplete: (ctx, id) => {
        const running = operations.get(ctx.extra.socket);
        if (running?.delete(id) && ctx.extra.principal) countOperation(ctx.extra.principal, -1);
      },
      onSubscribe: observeAdmission(async (ctx, id, payload): Promise<Admission> => {
        const principal = ctx.extra.principal!;
        const socket = ctx.extra.socket;
        let running = operations.get(socket);
        if (!running) {
          running = new Set<string>();
          operations.set(socket, running);
        }
        if (running.size >= limits.maxSubscriptionsPerConnection) {
          return refuse(
            limitError(
              'TOO_MANY_SUBSCRIPTIONS',
              `This connection runs ${limits.maxSubscriptionsPerConnection} operations already`,
              limits.maxSubscriptionsPerConnection,
            ),
          );
        }
        if ((operationsByKey.get(keyOf(principal)) ?? 0) >= limits.maxSubscriptionsPerKey) {
          return refuse(
            limitError(
              'TOO_MANY_SUBSCRIPTIONS',
              `This key runs ${limits.maxSubscriptionsPerKey} operations already`,
              limits.maxSubscriptionsPerKey,
            ),
          );
        }
        // The slot is taken before the first await: graphql-ws handles a connection's messages concurrently, so a
        // burst of subscribe messages counted only once admitted would all pass the checks above.
        running.add(id);
        countOperation(principal, 1);
        const held = running;
        const release = (...errors: readonly GraphQLError[]) => {
          // Unless the connection closed meanwhile (forget already gave its slots back).
          if (operations.get(socket) === held && held.delete(id)) countOperation(principal, -1);
          return errors;
        };
        const refusal = await options.rateLimiter.take(principal, ctx.extra.request.socket.remoteAddress ?? 'unknown');
        if (refusal) return release(rateLimitedError(refusal));
        // One parse and validation per distinct query text: five thousand consoles send the same few documents.
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: limits.graphql.maxTokens });
          } catch (error) {
            const parseError = error as GraphQLError;
            return release(tooManyTokens(parseError, limits.graphql) ?? withCode(parseError, 'GRAPHQL_PARSE_FAILED'));
          }
          const invalid = validate(schema, document, rules);
          if (invalid.length > 0) {
            return release(...invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')));
          }
          documents.set(payload.query, document);
        }
        const variables = payload.variables ?? {};
        try {
          assertAffordable(
            operationCost(schema, document, variables, payload.operationName, limits.graphql),
            limits.graphql,
          );
        } catch (error) {
          return release(error as GraphQLError);
        }
        const operation = getOperationAST(document, payload.operationName);
        // A subscription lives as long as its client wants; a query or mutation has the same budget as on HTTP.
        const deadline = operation?.operation === 'subscription' ? Infinity : Date.now() + limits.timeBudgetMs;
        const language = ctx.connectionParams?.language;
        const contextValue = options.contextFor(
          principal,
          languageFrom(typeof language === 'string' ? language : null),
          deadline,
        );
        directSends.set(contextValue, {
          id,
          send: (frame) => {
            // As graphql-ws's own send: nothing to do once the socket is closing.
            if (socket.readyState !== socket.OPEN) return undefined;
            let written = false;
            let wake: (() => void) | null = null;
            // A failed write frees the channel too: the socket's close ends the subscription.
            socket.send(frame, { binary: false }, () => {
              written = true;
              wake?.();
            });
            // The kernel took the whole frame: the socket is free for the next one, no promise needed.
            if (written || socket.bufferedAmount === 0) return undefined;
            return new Promise<void>((resolve) => (wake = resolve));
          },
        });
        return {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName ?? null,
          contextValue,
        };
      }),
      // Queries and mutations sent over the socket are recorded like HTTP ones (subscriptions when they start).
      onOperation: (ctx, _id, payload, args, result) => {
        const errors = 'errors' in result ? result.errors : undefined;
        const observation = observations.get(args.contextValue as object);
        if (observation && options.requestLog) {
          observation.errorCodes.push(...(errors ?? []).map(errorCode));
          finishRequest(observation, options.requestLog);
        }
        const record = operationRecord(schema, args.document, payload.operationName, payload.variables ?? {}, errors, {
          at: new Date(),
          principal: ctx.extra.principal ?? null,
          transport: 'ws',
          requestId: observation?.requestId ?? randomUUID(),
        });
        if (record) for (const observer of options.observers) observer.record(record);
        return undefined;
      },
      // The same masking as HTTP: a subscription error never carries a stack, SQL or an internal message.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((error) => options.formatError(error.toJSON(), error)),
        };
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => {
          const formatted = options.formatError(error.toJSON(), error);
          return new GraphQLError(formatted.message, { extensions: formatted.extensions });
        }),
    },
    wsServer,
    // The keep-alive sweep above replaces graphql-ws's per-socket one.
    0,
  );
  return {
    dispose: async () => {
      for (const stop of stopSampling) stop();
      clearInterval(expirySweep);
      clearInterval(keepAlive);
      await cleanup.dispose();
      wsServer.close();
    },
    disconnectKey: (keyId) => {
      for (const socket of connectionsByKey.get(keyId) ?? []) socket.close(WS_CLOSE.forbidden, 'API key revoked');
    },
    keyExpiresAt: (keyId, expiresAt) => {
      for (const socket of connectionsByKey.get(keyId) ?? []) {
        const principal = principals.get(socket);
        if (principal) principals.set(socket, { ...principal, expiresAt });
      }
    },
  };
}
