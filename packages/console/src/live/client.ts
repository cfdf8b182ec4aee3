import { createClient, type Client } from 'graphql-ws';
import { effectScope, ref, shallowRef, watch } from 'vue';
import { GRAPHQL_PATH, type Operation } from '../api/graphql.ts';
import { currentLocale } from '../i18n/index.ts';
import { useApiKey } from '../session/use-api-key.ts';
import { initialConnection, nextConnection, type ConnectionEvent, type ConnectionModel } from './connection-state.ts';

const KEEP_ALIVE_MS = 10_000;
/** A ping without a pong for this long means a dead socket that the browser has not noticed yet. */
const PONG_TIMEOUT_MS = 5_000;

const connection = ref<ConnectionModel>(initialConnection(globalThis.navigator?.onLine ?? true));
const client = shallowRef<Client | null>(null);

function feed(event: ConnectionEvent): void {
  connection.value = nextConnection(connection.value, event);
}

function socketUrl(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

function open(apiKey: string): Client {
  let socket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  return createClient({
    url: socketUrl(),
    connectionParams: () => ({ authorization: `Bearer ${apiKey}`, language: currentLocale() }),
    // Eager: the indicator must describe the link even on screens that subscribe to nothing.
    lazy: false,
    retryAttempts: Infinity,
    // Refused connections (API restarting) are not close events; a wall screen must keep trying anyway.
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const ms = Math.min(1000 * 2 ** retries, 15_000) * (0.75 + Math.random() * 0.5);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    keepAlive: KEEP_ALIVE_MS,
    onNonLazyError: () => feed({ type: 'closed' }),
    on: {
      connecting: () => feed({ type: 'connecting' }),
      connected: (s) => {
        socket = s as WebSocket;
        feed({ type: 'connected' });
      },
      closed: () => {
        socket = null;
        clearTimeout(pongTimer);
        feed({ type: 'closed' });
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Pong timeout');
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
}

let started = false;

/** Opens one graphql-ws client per signed-in key and closes it on sign-out. */
function start(): void {
  if (started) return;
  started = true;
  const { apiKey } = useApiKey();
  // Detached from the component that first asked: the client lives as long as the session, not a screen.
  effectScope(true).run(() =>
    watch(
      apiKey,
      (key) => {
        void client.value?.dispose();
        client.value = null;
        connection.value = initialConnection(globalThis.navigator?.onLine ?? true);
        if (key) client.value = open(key);
      },
      { immediate: true },
    ),
  );
  globalThis.addEventListener?.('offline', () => feed({ type: 'browser-offline' }));
  globalThis.addEventListener?.('online', () => feed({ type: 'browser-online' }));
}

export interface LiveSink<T> {
  next: (data: T) => void;
  error?: (message: string) => void;
}

function errorMessage(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? String(e)).join('; ');
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Subscribes for as long as the caller keeps the returned function; graphql-ws re-sends the subscription
 * after every reconnect, and the API answers with a full snapshot first.
 */
export function subscribe<TResult, TVariables extends Record<string, unknown>>(
  query: Operation<TResult, TVariables>,
  variables: NoInfer<TVariables>,
  sink: LiveSink<TResult>,
): () => void {
  const current = client.value;
  if (!current) return () => {};
  return current.subscribe<TResult>(
    { query: String(query), variables },
    {
      next: (result) => {
        if (result.errors?.length) sink.error?.(errorMessage(result.errors));
        if (result.data) sink.next(result.data as TResult);
      },
      error: (error) => sink.error?.(errorMessage(error)),
      complete: () => {},
    },
  );
}

export function useLive() {
  start();
  return { connection, client, subscribe };
}
