import { z } from 'zod';

/**
 * Every setting the API reads from the environment, each with its default and what it is for.
 * Mirrored in `.env.example` and the README's table; validated once at start so a typo fails loudly.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('HTTP and WebSocket port of the API'),
  HOST: z
    .string()
    .optional()
    .describe('Interface the API listens on; 127.0.0.1 with the embedded demo database, 0.0.0.0 otherwise'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe('PostgreSQL server to use; when absent an embedded PostgreSQL is started'),
  // No default here: the embedded PostgreSQL uses `.data/postgres` unless this is set, and only an unset folder may
  // be moved elsewhere when the server's user cannot reach it (see core/database/embedded-postgres.ts).
  EMBEDDED_PG_DIR: z
    .string()
    .optional()
    .describe(
      'Data folder of the embedded PostgreSQL, relative to the repository root (unset: .data/postgres, or /var/lib/recupera/<checkout>/postgres as root when that is out of reach)',
    ),
  EMBEDDED_PG_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(54329)
    .describe('Port of the embedded PostgreSQL'),
  API_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .optional()
    .describe(
      'API worker processes sharing PORT (node:cluster); unset: one per core; 1: a single process without a primary',
    ),
  DB_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('Largest number of database connections per API process (each worker has its own pool)'),
  HEAP_GROWTH_PERCENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(400)
    .default(25)
    .describe(
      "How far each API process's V8 heap may grow past what its last full collection kept before it collects again, in percent (V8's --heap-growing-percent); 0: V8's own factor",
    ),
  REDIS_URL: z.string().url().optional().describe('Redis for jobs and multi-instance pub/sub; in-process when absent'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('recupera')
    .describe('Namespace of Redis keys and channel (jobs, event bus); deployments sharing one Redis need their own'),
  ADMIN_API_KEY: z
    .string()
    .min(16, 'must be at least 16 characters long (openssl rand -hex 24 makes one)')
    .optional()
    .describe('Bootstrap admin key accepted in addition to stored keys'),
  SEED_DEMO: z
    .enum(['auto', 'always', 'never'])
    .default('auto')
    .describe('Seed the demo portfolio into an empty database: auto = the embedded one only, always = any, never'),
  DEMO_CLOCK: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe(
      "Run the embedded demo on the demo clock, inside Peru's calling hours at any hour (auto), or on real time (off); never used with DATABASE_URL",
    ),
  DEMO_ACCOUNTS: z.coerce
    .number()
    .int()
    .min(100)
    .default(20_000)
    .describe('Number of accounts the demo seeder creates'),
  SIMULATE: z
    .stringbool()
    .default(true)
    .describe('Run the traffic simulator on the demo floor (only where the demo keys exist); 0 or false turns it off'),
  SIMULATION_SEED: z.coerce
    .number()
    .int()
    .default(42)
    .describe("Seed of the traffic simulator: the same seed makes the same agents' decisions"),
  SIMULATION_SPEED: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(10)
    .describe('Speed factor of the traffic simulator: 1 is real time, 10 makes every wait ten times shorter'),
  OPERATION_TIME_ZONE: z
    .string()
    .default('America/Lima')
    .describe('Time zone of the collections operation: the business date and "today" follow it'),
  PROMISE_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .default(60)
    .describe("Furthest a promise to pay may be due, in days after the debtor's local today"),
  OPERATION_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('PEN')
    .describe('Currency of the headline young-debt recovery rate (other currencies are reported per bucket)'),
  PAYMENT_OVERPAYMENT_TOLERANCE: z.coerce
    .number()
    .min(0)
    .max(10)
    .default(0.1)
    .describe(
      'How much more than the balance an AGENCY key may post, as a fraction (0.1 = 10 %); managers may post more',
    ),
  KPI_PUSH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(250)
    .describe('Live subscriptions send at most one update per scope (or board) per this many milliseconds'),
  GRAPHQL_MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(2)
    .max(100)
    .default(12)
    .describe('Deepest nesting of fields a GraphQL operation may have (refused with QUERY_TOO_DEEP)'),
  GRAPHQL_MAX_COST: z.coerce
    .number()
    .int()
    .min(100)
    .default(20_000)
    .describe(
      'Most an operation may cost: objects count 1 and costly fields more, times the rows a list asks for (QUERY_TOO_COSTLY)',
    ),
  GRAPHQL_MAX_ALIASES: z.coerce
    .number()
    .int()
    .min(0)
    .default(30)
    .describe('Most aliases an operation may use (TOO_MANY_ALIASES)'),
  GRAPHQL_MAX_DIRECTIVES: z.coerce
    .number()
    .int()
    .min(0)
    .default(20)
    .describe('Most directives an operation may use (TOO_MANY_DIRECTIVES)'),
  GRAPHQL_MAX_TOKENS: z.coerce
    .number()
    .int()
    .min(100)
    .default(4_000)
    .describe('Most tokens a GraphQL document may have; parsing stops there (TOO_MANY_TOKENS)'),
  GRAPHQL_MAX_PARALLEL_FIELDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(4)
    .describe(
      'Most costly fields (root queries, per-row resolvers) of one operation resolving at once; the rest wait their turn',
    ),
  OPERATION_TIME_BUDGET_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('Longest an operation may run, also each SQL statement (TIME_BUDGET_EXCEEDED)'),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i)
    .default('512kb')
    .describe('Largest request body of a valid key; anonymous requests get 16kb (BODY_TOO_LARGE, HTTP 413)'),
  HTTP_IMPORT_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i)
    .default('64mb')
    .describe('Largest request body of an ADMIN or MANAGER key, who may import portfolios in one request'),
  WS_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024)
    .describe('Largest WebSocket message, checked before the key is (the connection closes with 1009)'),
  WS_MAX_CONNECTIONS_PER_KEY: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Open WebSocket connections one key may hold on one instance (close code 4429)'),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .describe('Operations one WebSocket connection may run at once (TOO_MANY_SUBSCRIPTIONS)'),
  WS_MAX_SUBSCRIPTIONS_PER_KEY: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe(
      'Operations one key may run at once over all its WebSocket connections on one instance (TOO_MANY_SUBSCRIPTIONS)',
    ),
  RATE_LIMIT_PER_KEY: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe('Requests and WebSocket operations one key may start per second, shared through Redis (RATE_LIMITED)'),
  RATE_LIMIT_ANONYMOUS_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Requests per second from one address without a valid key (RATE_LIMITED)'),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(400)
    .describe('Days the audit trail keeps an entry (a daily job deletes older ones)'),
  GRAPHQL_IDE: z
    .enum(['auto', 'on', 'off'])
    .default('auto')
    .describe('Serve the GraphQL IDE at /graphiql: auto = with the embedded demo only (no DATABASE_URL), on, off'),
  CONSOLE_DIST: z
    .string()
    .default('packages/console/dist')
    .describe('Built console to serve at /, relative to the repository root'),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'])
    .default('info')
    .describe('Least severe log level printed'),
  REQUEST_LOG: z
    .enum(['auto', 'on', 'off'])
    .default('auto')
    .describe(
      'One info line per GraphQL operation: auto = on, except with the embedded demo (no DATABASE_URL), whose traffic simulator would bury the start banner; slow requests are logged at warn either way',
    ),
  SLOW_REQUEST_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('A request slower than this many milliseconds is logged at warn (with its statement count), not info'),
  METRICS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)], { error: 'a port (0 to 65535) or off' })
    .optional()
    .describe(
      'Port of the Prometheus /metrics endpoint, on the same HOST as the API; off turns it off. Unset: 9464, skipped with a warning when taken',
    ),
});

export type Config = z.infer<typeof schema>;

/** The settings and their descriptions, for `.env.example` and the README. */
export const configDescriptions = Object.fromEntries(
  Object.entries(schema.shape).map(([key, value]) => [key, value.description ?? '']),
);

/** Invalid settings, one problem per variable; the values are never repeated (some are secrets). */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: issue.path.join('.'),
        // zod's "Invalid input: expected number, received NaN", said for a person.
        message: issue.message
          .replace(/^Invalid (input|option): /, '')
          .replace('expected number, received NaN', 'not a number'),
      })),
    );
  }
  return parsed.data;
}

/** The part of the config resolvers need per request. */
export function operationSettings(config: Config): {
  promiseMaxDays: number;
  operationCurrency: string;
  overpaymentTolerance: number;
} {
  return {
    promiseMaxDays: config.PROMISE_MAX_DAYS,
    operationCurrency: config.OPERATION_CURRENCY,
    overpaymentTolerance: config.PAYMENT_OVERPAYMENT_TOLERANCE,
  };
}
