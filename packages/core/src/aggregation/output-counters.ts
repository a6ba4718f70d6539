/**
 * Counter names of outputs and plans in an aggregate (aggregate-item.ts stores each as a flat
 * attribute, so one ADD updates it without a map path): a project's target and actual of an
 * indicator, and a plan's target. Only the counters a record touches are written.
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
