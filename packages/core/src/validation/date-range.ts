/** The plausible range of every date the API takes; "now" is read when a value is checked, never at load. */

/** Nothing recorded here is older than 1921 (the Persian year 1300 begins in March 1921). */
export const EARLIEST_DATE = '1921-01-01';

/** How far ahead a plan (a project's target, a drive's end) may reach. */
export const PLANNING_HORIZON_YEARS = 30;

/** How far a client's clock may run ahead of ours before a moment counts as in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The last `YYYY-MM-DD` a plan may name. */
export function latestPlannedDate(now: number = Date.now()): string {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + PLANNING_HORIZON_YEARS);
  return latest.toISOString().slice(0, 10);
}

/** The latest moment (epoch ms) a record of something that happened may carry. */
export function latestMoment(now: number = Date.now()): number {
  return now + CLOCK_SKEW_MS;
}
