import { computed, ref } from 'vue';

export const API_KEY_STORAGE_KEY = 'recupera.apiKey';

function readStoredKey(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(API_KEY_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

// sessionStorage, not localStorage: the key dies with the tab, so a shared screen does not keep it.
const apiKey = ref<string | null>(readStoredKey());

/** The API key of this tab's session, shared by every screen. */
export function useApiKey() {
  const signIn = (key: string): void => {
    const trimmed = key.trim();
    if (!trimmed) return;
    apiKey.value = trimmed;
    try {
      sessionStorage.setItem(API_KEY_STORAGE_KEY, trimmed);
    } catch {
      // Without storage the key lives until reload, which is still usable.
    }
  };

  const signOut = (): void => {
    apiKey.value = null;
    try {
      sessionStorage.removeItem(API_KEY_STORAGE_KEY);
    } catch {
      // Nothing stored, nothing to clear.
    }
  };

  /** Last four characters, enough to tell keys apart without showing the secret. */
  const keySuffix = computed(() => (apiKey.value ? apiKey.value.slice(-4) : ''));

  return { apiKey, keySuffix, signIn, signOut };
}
