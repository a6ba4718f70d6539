import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startLocalStack, type LocalStack } from '@abad/local/stack';
import type { Benchmark, BenchmarkResult } from './benchmark.ts';
import { benchmark as bundles } from './bundles.ts';
import { benchmark as aggregationWriteCost } from './aggregation-write-cost.ts';
import { benchmark as atScale } from './at-scale.ts';
import { benchmark as freshness } from './freshness.ts';
import { benchmark as pages } from './pages.ts';
import { benchmark as readThroughput } from './read-throughput.ts';
import { benchmark as scaleModel } from './scale-model.ts';
import { benchmark as writeThroughput } from './write-throughput.ts';

/**
 * `npm run bench` runs every benchmark below; `npm run bench -- <name> …` runs those named.
 * Each gets a fresh stack (DynamoDB Local, table, API, stream poller) in its own temporary
 * folder, removed afterwards. Reports go to stdout; all figures to .bench-results/latest.json.
 */
// read-throughput before write-throughput: it must time before the DynamoDB request counter
// (dynamodb-requests.ts), which write-throughput starts for the rest of the process, is on.
const BENCHMARKS: Benchmark[] = [readThroughput, writeThroughput, aggregationWriteCost, freshness, atScale, bundles, pages, scaleModel];

/** A benchmark that runs longer than this is stopped and reported as failed. */
const TIME_LIMIT_SECONDS = Number(process.env.BENCH_TIME_LIMIT_SECONDS || 600);
const RESULTS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.bench-results', 'latest.json');
/** Stack log lines kept per benchmark, printed only if it fails. */
const LOG_TAIL = 40;

type Outcome = { name: string; title: string; seconds: number } & ({ ok: true; results: BenchmarkResult['results'] } | { ok: false; error: string });

async function runOne(benchmark: Benchmark, interrupted: AbortSignal): Promise<Outcome> {
  const started = performance.now();
  const signal = AbortSignal.any([interrupted, AbortSignal.timeout(TIME_LIMIT_SECONDS * 1000)]);
  const stackLog: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), `abad-bench-${benchmark.name}-`));
  let stack: LocalStack | undefined;
  console.log(`\n== ${benchmark.name}: ${benchmark.title} ==`);
  try {
    if (benchmark.needsStack !== false) {
      stack = await startLocalStack({
        dataDir,
        port: 0,
        tableName: 'abad-bench',
        // Kept for a failure's diagnosis, except the per-request access lines of successes.
        log: (line) => {
          if (/ → [23]\d\d \(\d+ ms\)$/.test(line)) return;
          if (stackLog.push(line) > LOG_TAIL) stackLog.shift();
        },
        // A recount mid-measurement would distort it; the recount has its own benchmark.
        refreshIntervalSeconds: 0,
      });
    }
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const died = stack?.failed.then((error) => Promise.reject(error)) ?? aborted;
    const run = benchmark.run({ stack, dataDir, signal, progress: (line) => console.log(`   … ${line}`) });
    const { report, results } = await Promise.race([run, aborted, died]);
    for (const line of report) console.log(line ? `   ${line}` : '');
    return { name: benchmark.name, title: benchmark.title, seconds: (performance.now() - started) / 1000, ok: true, results };
  } catch (error) {
    const message =
      signal.aborted && !interrupted.aborted ? `stopped after the ${TIME_LIMIT_SECONDS} s time limit` : error instanceof Error ? error.message : String(error);
    console.log(`   FAILED: ${message}`);
    if (stackLog.length) console.log(`   last stack log lines:\n${stackLog.map((l) => `     ${l}`).join('\n')}`);
    return { name: benchmark.name, title: benchmark.title, seconds: (performance.now() - started) / 1000, ok: false, error: message };
  } finally {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  if (!(TIME_LIMIT_SECONDS > 0)) {
    console.error(`BENCH_TIME_LIMIT_SECONDS must be a positive number of seconds, not "${process.env.BENCH_TIME_LIMIT_SECONDS}"`);
    return 2;
  }
  const selected = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;

  // Ctrl-C stops the benchmark in hand and still stops its stack and removes its folder.
  const interrupt = new AbortController();
  // `on`, not `once`: npm forwards the terminal's SIGINT, so the process gets it twice.
  process.on('SIGINT', () => interrupt.abort(new Error('interrupted')));

  const machine = { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
  console.log(`Abad benchmarks: ${selected.map((b) => b.name).join(', ')}`);
  console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}/${machine.arch}`);
  const startedAt = new Date().toISOString();
  const outcomes: Outcome[] = [];
  for (const benchmark of selected) {
    if (interrupt.signal.aborted) break;
    outcomes.push(await runOne(benchmark, interrupt.signal));
  }

  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), machine, benchmarks: outcomes }, null, 2)}\n`);
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n${outcomes.length - failed.length} of ${selected.length} benchmarks ran; results in ${RESULTS_FILE}`);
  return failed.length || outcomes.length < selected.length ? 1 : 0;
}

// Exit explicitly: a benchmark stopped by its time limit may leave work pending.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
