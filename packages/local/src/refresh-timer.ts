import type { RefreshReport } from '@abad/core';
import { pause } from './pause.ts';
import { refreshSummary } from './refresh-report-text.ts';
import type { BackgroundWorker } from './workers.ts';

/**
 * The cron, locally: runs the refresh every `intervalSeconds`, counted from the end of the
 * previous run, so two runs never overlap however long one takes. A failed run is logged
 * and the next one comes on time: the refresh repairs, it is never what must not fail.
 */
export interface RefreshTimerOptions {
  intervalSeconds: number;
  /** Calls the refresh handler. */
  refresh: () => Promise<RefreshReport>;
  log: (line: string) => void;
}

export function startRefreshTimer({ intervalSeconds, refresh, log }: RefreshTimerOptions): BackgroundWorker {
  if (!(intervalSeconds > 0)) throw new Error(`the refresh interval must be positive, not ${intervalSeconds}`);
  const stopping = new AbortController();
  const loop = (async () => {
    for (;;) {
      await pause(intervalSeconds * 1000, stopping.signal);
      if (stopping.signal.aborted) return;
      const startedAt = Date.now();
      try {
        const report = await refresh();
        log(`refresh: ${refreshSummary(report)} (${Date.now() - startedAt} ms)`);
      } catch (error) {
        log(`refresh failed: ${error instanceof Error ? error.message : String(error)}; next run in ${intervalSeconds} s`);
      }
    }
  })();
  return {
    name: 'refresh timer',
    // A run in progress is finished, not cut: it may be in the middle of a repair.
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
}
