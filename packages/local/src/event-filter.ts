/**
 * Lambda event filtering, for the part of its pattern syntax the event source mapping uses:
 * nested objects, and at each leaf a list of exact values the field must equal. The poller
 * applies the very pattern the stack gives AWS (STREAM_FILTER_PATTERN), so what a laptop
 * delivers to the aggregator is what Lambda would. Any other rule (prefix, numeric,
 * exists…) is refused when the filter is built rather than matched wrongly.
 */
export type FilterPattern = { readonly [field: string]: FilterPattern | readonly Exact[] };
type Exact = string | number | boolean | null;

export function eventFilter(pattern: FilterPattern): (event: unknown) => boolean {
  check(pattern, '');
  return (event) => matches(pattern, event);
}

function matches(pattern: FilterPattern, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return Object.entries(pattern).every(([name, rule]) => {
    const field = fields[name];
    if (!Array.isArray(rule)) return matches(rule as FilterPattern, field);
    // Lambda matches a list-valued field when any of its elements matches.
    const candidates: unknown[] = Array.isArray(field) ? field : [field];
    return candidates.some((candidate) => rule.some((allowed) => allowed === candidate));
  });
}

function check(pattern: FilterPattern, path: string): void {
  for (const [name, rule] of Object.entries(pattern)) {
    const where = `${path}${name}`;
    if (Array.isArray(rule)) {
      const unsupported = rule.find((value) => typeof value === 'object' && value !== null);
      if (unsupported !== undefined) throw new Error(`event filter rule at ${where} is not supported locally: ${JSON.stringify(unsupported)}`);
    } else if (typeof rule === 'object' && rule !== null) {
      check(rule as FilterPattern, `${where}.`);
    } else {
      throw new Error(`event filter at ${where} must be an object or a list of values`);
    }
  }
}
