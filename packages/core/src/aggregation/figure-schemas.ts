import * as z from 'zod';
import { tomanSum } from '../money/toman.ts';
import { PROVINCES, PROVINCE_CODES } from '../places/provinces.ts';
import { named } from '../schemas/named.ts';
import { PROJECT_CATEGORIES, PROJECT_STATUSES, projectFields } from '../schemas/project.ts';

/**
 * What figures.ts and read-figures.ts hand out, as schemas: the `Figures` of a scope and
 * the shapes the province, county, national and drive readers wrap them in. Counts are whole
 * numbers, money is a toman `bigint` (sent as a decimal string).
 */
const count = z.int().min(0);

/** `{ planned: 3, in_progress: 5, … }`: one count per value, every value present. */
function countsBy<const K extends string>(values: readonly K[]) {
  return z.strictObject(Object.fromEntries(values.map((value) => [value, count])) as Record<K, typeof count>);
}

export const projectFiguresSchema = named(
  'ProjectFigures',
  z.strictObject({
    total: count.describe('Every project that is not cancelled'),
    byStatus: countsBy(PROJECT_STATUSES),
    byCategory: countsBy(PROJECT_CATEGORIES),
    nearCompletion: count.describe('Past 70% and not finished'),
    averageProgressPercent: z.number().min(0).max(100).describe('Mean physical progress of the projects in `total`, one decimal'),
    budgetToman: tomanSum,
    loansToman: tomanSum,
    jobsCreated: count,
    housingUnits: count,
    beneficiaryHouseholds: count,
  }),
);

export const donationFiguresSchema = named('DonationFigures', z.strictObject({ count, cashToman: tomanSum, inKindToman: tomanSum, totalToman: tomanSum }));

export const distributionFiguresSchema = named('DistributionFigures', z.strictObject({ count, packages: count, households: count, valueToman: tomanSum }));

/** `Figures` of figures.ts, spread into each reader's shape. */
const figures = { projects: projectFiguresSchema, donations: donationFiguresSchema, distributions: distributionFiguresSchema };

/** When the aggregate last changed; null while nothing has been counted in the scope. */
const updatedAt = z.iso.datetime().nullable();

const longestName = Math.max(...PROVINCES.flatMap((p) => [p.fa.length, p.en.length]));

export const provinceSchema = named(
  'Province',
  z.strictObject({ code: z.enum(PROVINCE_CODES), fa: z.string().max(longestName), en: z.string().max(longestName) }),
);

export const provinceFiguresSchema = named('ProvinceFigures', z.strictObject({ province: provinceSchema, ...figures, updatedAt }));

export const countyFiguresSchema = named('CountyFigures', z.strictObject({ county: projectFields.shape.county, ...figures, updatedAt }));

export const nationalFiguresSchema = named('NationalFigures', z.strictObject({ ...figures, updatedAt }));

/** allProvinceFigures: the 31 provinces in PROVINCES order, and their sum. */
export const allProvinceFiguresSchema = named(
  'AllProvinceFigures',
  z.strictObject({ provinces: z.array(provinceFiguresSchema).length(PROVINCES.length), national: nationalFiguresSchema }),
);

/** provinceFigures: one province and its counties (as many as records have named). */
export const provinceWithCountiesSchema = named(
  'ProvinceWithCounties',
  z.strictObject({ province: provinceSchema, ...figures, updatedAt, counties: z.array(countyFiguresSchema) }),
);

export const driveFiguresSchema = named(
  'DriveFigures',
  z.strictObject({ donations: donationFiguresSchema, distributions: distributionFiguresSchema, updatedAt }),
);

export const historyPointSchema = named('HistoryPoint', z.strictObject({ date: z.iso.date(), ...figures }));

/**
 * Daily snapshots between two dates. At most one a day: 100,000 points is 270 years, more than
 * the dates a query may name.
 */
export const provinceHistorySchema = named(
  'ProvinceHistory',
  z.strictObject({
    code: z.union([z.literal('national'), z.enum(PROVINCE_CODES)]),
    from: z.iso.date(),
    to: z.iso.date(),
    points: z.array(historyPointSchema).max(100_000),
  }),
);
