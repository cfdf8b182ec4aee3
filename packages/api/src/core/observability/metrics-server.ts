import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsRegistry } from './metrics.ts';

/** What a scrape answers: this process's registry, or (the cluster primary) every worker's aggregated. */
export type MetricsRender = () => Promise<{ contentType: string; body: string }>;

export const renderRegistry: MetricsRender = async () => ({
  contentType: metricsRegistry.contentType,
  body: await metricsRegistry.metrics(),
});

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics on a port of its own (METRICS_PORT), never on the API's port: Prometheus scrapes it without an API
 * key, and it stays off the address clients and the proxy use. Anything else is 404.
 */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  render?: MetricsRender;
}): Promise<MetricsServer> {
  const render = options.render ?? renderRegistry;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
      return;
    }
    render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (error: unknown) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host =
    options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
