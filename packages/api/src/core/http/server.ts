import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate } from '../../modules/auth/api-key.service.ts';
import type { Clock } from '../clock.ts';
import { scopedEm, systemEm, type Orm } from '../database/orm.ts';
import type { Principal, RequestContext } from '../graphql/context.ts';
import { graphqlIdeRouter } from './graphql-ide.ts';
import type { Logger } from '../logger.ts';

export interface ServerOptions {
  orm: Orm;
  schema: GraphQLSchema;
  clock: Clock;
  logger: Logger;
  port: number;
  host: string;
  adminApiKey?: string | undefined;
  /** Folder of the built console; served at / when it exists. */
  consoleDist?: string | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  close(): Promise<void>;
}

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_IMPLEMENTED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors the API raised on purpose go to clients as they are; anything else (a bug, a lost database) is
 * logged in full here and reaches the client as a bare INTERNAL_SERVER_ERROR, with no stack or SQL.
 */
function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error('unexpected error in a GraphQL operation', unwrapResolverError(error));
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { orm, schema, clock, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const contextFor = (principal: Principal | null): RequestContext => ({
    em: scopedEm(orm, { agencyId: principal?.role === 'AGENCY' ? principal.agencyId : null }),
    principal,
    clock,
    orm,
  });
  const principalFrom = (authorization: string | undefined | null) =>
    authenticate(systemEm(orm), authorization, options.adminApiKey);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<{ authorization?: string }, { principal?: Principal }>(
    {
      schema,
      // Every subscription needs a key: a connection without a valid one is refused at once (4403).
      onConnect: async (ctx) => {
        try {
          const principal = await principalFrom(ctx.connectionParams?.authorization);
          if (!principal) return false;
          ctx.extra.principal = principal;
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => contextFor(ctx.extra.principal ?? null),
    },
    wsServer,
  );

  const drainWebSockets: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await wsCleanup.dispose();
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), drainWebSockets],
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
    express.json({ limit: '20mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return contextFor(await principalFrom(req.headers.authorization));
        } catch (error) {
          if (error instanceof GraphQLError) {
            // A rejected key is a 401 with the usual error body, not Apollo's "context creation failed" 500.
            error.extensions.http = { status: 401 };
          }
          throw error;
        }
      },
    }),
  );
  app.use('/graphiql', graphqlIdeRouter('/graphiql'));

  if (options.consoleDist && existsSync(path.join(options.consoleDist, 'index.html'))) {
    const dist = options.consoleDist;
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // The console routes on the client: any other page URL gets its shell.
    app.get(/^\/(?!graphql|graphiql|healthz).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text')
        .send(
          'Recupera API. The console is not built (pnpm --filter @recupera/console build). GraphQL at /graphql, IDE at /graphiql.',
        ),
    );
  }

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    httpServer,
    close: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}
