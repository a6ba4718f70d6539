import * as z from 'zod';
import { driveFiguresSchema } from '../aggregation/figure-schemas.ts';
import { entityId, entityMeta } from './common.ts';
import { distributionInput } from './distribution.ts';
import { donationInput, donorInput } from './donation.ts';
import { driveInput } from './drive.ts';
import { named } from './named.ts';
import { progressReportInput } from './progress.ts';
import { projectFields } from './project.ts';

/**
 * What the store hands back, as schemas: each entity is its input fields in their output form
 * (normalized text, numbers, `bigint` toman, UTC moments) plus the fields every stored entity
 * carries. Objects are strict: a stored attribute that is not part of the entity (a key, a
 * request hash) must never reach a reader. They describe output (`z.output`, JSON Schema with
 * `io: 'output'`); they do not parse a stored value, whose fields' schemas start from their input.
 */

/** A list page: at most `MAX_PAGE_SIZE` items; `cursor` is present when more may follow. */
export const MAX_PAGE_SIZE = 100;
/** Signed, opaque (store/cursor.ts): `<base64url payload>.<base64url signature>`. */
export const cursorSchema = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
  .describe('Opaque: pass it back as `cursor` for the next page');

function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item).max(MAX_PAGE_SIZE), cursor: cursorSchema.optional() });
}

export const projectSchema = named(
  'Project',
  z.strictObject({
    ...projectFields.shape,
    ...entityMeta.shape,
    /** When the latest progress report was observed (absent before the first). */
    progressReportedAt: z.iso.datetime().optional(),
  }),
);
export const projectPageSchema = named('ProjectPage', pageOf(projectSchema));

export const progressReportSchema = named(
  'ProgressReport',
  z.strictObject({
    ...progressReportInput.shape,
    id: entityId,
    projectId: entityId,
    reportedAt: z.iso.datetime(),
    createdAt: entityMeta.shape.createdAt,
    createdBy: entityMeta.shape.createdBy,
    /** The project's progress before this report. */
    previousPercent: progressReportInput.shape.progressPercent,
  }),
);
export const progressReportPageSchema = named('ProgressReportPage', pageOf(progressReportSchema));
/** A report and the project as it stands after it. */
export const progressReportedSchema = named('ProgressReported', z.strictObject({ report: progressReportSchema, project: projectSchema }));

export const driveSchema = named('Drive', z.strictObject({ ...driveInput.shape, ...entityMeta.shape }));
export const drivePageSchema = named('DrivePage', pageOf(driveSchema));
export const driveWithFiguresSchema = named('DriveWithFigures', driveSchema.extend({ figures: driveFiguresSchema }));

/** The donor as a reader sees them: the phone only for admins, an anonymous donor's name likewise. */
const donorView = z.strictObject({
  ...donorInput.shape,
  name: donorInput.shape.name.describe('Absent for an anonymous donor unless the reader is an admin'),
  phone: donorInput.shape.phone.describe('Only for admins'),
});

export const donationSchema = named('Donation', z.strictObject({ ...donationInput.shape, donor: donorView.optional(), ...entityMeta.shape }));
export const donationPageSchema = named('DonationPage', pageOf(donationSchema));

export const distributionSchema = named('Distribution', z.strictObject({ ...distributionInput.shape, ...entityMeta.shape }));
export const distributionPageSchema = named('DistributionPage', pageOf(distributionSchema));
