import { ScanCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import {
  addInto,
  contribution,
  mergeReportedOutputs,
  statusAfterProgress,
  writeHistorySnapshots,
  type Counters,
  type ProjectOutput,
  type ProjectStatus,
  type ScopedCounters,
  type Store,
} from '@abad/core';

/**
 * Past days of the history the trend chart reads. The refresh writes only today's snapshot, so
 * a data set loaded today would show one point; this recounts each past day from the records
 * themselves, as they stood at the end of that day (UTC), and writes it with the refresh's own
 * `writeHistorySnapshots`:
 * - a donation counts from its `receivedAt`, a distribution from its `distributedAt` (a voided
 *   one nowhere, as `contribution` has it);
 * - a project from its `startDate`, at first as it was registered (progress before its first
 *   report, no reported actuals), then as each progress report left it (the percentage, the
 *   status `statusAfterProgress` gives, the reported actuals), and after its latest report as it
 *   is stored now (a status set since, such as suspended, included).
 * Plans count in programme scopes only, which have no history. Each state's contribution is the
 * one the aggregator and the recount use (`contribution` in core).
 */
type Item = Record<string, NativeAttributeValue>;

/** From `from` (ms) on, until the next entry, a record contributes `counters` (its province scopes only). */
interface Entry {
  from: number;
  counters: ScopedCounters;
}

const DAY_MS = 86_400_000;
const TYPES = ['Project', 'ProgressReport', 'Donation', 'Distribution'];

async function scanRecords(store: Store, segments = 4): Promise<Item[]> {
  const items: Item[] = [];
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Item | undefined;
      do {
        const page = await store.doc.send(
          new ScanCommand({
            TableName: store.tableName,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: start,
            FilterExpression: `#type IN (${TYPES.map((_, i) => `:t${i}`).join(', ')})`,
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: Object.fromEntries(TYPES.map((t, i) => [`:t${i}`, t])),
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return items;
}

/** What a record adds to province scopes (`PROVINCE#…`): the only scopes with a history. */
function provinceContribution(image: Item): ScopedCounters {
  const scoped = contribution(image);
  for (const scope of scoped.keys()) if (!scope.startsWith('PROVINCE#')) scoped.delete(scope);
  return scoped;
}

const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A project's states over time, from its stored item and its progress reports. */
function projectTimeline(project: Item, reports: Item[]): Entry[] {
  const start = typeof project.startDate === 'string' ? dayStart(project.startDate) : Date.parse(String(project.createdAt));
  if (!reports.length) return [{ from: start, counters: provinceContribution(project) }];
  reports.sort((a, b) => String(a.reportedAt).localeCompare(String(b.reportedAt)));
  const reported = new Set(reports.flatMap((r) => ((r.outputs as { indicator: string }[] | undefined) ?? []).map((o) => o.indicator)));
  // As registered: the actuals that reports brought are not there yet.
  let outputs: ProjectOutput[] = ((project.outputs as ProjectOutput[] | undefined) ?? []).map((o) => {
    if (!reported.has(o.indicator)) return o;
    const { actual: _actual, ...rest } = o;
    return rest as ProjectOutput;
  });
  let percent = Number(reports[0]!.previousPercent ?? 0);
  let status: ProjectStatus = percent > 0 ? 'in_progress' : 'planned';
  const state = () => provinceContribution({ ...project, status, progressPercent: percent, outputs });
  const entries: Entry[] = [{ from: start, counters: state() }];
  reports.forEach((report, i) => {
    const from = Date.parse(String(report.reportedAt));
    if (i === reports.length - 1) {
      entries.push({ from, counters: provinceContribution(project) });
      return;
    }
    percent = Number(report.progressPercent);
    status = statusAfterProgress(status, percent);
    if (report.outputs) outputs = mergeReportedOutputs(outputs, report.outputs as { indicator: string; actual: number }[]);
    entries.push({ from, counters: state() });
  });
  return entries.sort((a, b) => a.from - b.from);
}

/** The counters of the province scopes at the end of `date`: each record's latest entry before then. */
function countedAt(timelines: Entry[][], end: number): Map<string, Counters> {
  const total: Map<string, Counters> = new Map();
  for (const timeline of timelines) {
    let current: Entry | undefined;
    for (const entry of timeline) if (entry.from < end) current = entry;
    if (!current) continue;
    for (const [scope, counters] of current.counters) total.set(scope, addInto(total.get(scope) ?? new Map(), counters));
  }
  return total;
}

export interface BackdatedHistory {
  /** The days written, oldest first. */
  days: string[];
  snapshots: number;
}

/**
 * Writes one snapshot day every `everyDays` days for `days` days before `today` (today itself is
 * the refresh's), `concurrency` days at a time.
 */
export async function writeBackdatedHistory(
  store: Store,
  today: string,
  { days = 364, everyDays = 7, concurrency = 8 }: { days?: number; everyDays?: number; concurrency?: number } = {},
): Promise<BackdatedHistory> {
  const items = await scanRecords(store);
  const reportsByProject = new Map<string, Item[]>();
  for (const item of items) {
    if (item.type !== 'ProgressReport') continue;
    const list = reportsByProject.get(String(item.projectId)) ?? [];
    list.push(item);
    reportsByProject.set(String(item.projectId), list);
  }
  const timelines: Entry[][] = [];
  for (const item of items) {
    if (item.type === 'Project') timelines.push(projectTimeline(item, reportsByProject.get(String(item.id)) ?? []));
    else if (item.type === 'Donation') timelines.push([{ from: Date.parse(String(item.receivedAt ?? item.createdAt)), counters: provinceContribution(item) }]);
    else if (item.type === 'Distribution')
      timelines.push([{ from: Date.parse(String(item.distributedAt ?? item.createdAt)), counters: provinceContribution(item) }]);
  }
  const todayStart = dayStart(today);
  const dates: string[] = [];
  for (let ago = Math.floor(days / everyDays) * everyDays; ago >= everyDays; ago -= everyDays) {
    dates.push(new Date(todayStart - ago * DAY_MS).toISOString().slice(0, 10));
  }
  const now = store.now();
  let snapshots = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < dates.length) {
        const date = dates[next++]!;
        const { written } = await writeHistorySnapshots(store, countedAt(timelines, dayStart(date) + DAY_MS), date, now);
        snapshots += written;
      }
    }),
  );
  return { days: dates, snapshots };
}
