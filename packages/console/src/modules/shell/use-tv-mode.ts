import { ref } from 'vue';

// Shared so the header can step aside while the live floor fills the wall screen.
const tv = ref(false);

function onFullscreenChange(): void {
  // Leaving full screen with Esc leaves TV mode too, so the console never gets stuck without its header.
  if (!document.fullscreenElement) tv.value = false;
}

export function useTvMode() {
  const enter = async (): Promise<void> => {
    tv.value = true;
    document.addEventListener('fullscreenchange', onFullscreenChange);
    try {
      await document.documentElement.requestFullscreen?.();
    } catch {
      // Full screen can be refused (iframe, kiosk browser); the enlarged layout still works without it.
    }
  };
  const exit = async (): Promise<void> => {
    tv.value = false;
    document.removeEventListener('fullscreenchange', onFullscreenChange);
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
  };
  return { tv, enter, exit };
}
