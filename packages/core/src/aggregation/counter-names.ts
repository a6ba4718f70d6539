import type { Counters } from './counters.ts';

/**
 * Counter names that are built, not fixed (aggregate-item.ts stores each counter as a flat
 * attribute, so one ADD updates it without a map path; only the counters a batch touches are
 * written):
 * - outputs and plans: a project's target and actual of an indicator, a plan's target;
 * - a place's breakdown (scopes.breakdown): `programme:<key>|<counter>`, `partner:<id>|<counter>`
 *   and `category:<category>|<counter>`, the counters of the place's records by programme, by
 *   partner and by project category;
 * - a drive's aggregate (scopes.drive): `place:<code>|<counter>`, what its donations and
 *   distributions count in each place (the drive's item is written by each of them anyway, so
 *   this costs no write of its own).
 */
export type OutputMeasure = 'target' | 'actual';

export const outputCounter = (indicator: string, measure: OutputMeasure) => `out:${indicator}:${measure}`;
export const planCounter = (indicator: string) => `plan:${indicator}`;

/** `out:<code>:<measure>` or `plan:<code>` → its parts. */
export function parseIndicatorCounter(counter: string): { indicator: string; measure: OutputMeasure | 'planned' } | undefined {
  const [kind, indicator, measure] = counter.split(':');
  if (kind === 'out' && indicator && (measure === 'target' || measure === 'actual')) return { indicator, measure };
  if (kind === 'plan' && indicator && measure === undefined) return { indicator, measure: 'planned' };
  return undefined;
}

export function isIndicatorCounter(counter: string, indicator: string): boolean {
  return parseIndicatorCounter(counter)?.indicator === indicator;
}

/** `programme`, `partner` and `category` in a place's breakdown; `place` in a drive's aggregate. */
export type BreakdownDimension = 'programme' | 'partner' | 'category' | 'place';

/**
 * What a partner's breakdown keeps of a record: the counts and amounts of "who does what
 * where" (OCHA's 3W), not every counter of the place — a record may name up to 20 partners,
 * and its breakdown update must stay within DynamoDB's 4 KB expression.
 */
export const PARTNER_COUNTERS: ReadonlySet<string> = new Set([
  'projects',
  'budgetToman',
  'loansToman',
  'jobsCreated',
  'housingUnits',
  'beneficiaryHouseholds',
  'distributions',
  'packages',
  'households',
  'distributedToman',
]);

/**
 * What a category's breakdown keeps of a project: every counter but its outputs (and its
 * category, which is the breakdown's own). The heaviest record — 40 outputs, 20 partners —
 * names about 210 counters in its place's breakdown by programme and partner; the category's
 * 11 keep it under the 250 one update may carry (aggregate-update.ts), its 80 outputs would not.
 */
export function isCategoryCounter(name: string): boolean {
  return !name.startsWith('out:') && !name.startsWith('plan:') && !name.startsWith('category:');
}

const KEEP: Record<BreakdownDimension, (name: string) => boolean> = {
  programme: () => true,
  partner: (name) => PARTNER_COUNTERS.has(name),
  category: isCategoryCounter,
  place: () => true,
};

/** The counters of a breakdown for one programme, partner, category or place: each counter under `<dimension>:<id>|`. */
export function breakdownCounters(dimension: BreakdownDimension, id: string, counters: Counters): Counters {
  const keep = KEEP[dimension];
  return new Map([...counters].filter(([name]) => keep(name)).map(([name, value]) => [`${dimension}:${id}|${name}`, value]));
}

/** A breakdown's counters, by programme key, partner id, category or place code. */
export function splitBreakdown(counters: Counters, dimension: BreakdownDimension): Map<string, Counters> {
  const byId = new Map<string, Counters>();
  const prefix = `${dimension}:`;
  for (const [name, value] of counters) {
    if (!name.startsWith(prefix)) continue;
    const bar = name.indexOf('|');
    if (bar < 0) continue;
    const id = name.slice(prefix.length, bar);
    const into = byId.get(id) ?? new Map<string, bigint>();
    into.set(name.slice(bar + 1), value);
    byId.set(id, into);
  }
  return byId;
}
