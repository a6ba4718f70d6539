import * as z from 'zod';
import { INDICATOR_CODE, shippedIndicator } from '../indicators/catalogue.ts';
import { countInput } from './common.ts';

/** An output value in its indicator's unit: an exact whole number (any digit set). */
export const outputValue = countInput(1_000_000_000_000);

export const indicatorCode = z
  .string()
  .max(48)
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.string().max(48).regex(INDICATOR_CODE))
  .meta({ description: 'An indicator code of the catalogue (GET /indicators)' });

/** What a project delivers of one indicator: its target, its actual, or both. */
export const projectOutput = z
  .strictObject({ indicator: indicatorCode, target: outputValue.optional(), actual: outputValue.optional() })
  .superRefine((output, ctx) => {
    if (output.target === undefined && output.actual === undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], params: { key: 'outputNeedsValue' }, input: output });
    }
    // The fixed counters are read from their fields (jobsCreated…): an actual here would count twice.
    const field = shippedIndicator(output.indicator)?.field;
    if (field && output.actual !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['actual'], params: { key: 'indicatorFromField', field }, input: output.actual });
    }
  });
export type ProjectOutput = z.output<typeof projectOutput>;

/** Each indicator at most once. */
function uniqueIndicators<T extends { indicator: string }>(outputs: T[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  outputs.forEach((output, i) => {
    if (seen.has(output.indicator)) ctx.addIssue({ code: 'custom', path: [i, 'indicator'], params: { key: 'duplicateIndicator' }, input: output.indicator });
    seen.add(output.indicator);
  });
}

export const projectOutputs = z.array(projectOutput).max(40).superRefine(uniqueIndicators);

/** A progress report's outputs: new actuals, by indicator. */
export const reportedOutputs = z
  .array(
    z.strictObject({ indicator: indicatorCode, actual: outputValue }).superRefine((output, ctx) => {
      const field = shippedIndicator(output.indicator)?.field;
      if (field) ctx.addIssue({ code: 'custom', path: ['actual'], params: { key: 'indicatorFromField', field }, input: output.actual });
    }),
  )
  .min(1)
  .max(40)
  .superRefine(uniqueIndicators);

/** A report's actuals merged into a project's outputs: targets stay, actuals are replaced, new indicators are added. */
export function mergeReportedOutputs(
  outputs: readonly ProjectOutput[] | undefined,
  reported: readonly { indicator: string; actual: number }[],
): ProjectOutput[] {
  const merged = new Map((outputs ?? []).map((o) => [o.indicator, { ...o }]));
  for (const { indicator, actual } of reported) merged.set(indicator, { ...merged.get(indicator), indicator, actual });
  return [...merged.values()];
}
