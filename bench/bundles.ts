import { spawn } from 'node:child_process';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { routes } from '../packages/functions/src/http/routes.ts';
import { HANDLER_BUNDLE, NODE_RUNTIME, sstBuildOptions } from '../stacks/bundle.ts';
import type { Benchmark } from './benchmark.ts';
import { percentile } from './stats.ts';

/**
 * What each Lambda handler ships and costs at a cold start: every handler the stacks deploy,
 * built with esbuild exactly as the deploy builds it (stacks/bundle.ts: ESM, minified, the
 * AWS SDK left to the runtime), then its bytes (raw and gzipped), its largest inputs, and
 * its module initialization time: the `import()` of the bundle in a fresh Node process, the
 * median of several, not counting Node's own start. The SDK comes from node_modules here, as
 * it comes from the runtime in Lambda. No stack is needed.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_RUNS = 5;

function initRuns(): number {
  const raw = process.env.BENCH_INIT_RUNS;
  if (raw === undefined || raw === '') return DEFAULT_RUNS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error(`BENCH_INIT_RUNS must be an integer from 1 to 50, not "${raw}"`);
  return n;
}

/** The handlers the stacks deploy: one per route, the aggregator, the refresh. */
function handlers(): { name: string; file: string }[] {
  return [
    ...routes.map((r) => ({ name: `http/${r.handler}`, file: `packages/functions/src/http/${r.handler}.ts` })),
    { name: 'stream/aggregate', file: 'packages/functions/src/stream/aggregate.ts' },
    { name: 'cron/refresh', file: 'packages/functions/src/cron/refresh.ts' },
  ];
}

/** The package (or project folder) an input file belongs to, for "what makes it big". */
function origin(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1]! : input.split('/').slice(0, 3).join('/');
}

/** Milliseconds to import the bundle, in a fresh Node process (Lambda's init phase, minus the runtime's own start). */
function importTime(file: string, signal: AbortSignal): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', POWERTOOLS_SERVICE_NAME: 'abad-bench', TABLE_NAME: 'abad-bench', CURSOR_SECRET: 'bench' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(Number(out.trim())) : fail(new Error(`importing ${file} failed: ${err.trim().split('\n')[0]}`))));
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const benchmark: Benchmark = {
  name: 'bundles',
  title: `handler bundles as deployed (${NODE_RUNTIME}, ESM, minified, AWS SDK external): size and module init time`,
  needsStack: false,
  async run({ dataDir, signal, progress }) {
    const runs = initRuns();
    const out = join(dataDir, 'bundles');
    await mkdir(out, { recursive: true });
    // The SDK is external: let the bundles resolve it from the project's node_modules.
    await symlink(join(ROOT, 'node_modules'), join(dataDir, 'node_modules'), 'dir');

    const list = handlers();
    progress(`building ${list.length} handlers`);
    const built = await Promise.all(
      list.map(async ({ name, file }) => {
        const outfile = join(out, `${name.replaceAll('/', '__')}.mjs`);
        const result = await build({ ...sstBuildOptions(join(ROOT, file), outfile, HANDLER_BUNDLE), absWorkingDir: ROOT });
        const output = Object.values(result.metafile!.outputs).find((o) => o.entryPoint)!;
        if (!output.exports.includes('handler')) throw new Error(`${file} does not export handler`);
        const byOrigin = new Map<string, number>();
        for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) byOrigin.set(origin(input), (byOrigin.get(origin(input)) ?? 0) + bytesInOutput);
        const largest = [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 3);
        const bytes = output.bytes;
        const gzipBytes = gzipSync(await readFile(outfile)).length;
        return { name, outfile, bytes, gzipBytes, largest };
      }),
    );

    const measured = [];
    for (const [i, bundle] of built.entries()) {
      signal.throwIfAborted();
      progress(`init ${i + 1}/${built.length}: ${bundle.name}`);
      const samples: number[] = [];
      for (let r = 0; r < runs; r++) samples.push(await importTime(bundle.outfile, signal));
      samples.sort((a, b) => a - b);
      measured.push({ ...bundle, initMs: percentile(samples, 50), initMaxMs: samples.at(-1)! });
    }

    const nameWidth = Math.max(...measured.map((m) => m.name.length));
    const report = [
      `${'handler'.padEnd(nameWidth)}  ${'bundle'.padStart(9)}  ${'gzipped'.padStart(9)}  ${'init p50'.padStart(8)}  largest inputs`,
      ...measured.map(
        (m) =>
          `${m.name.padEnd(nameWidth)}  ${kb(m.bytes).padStart(9)}  ${kb(m.gzipBytes).padStart(9)}  ${`${m.initMs.toFixed(0)} ms`.padStart(8)}  ${m.largest.map(([o, b]) => `${o} ${kb(b)}`).join(', ')}`,
      ),
      '',
      `${measured.length} handlers; bundle ${kb(Math.min(...measured.map((m) => m.bytes)))}–${kb(Math.max(...measured.map((m) => m.bytes)))}; ` +
        `init p50 ${Math.min(...measured.map((m) => m.initMs)).toFixed(0)}–${Math.max(...measured.map((m) => m.initMs)).toFixed(0)} ms (median of ${runs} fresh processes each, Node ${process.version})`,
    ];
    return {
      report,
      results: {
        runtime: NODE_RUNTIME,
        initRuns: runs,
        handlers: measured.map(({ name, bytes, gzipBytes, initMs, initMaxMs, largest }) => ({
          name,
          bytes,
          gzipBytes,
          initMs: Math.round(initMs * 10) / 10,
          initMaxMs: Math.round(initMaxMs * 10) / 10,
          largestInputs: Object.fromEntries(largest),
        })),
      },
    };
  },
};
