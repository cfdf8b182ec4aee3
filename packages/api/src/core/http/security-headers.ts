import helmet from 'helmet';

/**
 * Security headers of every response (helmet): no sniffing, no referrer, never framed by another site, HTTPS
 * remembered once served over it. Each surface gets the narrowest Content-Security-Policy it works with.
 */
const common = {
  referrerPolicy: { policy: 'no-referrer' as const },
  frameguard: { action: 'deny' as const },
  crossOriginEmbedderPolicy: false,
};

/** JSON and plain answers (/graphql, /healthz): nothing to load, never framed. */
export const apiHeaders = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});

/**
 * The console: its own scripts only (the Vite build has no inline script), inline styles (Vue and ECharts set
 * them), images from itself and data URLs (chart exports), and GraphQL over HTTP and WebSocket on its own origin.
 */
export const consoleHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

/**
 * Altair boots from an inline script and evaluates its own bundle: allowed on /graphiql only. It frames its own
 * sandbox page (same origin), and nothing else may frame it.
 */
export const ideHeaders = helmet({
  ...common,
  frameguard: { action: 'sameorigin' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameSrc: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
});
