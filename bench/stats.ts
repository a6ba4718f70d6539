import { performance } from 'node:perf_hooks';

/** Latency figures in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * Nearest-rank percentile (the smallest value with at least p % of the samples at or below
 * it): always a latency that was actually observed, never an interpolation between two.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sum / sorted.length, max: sorted.at(-1) ?? Number.NaN };
}

/** One timed run of a task: its wall time and each call's latency. */
export interface Series {
  seconds: number;
  latenciesMs: number[];
}

export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
  latencyMs: LatencySummary;
}

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight and times each call. Stops
 * issuing new calls once `signal` aborts; the first failure fails the series (a benchmark
 * that counts errors as throughput measures nothing).
 */
export async function runSeries(count: number, concurrency: number, task: (i: number) => Promise<void>, signal: AbortSignal): Promise<Series> {
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      signal.throwIfAborted();
      const i = next++;
      const started = performance.now();
      await task(i);
      latenciesMs.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** Several series of the same task taken together: items over total time, all latencies. */
export function throughput(series: readonly Series[]): Throughput {
  const latencies = series.flatMap((s) => s.latenciesMs);
  const seconds = series.reduce((sum, s) => sum + s.seconds, 0);
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, latencyMs: summarize(latencies) };
}

/** For reports: `1234.5` → `1,234.5`. */
export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
