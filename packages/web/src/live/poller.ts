import { POLL_INTERVAL_MS } from '../config.ts';

/**
 * Keeps figures current without a reload: asks again every few seconds while the page is
 * visible, at once when it becomes visible or the window regains focus or the network
 * returns, never two requests at a time. Stops when the view is left.
 */
export function poll<T>(load: () => Promise<T>, onData: (data: T) => void, onError: (error: unknown) => void = () => {}, intervalMs = POLL_INTERVAL_MS): () => void {
  let stopped = false;
  let inFlight = false;
  let timer: number | undefined;

  const tick = async () => {
    if (stopped || inFlight || document.visibilityState === 'hidden') return;
    inFlight = true;
    try {
      const data = await load();
      if (!stopped) onData(data);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      inFlight = false;
    }
  };
  const now = () => void tick();
  const onVisibility = () => {
    if (document.visibilityState === 'visible') now();
  };

  timer = window.setInterval(now, intervalMs);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', now);
  window.addEventListener('online', now);
  now();

  return () => {
    stopped = true;
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('focus', now);
    window.removeEventListener('online', now);
  };
}
