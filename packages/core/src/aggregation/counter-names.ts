import type { Counters } from './counters.ts';

/**
 * Counter names that are built, not fixed (aggregate-item.ts stores each counter as a flat
 * attribute, so one ADD updates it without a map path; only the counters a batch touches are
 * written):
 * - outputs and plans: a project's target and actual of an indicator, a plan's target;
 * - a place's breakdown (scopes.breakdown): `programme:<key>|<counter>` and
 *   `partner:<id>|<counter>`, the counters of the place's records by programme and by partner.
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

export type BreakdownDimension = 'programme' | 'partner';

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

/** The counters of a place's breakdown for one programme or partner: each counter under `<dimension>:<id>|`. */
export function breakdownCounters(dimension: BreakdownDimension, id: string, counters: Counters): Counters {
  const keep = dimension === 'partner' ? (name: string) => PARTNER_COUNTERS.has(name) : () => true;
  return new Map([...counters].filter(([name]) => keep(name)).map(([name, value]) => [`${dimension}:${id}|${name}`, value]));
}

/** A breakdown's counters, by programme key or partner id. */
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
