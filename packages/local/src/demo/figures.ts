import { PLACE_CODES, difference, isZero, recount, type Store } from '@abad/core';
import type { DemoDataSet } from './dataset.ts';

/**
 * Waiting for the figures: the stream poller feeds the aggregator in the background, so the
 * figures follow the writes by a second or so. The demo is ready when `GET /provinces` counts
 * what was written in every place, and a recount of every scope finds nothing the aggregates
 * have not applied yet (a report changes a project after its count is right).
 */
export interface PlaceCounts {
  projects: number;
  donations: number;
  distributions: number;
}

/** What each place (31 provinces and `IR`) should count once everything is aggregated. */
export function expectedCounts(data: DemoDataSet): Map<string, PlaceCounts> {
  const counts = new Map<string, PlaceCounts>(PLACE_CODES.map((code) => [code, { projects: 0, donations: 0, distributions: 0 }]));
  const voided = new Set(data.voids.map((v) => v.body.donation));
  for (const p of data.projects) if (p.ending !== 'cancelled') counts.get(String(p.body.province))!.projects++;
  for (const d of data.donations) if (!voided.has(d.id)) counts.get(String(d.body.province))!.donations++;
  for (const d of data.distributions) counts.get(String(d.body.province))!.distributions++;
  return counts;
}

interface ProvincesBody {
  provinces: { province: { code: string }; projects: { total: number }; donations: { count: number }; distributions: { count: number } }[];
  country: ProvincesBody['provinces'][number];
}

/** The places whose `GET /provinces` counts differ from `expected` (empty: all match). */
export async function countMismatches(url: string, expected: Map<string, PlaceCounts>): Promise<string[]> {
  const response = await fetch(`${url}/provinces`);
  if (!response.ok) throw new Error(`GET /provinces answered ${response.status}`);
  const body = (await response.json()) as ProvincesBody;
  const mismatches: string[] = [];
  for (const place of [...body.provinces, body.country]) {
    const want = expected.get(place.province.code);
    const got = { projects: place.projects.total, donations: place.donations.count, distributions: place.distributions.count };
    if (want && (want.projects !== got.projects || want.donations !== got.donations || want.distributions !== got.distributions)) {
      mismatches.push(`${place.province.code}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  }
  return mismatches;
}

/** Scopes whose stored aggregate differs from a recount of the items. */
async function scopesBehind(store: Store): Promise<string[]> {
  const counted = await recount(store);
  const behind: string[] = [];
  for (const scope of new Set([...counted.expected.keys(), ...counted.stored.keys()])) {
    const stored = counted.stored.get(scope)?.counters ?? new Map<string, bigint>();
    if (!isZero(difference(counted.expected.get(scope) ?? new Map(), stored))) behind.push(scope);
  }
  return behind;
}

export async function waitForFigures(store: Store, url: string, data: DemoDataSet, { timeoutMs = 180_000 }: { timeoutMs?: number } = {}): Promise<void> {
  const expected = expectedCounts(data);
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await countMismatches(url, expected);
    if (!last.length) {
      last = (await scopesBehind(store)).map((scope) => `${scope} differs from a recount`);
      if (!last.length) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the figures did not catch up with the demo data within ${timeoutMs / 1000} s: ${last.slice(0, 5).join('; ')}`);
}
