/** Node clamps longer timeouts to 1 ms (with a warning), so a callback months away is reached in hops. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A cancellable `setTimeout` for any delay; `cancel` also stops a wait that is between hops. */
export function runAfter(delayMs: number, callback: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const dueAt = Date.now() + Math.max(0, delayMs);
  const arm = () => {
    const remaining = dueAt - Date.now();
    timer = setTimeout(remaining > MAX_TIMEOUT_MS ? arm : callback, Math.min(Math.max(0, remaining), MAX_TIMEOUT_MS));
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}
