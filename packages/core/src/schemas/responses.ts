import * as z from 'zod';
import { driveFiguresSchema, partnerPlaceFiguresSchema } from '../aggregation/figure-schemas.ts';
import { countyCodeSchema, entityId, entityMeta } from './common.ts';
import { withJalali } from './jalali-twins.ts';
import { distributionInput } from './distribution.ts';
import { donationInput, donorInput } from './donation.ts';
import { driveInput } from './drive.ts';
import { INDICATOR_CODE, INDICATOR_FIELDS, UNIT_CODES } from '../indicators/catalogue.ts';
import { PLACE_CODES } from '../places/provinces.ts';
import { named } from './named.ts';
import { planInput } from './plan.ts';
import { partnerInput } from './partner.ts';
import { progressReportInput } from './progress.ts';
import { projectFields } from './project.ts';
import { voidMarks } from './voiding.ts';

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
  z.strictObject(
    withJalali({
      ...projectFields.shape,
      ...entityMeta.shape,
      /** The catalogue code of the county (places/counties.ts); absent for the whole province. */
      countyCode: countyCodeSchema.optional(),
      /** When the latest progress report was observed (absent before the first). */
      progressReportedAt: z.iso.datetime().optional(),
    }),
  ),
);
export const projectPageSchema = named('ProjectPage', pageOf(projectSchema));

export const progressReportSchema = named(
  'ProgressReport',
  z.strictObject(
    withJalali({
      ...progressReportInput.shape,
      id: entityId,
      projectId: entityId,
      reportedAt: z.iso.datetime(),
      createdAt: entityMeta.shape.createdAt,
      createdBy: entityMeta.shape.createdBy,
      /** The project's progress before this report. */
      previousPercent: progressReportInput.shape.progressPercent,
    }),
  ),
);
export const progressReportPageSchema = named('ProgressReportPage', pageOf(progressReportSchema));
/** A report and the project as it stands after it. */
export const progressReportedSchema = named('ProgressReported', z.strictObject({ report: progressReportSchema, project: projectSchema }));

export const driveSchema = named('Drive', z.strictObject(withJalali({ ...driveInput.shape, ...entityMeta.shape })));
export const drivePageSchema = named('DrivePage', pageOf(driveSchema));
export const driveWithFiguresSchema = named('DriveWithFigures', driveSchema.extend({ figures: driveFiguresSchema }));

/** A partner of the register ("who does what where"). */
export const partnerSchema = named('Partner', z.strictObject(withJalali({ ...partnerInput.shape, ...entityMeta.shape })));
export const partnerPageSchema = named('PartnerPage', pageOf(partnerSchema));
/** A partner with its figures in each place it works in ("who does what where"). */
export const partnerWithFiguresSchema = named(
  'PartnerWithFigures',
  partnerSchema.extend({ provinces: z.array(partnerPlaceFiguresSchema).max(PLACE_CODES.length) }),
);

/** The donor as a reader sees them: the phone only for admins, an anonymous donor's name likewise. */
const donorView = z.strictObject({
  ...donorInput.shape,
  name: donorInput.shape.name.describe('Absent for an anonymous donor unless the reader is an admin'),
  phone: donorInput.shape.phone.describe('Only for admins'),
});

export const donationSchema = named(
  'Donation',
  z.strictObject(
    withJalali({ ...donationInput.shape, countyCode: countyCodeSchema.optional(), donor: donorView.optional(), ...entityMeta.shape, ...voidMarks }),
  ),
);
export const donationPageSchema = named('DonationPage', pageOf(donationSchema));

export const distributionSchema = named(
  'Distribution',
  z.strictObject(withJalali({ ...distributionInput.shape, countyCode: countyCodeSchema.optional(), ...entityMeta.shape, ...voidMarks })),
);
export const distributionPageSchema = named('DistributionPage', pageOf(distributionSchema));

/** An indicator of the catalogue (indicators/catalogue.ts); those admins added carry their version. */
export const indicatorSchema = named(
  'Indicator',
  z.strictObject(
    withJalali({
      code: z.string().max(48).regex(INDICATOR_CODE),
      fa: z.string().max(100),
      en: z.string().max(100),
      unit: z.enum(UNIT_CODES),
      unitLabel: z.strictObject({ fa: z.string().max(40), en: z.string().max(40) }).describe("The unit's name, as a reader sees it: «متر مربع»"),
      additive: z.boolean().describe('Whether values add up across projects and places'),
      field: z.enum(INDICATOR_FIELDS).optional().describe('The project field its actual is read from (a fixed counter)'),
      builtIn: z.boolean().describe('Shipped with Abad (false: added by an admin)'),
      ...entityMeta.omit({ id: true }).partial().shape,
    }),
  ),
);
export const indicatorListSchema = named('IndicatorList', z.strictObject({ items: z.array(indicatorSchema).max(1000) }));

export const planSchema = named('Plan', z.strictObject(withJalali({ ...planInput.shape, ...entityMeta.shape })));
export const planPageSchema = named('PlanPage', pageOf(planSchema));
