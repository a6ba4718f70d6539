import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { refreshAggregates, type Store } from '@abad/core';
import { DEMO_SEED, anchorOf, demoDataSet } from './dataset.ts';
import { waitForFigures } from './figures.ts';
import { writeBackdatedHistory } from './history.ts';
import { writeDataSet, type WriteCounts } from './write.ts';

/**
 * Loads the demo data set into a running stack whose table is empty: writes it, waits until the
 * stream poller has aggregated all of it, runs the refresh once (the national rollup and today's
 * history) and writes the past year's history. A table that holds anything is left alone, except
 * when `demo.json` in the data folder says a load of the demo began and did not finish: that load
 * is taken up again with the same anchor day, and what it had written is answered as replays.
 */
export interface DemoLoadOptions {
  store: Store;
  /** The running API, for `GET /provinces`. */
  url: string;
  /** The demo's data folder, where `demo.json` is kept. */
  dataDir: string;
  log?: (line: string) => void;
  /** Writes in flight at once. */
  concurrency?: number;
}

export interface DemoLoad {
  outcome: 'loaded' | 'resumed' | 'skipped';
  anchor?: string;
  counts?: WriteCounts;
  historyDays?: number;
  /** Milliseconds: writing, waiting for the figures, refresh and history, in all. */
  timings?: { write: number; figures: number; history: number; total: number };
}

/** `<dataDir>/demo.json`: which day the demo counts back from and whether its load finished. */
export interface DemoMarker {
  anchor: string;
  seed: number;
  complete: boolean;
  loadedAt?: string;
  counts?: WriteCounts;
}

export const DEMO_MARKER_FILE = 'demo.json';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function readDemoMarker(dataDir: string): DemoMarker | undefined {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, DEMO_MARKER_FILE), 'utf8')) as Partial<DemoMarker>;
    return typeof value.anchor === 'string' && typeof value.seed === 'number' ? ({ ...value, complete: value.complete === true } as DemoMarker) : undefined;
  } catch {
    return undefined;
  }
}

function writeDemoMarker(dataDir: string, marker: DemoMarker): void {
  writeFileSync(join(dataDir, DEMO_MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

/** True when the table holds no item at all. */
export async function tableIsEmpty(store: Store): Promise<boolean> {
  const page = await store.doc.send(new ScanCommand({ TableName: store.tableName, Limit: 1, ProjectionExpression: 'pk' }));
  return !page.Items?.length && !page.LastEvaluatedKey;
}

export async function loadDemo({ store, url, dataDir, log = () => {}, concurrency = 6 }: DemoLoadOptions): Promise<DemoLoad> {
  const marker = readDemoMarker(dataDir);
  const empty = await tableIsEmpty(store);
  const resuming = !empty && marker !== undefined && !marker.complete;
  if (!empty && !resuming) return { outcome: 'skipped', ...(marker ? { anchor: marker.anchor } : {}) };

  const started = Date.now();
  const anchor = resuming ? marker.anchor : anchorOf(store.now());
  const seed = resuming ? marker.seed : DEMO_SEED;
  writeDemoMarker(dataDir, { anchor, seed, complete: false });
  log(
    resuming
      ? `Taking up the demo load that did not finish (dates counted back from ${anchor})…`
      : `Loading the demo data set (dates counted back from ${anchor})…`,
  );
  const data = demoDataSet(anchor, seed);
  const counts = await writeDataSet(store, data, { concurrency, log });
  const written = Date.now();

  log(`  written (${seconds(written - started)}); waiting for the stream poller to aggregate it all…`);
  await waitForFigures(store, url, data);
  const aggregated = Date.now();

  await refreshAggregates(store, { quietMs: 900_000 });
  const refreshed = Date.now();
  const history = await writeBackdatedHistory(store, anchorOf(store.now()));
  const done = Date.now();
  log(
    `  refresh run (${seconds(refreshed - aggregated)}); history of ${history.days.length} past days (${history.days[0]} to ${history.days.at(-1)}) written (${seconds(done - refreshed)})`,
  );
  writeDemoMarker(dataDir, { anchor, seed, complete: true, loadedAt: new Date(done).toISOString(), counts });
  return {
    outcome: resuming ? 'resumed' : 'loaded',
    anchor,
    counts,
    historyDays: history.days.length + 1,
    timings: { write: written - started, figures: aggregated - written, history: done - aggregated, total: done - started },
  };
}
