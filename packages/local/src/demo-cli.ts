import { join, relative, resolve } from 'node:path';
import { createDocumentClient, type Store } from '@abad/core';
import { localDynamoDbClientConfig } from './client-config.ts';
import { loadDemo, type DemoLoad } from './demo/load.ts';
import { REPO_ROOT } from './paths.ts';
import { runningStack } from './runtime-file.ts';

/**
 * `npm run demo`: Abad exactly as `npm start` runs it (this imports start.ts: the same stack,
 * settings, banner and Ctrl-C), on a data folder of its own — `ABAD_DEMO_DIR`, by default
 * `<repo>/.abad-demo`, never `ABAD_DATA_DIR`'s, so demo records never mix with real ones — and,
 * when its table is empty, with the demo data set loaded (packages/local/src/demo/).
 */
const demoDir = process.env.ABAD_DEMO_DIR ? resolve(process.env.ABAD_DEMO_DIR) : join(REPO_ROOT, '.abad-demo');
process.env.ABAD_DATA_DIR = demoDir;

await import('./start.ts'); // exits by itself when the stack cannot start

const runtime = runningStack(demoDir);
if (!runtime) throw new Error(`the stack started but ${join(demoDir, 'runtime.json')} does not say where it listens`);
const { url } = runtime;
const store: Store = {
  doc: createDocumentClient(localDynamoDbClientConfig(runtime.dynamoDbEndpoint)),
  tableName: runtime.tableName,
  cursorSecret: process.env.CURSOR_SECRET ?? '',
  now: () => new Date(),
};

// Ctrl-C during the load: start.ts stops the stack, the writes in flight fail, and the next run takes the load up again.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (interrupted = true));

let load: DemoLoad;
try {
  load = await loadDemo({ store, url, dataDir: demoDir, log: (line) => console.log(line) });
} catch (error) {
  if (interrupted) {
    console.error('The demo load was interrupted; `npm run demo` takes it up again where it stopped.');
    await new Promise(() => {}); // start.ts is stopping the stack and exits
  }
  console.error(`\nThe demo data could not be loaded: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error('Run `npm run demo` again to finish the load (what was written is kept), or delete the demo folder to start afresh.');
  // start.ts stops everything on SIGTERM and exits 0; this run failed.
  process.once('exit', () => {
    process.exitCode = 1;
  });
  process.kill(process.pid, 'SIGTERM');
  await new Promise(() => {});
  throw error;
}

const shown = relative(process.cwd(), demoDir) || '.';
const folder = shown.startsWith('..') ? demoDir : shown;
const port = new URL(url).port;
const env = `ABAD_DATA_DIR=${folder}${port === '3000' ? '' : ` PORT=${port}`}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const c = load.counts;
console.log(
  [
    '',
    load.outcome === 'skipped'
      ? `Demo data: ${folder} already holds data${load.anchor ? ` (the demo set, dates counted back from ${load.anchor})` : ''}; nothing loaded.`
      : `Demo data ${load.outcome === 'resumed' ? 'completed' : 'loaded'} in ${seconds(load.timings!.total)} (writes ${seconds(load.timings!.write)}, aggregation ${seconds(load.timings!.figures)}, refresh and history ${seconds(load.timings!.history)}):`,
    ...(c
      ? [
          `  ${c.projects} projects with ${c.progressReports} progress reports, ${c.plans} plans, ${c.partners} partners, ${c.drives} drives,`,
          `  ${c.donations} donations (${c.voided} voided), ${c.distributions} distributions, ${load.historyDays} days of history`,
        ]
      : []),
    '',
    `Demo ready: ${url}/`,
    `  Dashboard       ${url}/`,
    `  Hamadan         ${url}/#/province/IR-13`,
    `  Khuzestan       ${url}/#/province/IR-06`,
    `  Whole country   ${url}/#/province/IR`,
    `  Sign in         ${url}/#/sign-in   (forms: donations, projects, progress, plans…)`,
    `  API             ${url}/drives, ${url}/programmes, ${url}/provinces/IR-11/history`,
    '',
    'A token for this demo (its own issuer key, in the demo folder):',
    `  ${env} npm run -s token -- --role admin --provinces '*'`,
    `  TOKEN=$(${env} npm run -s token -- --role admin --provinces '*') && curl -H "Authorization: Bearer $TOKEN" "${url}/donations?province=IR-13"`,
    '',
    `The demo keeps its data in ${folder} (ABAD_DEMO_DIR); delete that folder to load the demo afresh. Ctrl-C stops everything.`,
    '',
  ].join('\n'),
);
