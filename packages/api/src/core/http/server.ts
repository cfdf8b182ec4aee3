import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import bytes from 'bytes';
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { scopedEm, type Orm } from '../database/orm.ts';
import type { OperationSettings, RequestContext } from '../graphql/context.ts';
import { domainErrorExtensions, formatErrorFor } from '../graphql/format-error.ts';
import {
  assertAffordable,
  limitRefusal,
  limitValidationRules,
  operationCost,
  type GraphqlLimits,
} from '../graphql/limits.ts';
import { operationRecord, type OperationObserver } from '../graphql/operation-record.ts';
import type { JobQueue } from '../job-queue/job-queue.ts';
import { languageFrom, type Language } from '../language.ts';
import type { Logger } from '../logger.ts';
import {
  noteRefusal,
  observationPlugin,
  observeHttpRequests,
  reenterObservedRequest,
  type ObservedLocals,
} from '../observability/http-observation.ts';
import type { Principal } from '../principal.ts';
import type { Services } from '../services.ts';
import { graphqlIdeRouter } from './graphql-ide.ts';
import { httpErrorHandler } from './http-errors.ts';
import { rateLimitedError, type RequestRateLimiter } from './rate-limit.ts';
import { apiHeaders, consoleHeaders, ideHeaders } from './security-headers.ts';
import { serviceUnavailableStatus } from './unavailable-status.ts';
import { startWebSocketServer, type WebSocketLimits } from './websocket.ts';
import cluster from 'node:cluster';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/unavailable.ts';

/** Limits of the transport, beyond the GraphQL ones shared with WebSockets. */
export interface HttpLimits {
  /** Body of a request with a valid key (`512kb`). */
  bodyLimit: string;
  /** Body of a request by a role that may import portfolios in one request (`64mb`). */
  importBodyLimit: string;
}

/** Anonymous requests may send a query and little else. */
const ANONYMOUS_BODY_LIMIT = '16kb';
/** Roles whose requests may carry a whole portfolio (`importAccounts`, `startImport`). */
const IMPORTING_ROLES: ReadonlySet<Principal['role']> = new Set(['ADMIN', 'MANAGER']);

export interface ServerOptions {
  orm: Orm;
  schema: GraphQLSchema;
  clock: Clock;
  logger: Logger;
  port: number;
  host: string;
  /**
   * Who holds the key in an `Authorization` header value: null when there is none (anonymous); throws a
   * DomainError (UNAUTHENTICATED) for a key that is not valid.
   */
  principalFrom: (authorization: string | undefined | null) => Promise<Principal | null>;
  /** Whether a principal's key still works now (WebSockets outlive the request that opened them). */
  stillValid: (principal: Principal) => boolean;
  limits: { graphql: GraphqlLimits; http: HttpLimits; ws: Omit<WebSocketLimits, 'graphql' | 'timeBudgetMs'> };
  /** The time budget of one operation, in milliseconds. */
  timeBudgetMs: number;
  rateLimiter: RequestRateLimiter;
  /** Told of every operation once it has ended (the audit trail). */
  observers?: readonly OperationObserver[];
  settings: OperationSettings;
  /** What the modules provide to every request (see core/services.ts). */
  services: Services;
  /** Folder of the built console; served at / when it exists. */
  consoleDist?: string | undefined;
  /** Serve the GraphQL IDE at /graphiql. */
  graphqlIde: boolean;
  /** The job runtime resolvers queue work on (`startImport`, `retryFailedJob`). */
  jobs?: JobQueue | undefined;
  /** The modules' plain HTTP routes, mounted before the console. */
  routes?: readonly { path: string; router: express.Router }[];
  /** Requests slower than this many milliseconds are logged at warn (SLOW_REQUEST_MS). */
  slowRequestMs: number;
  /** Every other request is logged at info too (REQUEST_LOG). */
  logEveryRequest: boolean;
  /** False: no request id, request line or request metrics (the benchmark of their cost only). */
  observe?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Closes the open WebSocket connections of a key at once (revoked, expired). */
  disconnectKey(keyId: string): void;
  /** Gives the open WebSocket connections of a key its new expiry (a rotation's overlap). */
  keyExpiresAt(keyId: string, expiresAt: Date | null): void;
  close(): Promise<void>;
}

/** What the /graphql middleware chain hands on from the steps before Apollo. */
interface GraphqlLocals extends ObservedLocals {
  principal: Principal | null;
  requestId: string;
}

