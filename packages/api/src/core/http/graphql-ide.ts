import express, { type Router } from 'express';
import { getDistDirectory, isSandboxFrame, renderAltair, SANDBOX_FRAME_CSP } from 'altair-static';

/**
 * Altair, served entirely from its npm package (nothing from a CDN), for partner agencies to explore the API
 * with their own key.
 */
export function graphqlIdeRouter(basePath: string): Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    if (!req.originalUrl.endsWith('/')) {
      res.redirect(301, `${basePath}/`);
      return;
    }
    const wsScheme = req.protocol === 'https' ? 'wss' : 'ws';
    res.type('html').send(
      renderAltair({
        baseURL: `${basePath}/`,
        endpointURL: '/graphql',
        subscriptionsEndpoint: `${wsScheme}://${req.get('host')}/graphql`,
        initialSubscriptionRequestHandlerId: 'graphql-ws',
        initialHeaders: { Authorization: 'Bearer ' },
        initialQuery:
          '{\n  accounts(first: 10) {\n    totalCount\n    edges { node { id externalRef bucket balance { amount currency } debtor { name } } }\n  }\n}\n',
        initialName: 'Recupera',
      }),
    );
  });
  router.use((req, res, next) => {
    if (isSandboxFrame(req.path)) res.setHeader('Content-Security-Policy', SANDBOX_FRAME_CSP);
    next();
  });
  router.use(express.static(getDistDirectory(), { index: false }));
  return router;
}
