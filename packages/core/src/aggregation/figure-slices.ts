import type { ProjectCategory } from '../schemas/project.ts';
import { addInto, type Counters } from './counters.ts';
import { figuresFrom, type Figures } from './figures.ts';

/**
 * Slices of the province figures (`GET /provinces?…`, `GET /provinces/{code}?…`): the pure
 * part — what a slice is, which counters are flows and which are states, and how a period's
 * figures come out of two snapshots. The reads are read-slices.ts.
 *
 * - a **period** (`from`, `to`, ISO days; either may be absent): flows are the counters at the
 *   end of `to` minus those at the end of the day before `from` (daily history snapshots, or the
 *   live aggregate when `to` is today or later); states are as of the end;
 * - a **programme**, a **category** (a place's breakdown: `programme:<key>|…`, `category:<c>|…`)
 *   or a **drive** (the drive's aggregate, `place:<code>|…`): the live counters of that part.
 *
 * A period does not combine with the others (snapshots are kept per province, not per
 * breakdown), nor do the others with each other (a breakdown is by one dimension at a time).
 */
export interface SliceRequest {
  from?: string | undefined;
  to?: string | undefined;
  programme?: string | undefined;
  drive?: string | undefined;
  category?: ProjectCategory | undefined;
}

export type SliceKind = 'live' | 'period' | 'programme' | 'drive' | 'category';

/** The one-dimension slices, in the order a 422 names the second of two. */
export const SLICE_DIMENSIONS = ['programme', 'drive', 'category'] as const;

/** Parts of a province answer a slice cannot fill (left empty and named in `slice.without`). */
export const SLICE_OMISSIONS = ['counties', 'programmes', 'outputs'] as const;
export type SliceOmission = (typeof SLICE_OMISSIONS)[number];

/** What a request slices by; a combination the query schema lets through is never two kinds. */
export function sliceKindOf(slice: SliceRequest): SliceKind {
  if (slice.from !== undefined || slice.to !== undefined) return 'period';
  for (const dimension of SLICE_DIMENSIONS) if (slice[dimension] !== undefined) return dimension;
  return 'live';
}

/**
 * The combinations a request may not ask for, each as the parameter to name and why: a second
 * dimension (`category` beside `programme`), or a dimension beside a period.
 */
export interface UnsupportedSliceParameter {
  parameter: (typeof SLICE_DIMENSIONS)[number];
  rule: 'sliceOneDimension' | 'slicePeriod';
}

export function unsupportedSliceParameters(slice: SliceRequest): UnsupportedSliceParameter[] {
  const period = slice.from !== undefined || slice.to !== undefined;
  const named = SLICE_DIMENSIONS.filter((d) => slice[d] !== undefined);
  return named.flatMap((parameter, i): UnsupportedSliceParameter[] => {
    if (period) return [{ parameter, rule: 'slicePeriod' }];
    return i > 0 ? [{ parameter, rule: 'sliceOneDimension' }] : [];
  });
}

/**
 * State counters: what a period shows as of its end, not as a difference — projects by status,
 * near completion, the progress summed for the average, the outputs' targets and the plans'.
 * Everything else is a flow (counts of records, money, jobs, housing units, households,
 * packages, villages, outputs' actuals, …): a counter added later is a flow unless listed here.
 */
export function isStateCounter(name: string): boolean {
  return (
    name.startsWith('status:') ||
    name === 'nearCompletion' ||
    name === 'progressHundredths' ||
    name.startsWith('plan:') ||
    (name.startsWith('out:') && name.endsWith(':target'))
  );
}

/** The counters of a period: flows as `end − start`, states as at `end`. */
export function periodCounters(start: Counters, end: Counters): Counters {
  const flows = (counters: Counters) => new Map([...counters].filter(([name]) => !isStateCounter(name)));
  const states = new Map([...end].filter(([name]) => isStateCounter(name)));
  return addInto(addInto(states, flows(end)), flows(start), -1n);
}

/**
 * A period's figures: flows are net changes (a correction or void of an earlier record may
 * make one negative); states as of the end, the average progress that of the projects at the
 * end (not the period's net count).
 */
export function periodFigures(start: Counters, end: Counters): Figures {
  const figures = figuresFrom(periodCounters(start, end));
  figures.projects.averageProgressPercent = figuresFrom(end).projects.averageProgressPercent;
  return figures;
}

/**
 * A category's figures from its breakdown counters (counter-names.ts `isCategoryCounter`): every
 * project counts in its own category, and outputs are not kept by category (an empty `outputs`,
 * named in `slice.without`), not even those read from a project field (jobs…), which would show
 * an actual without its target.
 */
export function categoryFigures(category: ProjectCategory, counters: Counters): Figures {
  const withCategory = new Map(counters);
  const projects = counters.get('projects') ?? 0n;
  if (projects !== 0n) withCategory.set(`category:${category}`, projects);
  return { ...figuresFrom(withCategory), outputs: {} };
}

/** The counters of one id of a breakdown-like item: `<dimension>:<id>|<counter>` → `<counter>`. */
export function partOf(counters: Counters, dimension: string, id: string): Counters {
  const prefix = `${dimension}:${id}|`;
  const part: Counters = new Map();
  for (const [name, value] of counters) if (name.startsWith(prefix)) part.set(name.slice(prefix.length), value);
  return part;
}

/** `2025-03-21` → `2025-03-20`. */
export function dayBefore(isoDay: string): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The days whose snapshots a period reads: the day before `from` (its end is the period's
 * start), and `to` — unless `to` is absent or not before `today` (the UTC day whose snapshot the
 * refresh has not taken yet): then the period ends at the live figures.
 */
export function periodDays(slice: Pick<SliceRequest, 'from' | 'to'>, today: string): { startDay?: string; endDay?: string } {
  return {
    ...(slice.from !== undefined ? { startDay: dayBefore(slice.from) } : {}),
    ...(slice.to !== undefined && slice.to < today ? { endDay: slice.to } : {}),
  };
}

/** Figures of a place in a slice, from the counters read (`start` only for a period). */
export function sliceFigures(kind: SliceKind, slice: SliceRequest, end: Counters, start?: Counters): Figures {
  if (kind === 'period') return periodFigures(start ?? new Map(), end);
  if (kind === 'category') return categoryFigures(slice.category!, end);
  return figuresFrom(end);
}

/** The sum of several places' counters (the national figure of a slice is that of the sums). */
export function sumCounters(all: Iterable<Counters>): Counters {
  const sum: Counters = new Map();
  for (const counters of all) addInto(sum, counters);
  return sum;
}