/** A refusal before Apollo runs, in the GraphQL error shape. */
function refuse(res: Response, status: number, error: GraphQLError | DomainError): void {
  const extensions = error instanceof DomainError ? domainErrorExtensions(error) : error.extensions;
  noteRefusal(res, extensions.code);
  res.status(status).json({ errors: [{ message: error.message, extensions }] });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { orm, schema, clock, logger, limits } = options;
  const observers = options.observers ?? [];
  const app = express();
  app.disable('x-powered-by');
  // Behind the Docker proxy the client's address is in X-Forwarded-For (rate limits of anonymous callers).
  app.set('trust proxy', 'loopback, uniquelocal');
  const httpServer = createServer(app);

  const contextFor = (principal: Principal | null, language: Language, deadline: number): RequestContext => {
    // Forked on first use: a subscription keeps its context as long as it runs, and one of the whole operation's
    // KPIs never reads the database, so 5,000 such subscriptions need no fork at all. (An HTTP request spreads the
    // context, which forks at once, as before.)
    let em: EntityManager | undefined;
    return {
      get em(): EntityManager {
        // A key bound to an agency (an AGENCY key, a partner's agent) sees that agency's data only.
        em ??= scopedEm(orm, { agencyId: principal?.agencyId ?? null });
        return em;
      },
      principal,
      clock,
      businessDate: clock.businessDate(),
      orm,
      jobs: options.jobs ?? null,
      settings: options.settings,
      services: options.services,
      language,
      deadline,
      budgetMs: options.timeBudgetMs,
    };
  };

  const formatError = formatErrorFor(logger);
  const observe = options.observe !== false;
  const requestLog = { logger, slowMs: options.slowRequestMs, everyRequest: options.logEveryRequest };
  const webSockets = startWebSocketServer({
    httpServer,
    schema,
    limits: { ...limits.ws, graphql: limits.graphql, timeBudgetMs: options.timeBudgetMs },
    rateLimiter: options.rateLimiter,
    principalFrom: (authorization) => options.principalFrom(authorization),
    stillValid: options.stillValid,
    contextFor,
    formatError,
    observers,
    requestLog: observe ? requestLog : null,
  });

  const drainWebSockets: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await webSockets.dispose();
        },
      };
    },
  };

  /** What HTTP operations go through once parsed and validated: price, introspection, and the record of it. */
  const admission: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue, operation }) {
          if (!contextValue.principal && operation?.selectionSet.selections.some(selectsSchema)) {
            throw new GraphQLError('Introspection needs a valid API key', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          try {
            assertAffordable(
              operationCost(schema, document, request.variables, request.operationName, limits.graphql),
              limits.graphql,
            );
          } catch (error) {
            // A refusal of the request as sent (too costly, a variable of the wrong type) is the client's: HTTP 400,
            // as for a validation error. Thrown from this hook without a status, Apollo would answer 500.
            if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
              error.extensions.http = { status: 400 };
            }
            throw error;
          }
        },
        async willSendResponse({ document, request, contextValue, response }) {
          if (!document || observers.length === 0) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const record = operationRecord(schema, document, request.operationName, request.variables, errors, {
            at: new Date(),
            principal: contextValue.principal,
            transport: 'http',
            requestId: contextValue.requestId!,
          });
          if (record) for (const observer of observers) observer.record(record);
        },
        async didEncounterErrors({ errors }) {
          // A refusal by a limit keeps its own code (and limit), not Apollo's generic parse or validation one.
          for (const error of errors) {
            const refusal = limitRefusal(error, limits.graphql);
            if (refusal) Object.assign(error.extensions, refusal.extensions);
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    parseOptions: { maxTokens: limits.graphql.maxTokens },
    validationRules: limitValidationRules(limits.graphql),
    // No HTTP caching of answers (they are per key and change live), so skip the per-field cache-hint work.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      drainWebSockets,
      ApolloServerPluginCacheControlDisabled(),
      admission,
      serviceUnavailableStatus,
      ...(observe ? [observationPlugin] : []),
    ],
  });
  await apollo.start();

  // Under `pnpm start`'s workers (node:cluster) the answer names the worker that gave it (docs/architecture.md).
  const worker = cluster.isWorker && cluster.worker ? { worker: { id: cluster.worker.id, pid: process.pid } } : {};
  app.get('/healthz', apiHeaders, async (_req, res) => {
    try {
      // Bounded: a pool waiting on an unreachable host would otherwise hold the probe until the caller gives up.
      await withTimeout(orm.em.getConnection().execute('select 1'), HEALTH_TIMEOUT_MS);
      res.json({ status: 'ok', database: 'up', ...worker });
    } catch {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res
        .status(503)
        .json({ status: 'error', database: 'down', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, ...worker });
    }
  });

  const bodyLimits = {
    anonymous: bytes.parse(ANONYMOUS_BODY_LIMIT)!,
    key: bytes.parse(limits.http.bodyLimit)!,
    importing: bytes.parse(limits.http.importBodyLimit)!,
  };
  const bodyParsers = {
    anonymous: express.json({ limit: bodyLimits.anonymous }),
    key: express.json({ limit: bodyLimits.key }),
    importing: express.json({ limit: bodyLimits.importing }),
  };
  /** body-parser's own error for a body over its limit, so http-errors.ts answers both alike. */
  const tooLarge = (limit: number) => ({ type: 'entity.too.large', status: 413, limit });
  app.use(
    '/graphql',
    observe ? observeHttpRequests(requestLog) : (_req: Request, _res: Response, next: NextFunction) => next(),
    apiHeaders,
    // The key is checked from the header before a byte of the body is read: a stranger's body is small or refused.
    async (req: Request, res: Response<unknown, GraphqlLocals>, next: NextFunction) => {
      res.locals.requestId = res.locals.observation?.requestId ?? randomUUID();
      try {
        res.locals.principal = await options.principalFrom(req.headers.authorization);
      } catch (error) {
        if (!(error instanceof DomainError)) return next(error);
        // A key that is not valid counts against its address like no key: guessing (and the lookup each guess
        // costs) is as limited as anonymous requests.
        const refusal = await options.rateLimiter.take(null, req.ip ?? 'unknown');
        if (refusal) {
          res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
          return refuse(res, 429, rateLimitedError(refusal));
        }
        return refuse(res, 401, error);
      }
      const refusal = await options.rateLimiter.take(res.locals.principal, req.ip ?? 'unknown');
      if (refusal) {
        res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
        return refuse(res, 429, rateLimitedError(refusal));
      }
      const principal = res.locals.principal;
      const allowance = !principal ? 'anonymous' : IMPORTING_ROLES.has(principal.role) ? 'importing' : 'key';
      // A body announced larger than allowed is refused now and the connection closed: body-parser would refuse it
      // too, but only after reading (and discarding) all of it, which a slow sender can stretch for minutes.
      const announced = Number(req.headers['content-length']);
      if (announced > bodyLimits[allowance]) {
        res.setHeader('Connection', 'close');
        return next(Object.assign(new Error('request entity too large'), tooLarge(bodyLimits[allowance])));
      }
      bodyParsers[allowance](req, res, next);
    },
    reenterObservedRequest,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const locals = res.locals as GraphqlLocals;
        return {
          ...contextFor(
            locals.principal,
            languageFrom(req.headers['accept-language']),
            Date.now() + options.timeBudgetMs,
          ),
          requestId: locals.requestId,
        };
      },
    }),
  );
  if (options.graphqlIde) app.use('/graphiql', ideHeaders, graphqlIdeRouter('/graphiql'));
  for (const route of options.routes ?? []) app.use(route.path, apiHeaders, route.router);

  if (options.consoleDist && existsSync(path.join(options.consoleDist, 'index.html'))) {
    const dist = options.consoleDist;
    app.use(consoleHeaders, express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // The console routes on the client: any other page URL gets its shell.
    app.get(/^\/(?!graphql|graphiql|healthz|exports\/).*/, consoleHeaders, (_req, res) =>
      res.sendFile(path.join(dist, 'index.html')),
    );
  } else {
    app.get('/', apiHeaders, (_req, res) =>
      res.type('text').send('Recupera API. The console is not built (pnpm --filter @recupera/console build).'),
    );
  }

  app.use(apiHeaders, httpErrorHandler(logger, limits.http));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    httpServer,
    disconnectKey: (keyId) => webSockets.disconnectKey(keyId),
    keyExpiresAt: (keyId, expiresAt) => webSockets.keyExpiresAt(keyId, expiresAt),
    close: async () => {
      await apollo.stop();
    },
  };
}

/** How long /healthz waits for `select 1` before it calls the database down. */
const HEALTH_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `__schema` or `__type`: introspection (a bare `__typename` reveals nothing and stays open). */
function selectsSchema(selection: { kind: string; name?: { value: string } }): boolean {
  return selection.kind === 'Field' && (selection.name?.value === '__schema' || selection.name?.value === '__type');
}
