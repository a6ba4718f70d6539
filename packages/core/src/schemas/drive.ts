import * as z from 'zod';
import { provinceCodeSchema } from '../places/provinces.ts';
import { isoDate, persianText, nonEmptyPatch } from './common.ts';
import { partnerRefs } from './partner.ts';
import type { RuleViolation } from './project.ts';

/** A charity campaign (e.g. one phase of a relief drive); donations and distributions belong to one. */
const driveShape = {
  name: persianText(200),
  /** Absent for a national drive. */
  province: provinceCodeSchema.optional(),
  phase: persianText(100).optional(),
  startDate: isoDate,
  endDate: isoDate.optional(),
  /** The partners running or funding the drive (absent: none); each must be registered. */
  partners: partnerRefs.optional(),
};

/** The end of a drive is not before its start (checked on create and after a patch is merged). */
export function driveRuleViolations(drive: { startDate?: string | undefined; endDate?: string | undefined }): RuleViolation[] {
  return drive.startDate && drive.endDate && drive.endDate < drive.startDate ? [{ field: 'endDate', rule: 'endBeforeStart' }] : [];
}

export const driveInput = z.strictObject(driveShape).superRefine((drive, ctx) => {
  for (const v of driveRuleViolations(drive)) ctx.addIssue({ code: 'custom', path: [v.field], params: { key: v.rule }, input: undefined });
});
export type DriveInput = z.input<typeof driveInput>;
export type DriveFields = z.output<typeof driveInput>;

export const drivePatch = nonEmptyPatch(z.strictObject(driveShape));
export type DrivePatch = z.output<typeof drivePatch>;
