import { describe, expect, it } from 'vitest';
import type { RefreshReport } from '@abad/core';
import { startRefreshTimer } from '@abad/local/refresh-timer';

/** The local cron: on time, one run at a time, a failed run logged, a stop that waits. */
const report: RefreshReport = {
  itemsScanned: 120,
  scopesChecked: 9,
  drift: [
    { scope: 'PROVINCE#IR-13', differences: { projects: ['5', '4'] }, repaired: true, reason: 'repaired' },
    { scope: 'COUNTY#IR-13#همدان', differences: { projects: ['5', '4'] }, repaired: false, reason: 'not-quiet' },
  ],
  invalidItems: [],
  unmatchedCounties: [],
  marksPruned: 0,
  historyDate: '2026-11-29',
  historyWritten: 32,
};

describe('the refresh timer', () => {
  it('runs every interval, never two at once, logs a summary, and stop() waits for the run in hand', async () => {
    const lines: string[] = [];
    let running = 0;
    let most = 0;
    let runs = 0;
    let inHand = false;
    const timer = startRefreshTimer({
      intervalSeconds: 0.05,
      log: (line) => lines.push(line),
      refresh: async () => {
        runs++;
        running++;
        most = Math.max(most, running);
        inHand = true;
        await new Promise((r) => setTimeout(r, 120)); // longer than the interval
        inHand = false;
        running--;
        if (runs === 2) throw new Error('table unreachable');
        return report;
      },
    });
    await expect.poll(() => runs, { timeout: 2_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => inHand).toBe(true);
    await timer.stop();
    expect(inHand).toBe(false);
    const after = runs;
    await new Promise((r) => setTimeout(r, 150));
    expect(runs).toBe(after);
    expect(most).toBe(1);
    expect(lines[0]).toMatch(/^refresh: 120 items scanned, 2 of 9 scopes with drift, 1 repaired \(\d+ ms\)$/);
    expect(lines[1]).toBe('refresh failed: table unreachable; next run in 0.05 s');
  });

  it('refuses an interval that is not positive (0 means no timer, decided by the caller)', () => {
    expect(() => startRefreshTimer({ intervalSeconds: 0, log: () => {}, refresh: async () => report })).toThrow(/positive/);
  });
});
