import { computed, effectScope, ref, watch } from 'vue';
import { graphql } from '../api/generated/gql.ts';
import type { ViewerQuery } from '../api/generated/graphql.ts';
import { graphqlRequest, type ApiFailure } from '../api/graphql.ts';
import { isRole, type Role } from './permissions.ts';
import { useApiKey } from './use-api-key.ts';

export interface Viewer {
  role: Role;
  agency: ViewerQuery['me']['agency'];
}

export type OperationInfo = ViewerQuery['operation'];

export type ViewerState =
  | { phase: 'signed-out' }
  | { phase: 'loading' }
  | { phase: 'failed'; error: ApiFailure }
  | { phase: 'ready'; viewer: Viewer; operation: OperationInfo };

export const VIEWER_QUERY = graphql(`
  query Viewer {
    me {
      role
      agency {
        id
        code
        name
      }
    }
    operation {
      timeZone
      currency
      businessDate
      now
      demoClock {
        active
        offsetMs
      }
    }
  }
`);

const state = ref<ViewerState>({ phase: 'signed-out' });
let started = false;
let generation = 0;

async function load(key: string | null): Promise<void> {
  const mine = ++generation;
  if (!key) {
    state.value = { phase: 'signed-out' };
    return;
  }
  state.value = { phase: 'loading' };
  const result = await graphqlRequest(VIEWER_QUERY, { apiKey: key });
  // Signing out or in again while this was in flight makes its answer irrelevant.
  if (mine !== generation) return;
  if (!result.ok) {
    state.value = { phase: 'failed', error: result.error };
    return;
  }
  const { me, operation } = result.data;
  if (!me || !isRole(me.role) || !operation) {
    state.value = { phase: 'failed', error: { kind: 'invalid' } };
    return;
  }
  state.value = { phase: 'ready', viewer: { role: me.role, agency: me.agency ?? null }, operation };
}

/** Who the key is and how the operation formats its numbers; loaded once per key. */
export function useViewer() {
  const { apiKey } = useApiKey();
  if (!started) {
    started = true;
    // Detached: the first component to ask must not take the session's watcher with it when it unmounts.
    effectScope(true).run(() => watch(apiKey, (key) => void load(key), { immediate: true }));
  }
  const ready = computed(() => (state.value.phase === 'ready' ? state.value : null));
  return { state, ready, reload: () => load(apiKey.value) };
}

/** For screens rendered only once the viewer is ready. */
export function useReadyViewer(): { viewer: Viewer; operation: OperationInfo } {
  const s = state.value;
  if (s.phase !== 'ready') throw new Error('useReadyViewer() called before the viewer loaded');
  return { viewer: s.viewer, operation: s.operation };
}
