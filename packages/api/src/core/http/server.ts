import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { scopedEm, type Orm } from '../database/orm.ts';
import type { OperationSettings, RequestContext } from '../graphql/context.ts';
import { domainErrorExtensions, formatErrorFor } from '../graphql/format-error.ts';
import { graphqlIdeRouter } from './graphql-ide.ts';
import { httpErrorHandler } from './http-errors.ts';
import { startWebSocketServer } from './websocket.ts';
import type { JobQueue } from '../job-queue/job-queue.ts';
import type { Logger } from '../logger.ts';
import { languageFrom, type Language } from '../language.ts';
import type { Principal } from '../principal.ts';
import type { Services } from '../services.ts';

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
  settings: OperationSettings;
  /** What the modules provide to every request (see core/services.ts). */
  services: Services;
  /** Folder of the built console; served at / when it exists. */
  consoleDist?: string | undefined;
  /** The job runtime resolvers queue work on (`startImport`, `retryFailedJob`). */
  jobs?: JobQueue | undefined;
  /** The modules' plain HTTP routes, mounted before the console. */
  routes?: readonly { path: string; router: express.Router }[];
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { orm, schema, clock, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const contextFor = (principal: Principal | null, language: Language): RequestContext => ({
    em: scopedEm(orm, { agencyId: principal?.role === 'AGENCY' ? principal.agencyId : null }),
    principal,
    clock,
    businessDate: clock.businessDate(),
    orm,
    jobs: options.jobs ?? null,
    settings: options.settings,
    services: options.services,
    language,
  });
  const { principalFrom } = options;

  const formatError = formatErrorFor(logger);
  const webSockets = startWebSocketServer({
    httpServer,
    schema,
    principalFrom: (authorization) => principalFrom(authorization),
    contextFor,
    formatError,
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

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // No HTTP caching of answers (they are per key and change live), so skip the per-field cache-hint work.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      drainWebSockets,
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).json({ status: 'error', database: 'down' });
    }
  });

  app.use(
    '/graphql',
    // `startImport` takes up to 200,000 rows in one request: about 50 MB of JSON.
    express.json({ limit: '64mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return contextFor(
            await principalFrom(req.headers.authorization),
            languageFrom(req.headers['accept-language']),
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // A rejected key is a 401 with the usual error body, not Apollo's "context creation failed" 500.
          throw new GraphQLError(error.message, {
            extensions: { ...domainErrorExtensions(error), http: { status: 401 } },
          });
        }
      },
    }),
  );
  app.use('/graphiql', graphqlIdeRouter('/graphiql'));
  for (const route of options.routes ?? []) app.use(route.path, route.router);

  if (options.consoleDist && existsSync(path.join(options.consoleDist, 'index.html'))) {
    const dist = options.consoleDist;
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // The console routes on the client: any other page URL gets its shell.
    app.get(/^\/(?!graphql|graphiql|healthz|exports\/).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text')
        .send(
          'Recupera API. The console is not built (pnpm --filter @recupera/console build). GraphQL at /graphql, IDE at /graphiql.',
        ),
    );
  }

  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    httpServer,
    close: async () => {
      await apollo.stop();
    },
  };
}
