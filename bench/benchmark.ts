import type { LocalStack } from '@abad/local/stack';

/**
 * What a benchmark module exports (as `benchmark`) for `bench/run.ts`. The harness gives
 * each one its own fresh stack in a temporary folder, so no benchmark sees another's data.
 */
export interface Benchmark {
  /** The name `npm run bench -- <name>` selects it by. */
  name: string;
  title: string;
  /** False for benchmarks that need no running system (bundle sizes): no stack is started. */
  needsStack?: boolean;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}

export interface BenchmarkContext {
  /** Present unless the benchmark said `needsStack: false`. */
  stack: LocalStack | undefined;
  /** The benchmark's own temporary folder, removed afterwards. */
  dataDir: string;
  /** Aborts on the harness's time limit or Ctrl-C: stop issuing work and let the error surface. */
  signal: AbortSignal;
  /** A progress line (shown as it happens, not part of the report). */
  progress: (line: string) => void;
}

export interface BenchmarkResult {
  /** The plain-text report section, one line each. */
  report: string[];
  /** The same figures for `.bench-results/latest.json`. */
  results: Record<string, unknown>;
}

export function requireStack(context: BenchmarkContext): LocalStack {
  if (!context.stack) throw new Error('this benchmark needs the stack');
  return context.stack;
}
