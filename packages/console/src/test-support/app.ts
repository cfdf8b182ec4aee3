import { flushPromises } from '@vue/test-utils';
import { vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '../router.ts';
import { useApiKey } from '../session/use-api-key.ts';
import { useViewer } from '../session/use-viewer.ts';
import { jsonResponse } from './responses.ts';

export const OPERATION = {
  timeZone: 'America/Lima',
  currency: 'PEN',
  businessDate: '2026-11-24',
  now: '2026-11-24T15:00:00.000Z',
  demoClock: { active: false, offsetMs: 0 },
};

/** The app's routes with each screen replaced by its name, so shell tests do not load the screens. */
export function shellRouter() {
  const placeholder = (name: string) =>
    defineComponent({ render: () => h('p', { 'data-testid': `screen-${name}` }, name) });
  return createRouter({
    history: createMemoryHistory(),
    routes: routes.map((route) =>
      'component' in route && route.component ? { ...route, component: placeholder(String(route.name)) } : route,
    ),
  });
}

/** A `/graphql` handler answering the viewer query, then delegating to `other`. */
export function viewerAnswer(
  role: string,
  agency: { id: string; code: string; name: string } | null = null,
  other?: (body: { query: string; variables?: Record<string, unknown> }) => Response,
) {
  return (_url: string, init: RequestInit | undefined) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    if (body.query.includes('me {')) return jsonResponse({ data: { me: { role, agency }, operation: OPERATION } });
    if (other) return other(body);
    throw new Error(`unexpected query ${body.query}`);
  };
}

/** Signs in and waits until the viewer query has been answered by the stubbed fetch. */
export async function signInAs(key = 'rk_test_0123456789abcd'): Promise<void> {
  useViewer();
  useApiKey().signIn(key);
  await vi.waitFor(() => {
    if (useViewer().state.value.phase !== 'ready') throw new Error('viewer not ready');
  });
  await flushPromises();
}
