import * as z from 'zod';
import { placeCodeSchema } from '../places/provinces.ts';
import { isoDate, persianNote, persianText, nonEmptyPatch } from './common.ts';
import { indicatorCode, outputValue } from './output.ts';
import type { RuleViolation } from './project.ts';

/**
 * A programme's target for a province (or the whole country, `IR`) and a period, set before
 * any project exists: «سهم استان همدان از طرح ۴۰ هزار پروژه‌ای: ۱٬۰۴۰ پروژه».
 */
const planShape = {
  programme: persianText(100),
  province: placeCodeSchema,
  indicator: indicatorCode,
  target: outputValue,
  from: isoDate,
  to: isoDate,
  note: persianNote(500).optional(),
};

export function planRuleViolations(plan: { from?: string | undefined; to?: string | undefined }): RuleViolation[] {
  return plan.from && plan.to && plan.to < plan.from ? [{ field: 'to', rule: 'endBeforeStart' }] : [];
}

export const planInput = z.strictObject(planShape).superRefine((plan, ctx) => {
  for (const v of planRuleViolations(plan)) ctx.addIssue({ code: 'custom', path: [v.field], params: { key: v.rule }, input: undefined });
});
export type PlanFields = z.output<typeof planInput>;

export const planPatch = nonEmptyPatch(z.strictObject(planShape));
export type PlanPatch = z.output<typeof planPatch>;
