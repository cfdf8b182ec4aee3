import { errorReason } from './graphql.ts';

export const HEALTH_PATH = '/healthz';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}

export type HealthResult = { reachable: true; report: HealthReport } | { reachable: false; reason: string };

function isHealthReport(value: unknown): value is HealthReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.status === 'ok' || v.status === 'error') && (v.database === 'up' || v.database === 'down');
}

/**
 * Reads `GET /healthz`. A 503 with a JSON body still means the API answered (its database is down);
 * only a missing or unreadable answer counts as unreachable.
 */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthResult> {
  let response: Response;
  try {
    response = await fetch(HEALTH_PATH, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    return { reachable: false, reason: errorReason(error) };
  }
  try {
    const body: unknown = await response.json();
    if (isHealthReport(body)) return { reachable: true, report: body };
  } catch {
    // Fall through: not JSON, so not our API answering.
  }
  return { reachable: false, reason: `HTTP ${response.status}` };
}
