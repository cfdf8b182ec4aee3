import { onMounted, onUnmounted, ref } from 'vue';
import { fetchHealth, type HealthReport } from '../../api/health.ts';

export const HEALTH_POLL_MS = 10_000;
const HEALTH_TIMEOUT_MS = 5_000;

export type HealthState =
  | { phase: 'checking' }
  | { phase: 'reported'; report: HealthReport; checkedAt: Date }
  | { phase: 'unreachable'; reason: string; checkedAt: Date };

/**
 * Polls `/healthz` while the calling component is mounted.
 * The next check is scheduled only after the previous one settles, so a slow API never piles up requests.
 */
export function useHealth(intervalMs = HEALTH_POLL_MS) {
  const state = ref<HealthState>({ phase: 'checking' });
  const checking = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let active = false;

  async function check(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    checking.value = true;
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), HEALTH_TIMEOUT_MS);
    try {
      const result = await fetchHealth(controller.signal);
      // A "check now" click aborts the older request; only the newest one may write the state.
      if (inFlight !== controller) return;
      state.value = result.reachable
        ? { phase: 'reported', report: result.report, checkedAt: new Date() }
        : { phase: 'unreachable', reason: result.reason, checkedAt: new Date() };
    } finally {
      clearTimeout(timeout);
      if (inFlight === controller) {
        inFlight = undefined;
        checking.value = false;
        if (active) timer = setTimeout(() => void check(), intervalMs);
      }
    }
  }

  onMounted(() => {
    active = true;
    void check();
  });

  onUnmounted(() => {
    active = false;
    if (timer !== undefined) clearTimeout(timer);
    inFlight?.abort();
    inFlight = undefined;
  });

  return { state, checking, check };
}
