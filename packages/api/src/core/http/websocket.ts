import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RequestContext } from '../graphql/context.ts';
import { languageFrom, type Language } from '../language.ts';
import type { Principal } from '../principal.ts';
import type { formatErrorFor } from '../graphql/format-error.ts';
import { subscribeSharingResults } from './shared-subscription-results.ts';

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Resolves the `authorization` connection parameter; throws or returns null when it is not a valid key. */
  principalFrom: (authorization: string | undefined) => Promise<Principal | null>;
  contextFor: (principal: Principal | null, language: Language) => RequestContext;
  formatError: ReturnType<typeof formatErrorFor>;
}

/** graphql-ws on the same port and path as HTTP GraphQL. */
export function startWebSocketServer(options: WebSocketOptions): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const cleanup = useServer<{ authorization?: unknown; language?: unknown }, { principal?: Principal }>(
    {
      schema: options.schema,
      subscribe: subscribeSharingResults,
      // Every subscription needs a key: a connection without a valid one is refused at once (4403).
      onConnect: async (ctx) => {
        const given = ctx.connectionParams?.authorization;
        if (typeof given !== 'string') return false;
        // Clients pass either the header value ("Bearer <key>") or the bare key; both mean the same key.
        const authorization = /^bearer\s/i.test(given) ? given : `Bearer ${given}`;
        try {
          const principal = await options.principalFrom(authorization);
          if (!principal) return false;
          ctx.extra.principal = principal;
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => {
        const language = ctx.connectionParams?.language;
        return options.contextFor(
          ctx.extra.principal ?? null,
          languageFrom(typeof language === 'string' ? language : null),
        );
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
  );
  return {
    dispose: async () => {
      await cleanup.dispose();
      wsServer.close();
    },
  };
}
