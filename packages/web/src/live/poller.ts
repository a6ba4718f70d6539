import { POLL_INTERVAL_MS } from '../config.ts';

/**
 * Keeps figures current without a reload: asks again every few seconds while the page is
 * visible, at once when it becomes visible or the window regains focus or the network
 * returns, never two requests at a time. A hidden tab asks nothing and keeps no timer. Stops
 * when the view is left.
 */
export function poll<T>(
  load: () => Promise<T>,
  onData: (data: T) => void,
  onError: (error: unknown) => void = () => {},
  intervalMs = POLL_INTERVAL_MS,
): () => void {
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
  const resume = () => {
    if (timer === undefined && !stopped) timer = window.setInterval(now, intervalMs);
  };
  const pause = () => {
    window.clearInterval(timer);
    timer = undefined;
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') return pause();
    resume();
    now();
  };

  if (document.visibilityState !== 'hidden') resume();
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', now);
  window.addEventListener('online', now);
  now();

  return () => {
    stopped = true;
    pause();
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('focus', now);
    window.removeEventListener('online', now);
  };
}
