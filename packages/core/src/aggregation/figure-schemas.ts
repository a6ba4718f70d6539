import * as z from 'zod';
import { tomanSum } from '../money/toman.ts';
import { INDICATOR_CODE } from '../indicators/catalogue.ts';
import { COUNTIES } from '../places/counties.ts';
import { NATIONAL_PLACE, PLACE_CODES, PROVINCES } from '../places/provinces.ts';
import { DISTRIBUTION_KINDS } from '../schemas/distribution.ts';
import { named } from '../schemas/named.ts';
import { countyCodeSchema } from '../schemas/common.ts';
import { withJalali } from '../schemas/jalali-twins.ts';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '../schemas/project.ts';

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
    averageProgressPercent: z.number().min(0).max(100).describe('Mean physical progress of the projects in `total`, two decimals, rounded down'),
    budgetToman: tomanSum,
    loansToman: tomanSum,
    jobsCreated: count,
    housingUnits: count,
    beneficiaryHouseholds: count,
    villages: count.describe('Villages the projects serve'),
    ruralDistricts: count.describe('Rural districts (دهستان) the projects serve'),
  }),
);

export const outputFigureSchema = named(
  'OutputFigure',
  z.strictObject({
    target: count.describe("Sum of the projects' targets"),
    actual: count.describe('Sum of what the projects delivered'),
    planned: count.describe("Sum of the plans' targets (programme scopes)"),
  }),
);

export const outputFiguresSchema = named(
  'OutputFigures',
  z.record(z.string().max(48).regex(INDICATOR_CODE), outputFigureSchema).describe('By indicator code (GET /indicators); only indicators with a value'),
);

export const donationFiguresSchema = named('DonationFigures', z.strictObject({ count, cashToman: tomanSum, inKindToman: tomanSum, totalToman: tomanSum }));

const kindFigures = z.strictObject({ count, packages: count, valueToman: tomanSum });

export const distributionFiguresSchema = named(
  'DistributionFigures',
  z.strictObject({
    count,
    packages: count.describe('Packages of the distributions whose count is known'),
    uncounted: count.describe('Distributions recorded without a package count'),
    households: count,
    valueToman: tomanSum,
    byKind: z.strictObject(
      Object.fromEntries(DISTRIBUTION_KINDS.map((k) => [k, kindFigures])) as Record<(typeof DISTRIBUTION_KINDS)[number], typeof kindFigures>,
    ),
  }),
);

/** `Figures` of figures.ts, spread into each reader's shape. */
const figures = { projects: projectFiguresSchema, outputs: outputFiguresSchema, donations: donationFiguresSchema, distributions: distributionFiguresSchema };

/** When the aggregate last changed; null while nothing has been counted in the scope; with its Jalali twin. */
const { updatedAt, updatedAtJalali } = withJalali({ updatedAt: z.iso.datetime().nullable() });

const longestName = Math.max(...[...PROVINCES, NATIONAL_PLACE].flatMap((p) => [p.fa.length, p.en.length]));

export const provinceSchema = named(
  'Province',
  z.strictObject({
    code: z.enum(PLACE_CODES).describe('A province, or IR: what was recorded for the whole country'),
    fa: z.string().max(longestName),
    en: z.string().max(longestName),
  }),
);

export const provinceFiguresSchema = named('ProvinceFigures', z.strictObject({ province: provinceSchema, ...figures, updatedAt, updatedAtJalali }));

export const countyFiguresSchema = named(
  'CountyFigures',
  z.strictObject({
    code: countyCodeSchema.describe("The county's catalogue code"),
    county: z.string().max(80).describe('Its name as the catalogue spells it'),
    ...figures,
    updatedAt,
    updatedAtJalali,
  }),
);

/** GET /provinces/{code}/counties (read-counties.ts): a catalogue county with its figures, zeros where nothing is recorded. */
export const catalogueCountyFiguresSchema = named(
  'CatalogueCountyFigures',
  z.strictObject({
    code: countyCodeSchema.describe("The county's catalogue code"),
    name: z.string().max(80).describe('Its name as the catalogue spells it'),
    ruralDistricts: count.describe('Rural districts (دهستان) the catalogue lists in the county'),
    ...figures,
    updatedAt,
    updatedAtJalali,
  }),
);

/** Every county of the province's catalogue, in catalogue order (at most the catalogue's whole list). */
export const provinceCountiesSchema = named(
  'ProvinceCounties',
  z.strictObject({ province: provinceSchema, counties: z.array(catalogueCountyFiguresSchema).max(COUNTIES.length) }),
);

export const nationalFiguresSchema = named('NationalFigures', z.strictObject({ ...figures, updatedAt, updatedAtJalali }));

/** allProvinceFigures: the 31 provinces in PROVINCES order, what was recorded for the whole country (`IR`), and the sum of all. */
export const allProvinceFiguresSchema = named(
  'AllProvinceFigures',
  z.strictObject({
    provinces: z.array(provinceFiguresSchema).length(PROVINCES.length),
    country: provinceFiguresSchema.describe('What was recorded for IR, the country itself (no province)'),
    national: nationalFiguresSchema.describe('The 31 provinces plus IR'),
  }),
);

/** A partner's work in one place (read-programmes.ts `partnerPlaces`): counts and amounts, who does what where. */
export const partnerPlaceFiguresSchema = named(
  'PartnerPlaceFigures',
  z.strictObject({
    province: provinceSchema,
    projects: z.strictObject({
      total: count,
      budgetToman: tomanSum,
      loansToman: tomanSum,
      jobsCreated: count,
      housingUnits: count,
      beneficiaryHouseholds: count,
    }),
    distributions: z.strictObject({ count, packages: count, households: count, valueToman: tomanSum }),
    updatedAt,
    updatedAtJalali,
  }),
);

/** The figures of a programme in one place (read-programmes.ts). */
export const placeFiguresSchema = named('PlaceFigures', z.strictObject({ province: provinceSchema, ...figures, updatedAt, updatedAtJalali }));

const programmeName = z.string().min(1).max(400);
const programmeKey = z.string().max(400).describe('The name key the programme is matched by (text/name-key.ts)');

export const programmeFiguresSchema = named(
  'ProgrammeFigures',
  z.strictObject({ name: programmeName, key: programmeKey, ...figures, updatedAt, updatedAtJalali }),
);

/** Programmes are national schemes, a few dozen in practice; the bound keeps a response finite. */
const MAX_PROGRAMMES = 10_000;

export const programmeListSchema = named('ProgrammeList', z.strictObject({ items: z.array(programmeFiguresSchema).max(MAX_PROGRAMMES) }));

export const programmeWithProvincesSchema = named(
  'ProgrammeWithProvinces',
  z.strictObject({
    name: programmeName,
    key: programmeKey,
    ...figures,
    updatedAt,
    updatedAtJalali,
    provinces: z.array(placeFiguresSchema).max(PLACE_CODES.length),
  }),
);

/** A province's programmes, each with its figures there. */
export const placeProgrammeSchema = named(
  'PlaceProgramme',
  z.strictObject({ name: programmeName, key: programmeKey, province: provinceSchema, ...figures, updatedAt, updatedAtJalali }),
);

/** provinceFigures: one province (or IR) with the counties records have named, and its programmes. */
export const provinceWithCountiesSchema = named(
  'ProvinceWithCounties',
  z.strictObject({
    province: provinceSchema,
    ...figures,
    updatedAt,
    updatedAtJalali,
    counties: z.array(countyFiguresSchema),
    programmes: z.array(placeProgrammeSchema).max(MAX_PROGRAMMES),
  }),
);

export const driveFiguresSchema = named(
  'DriveFigures',
  z.strictObject({ donations: donationFiguresSchema, distributions: distributionFiguresSchema, updatedAt, updatedAtJalali }),
);

export const historyPointSchema = named('HistoryPoint', z.strictObject({ ...withJalali({ date: z.iso.date() }), ...figures }));

/**
 * Daily snapshots between two dates. At most one a day: 100,000 points is 270 years, more than
 * the dates a query may name.
 */
export const provinceHistorySchema = named(
  'ProvinceHistory',
  z.strictObject({
    code: z.union([z.literal('national'), z.enum(PLACE_CODES)]),
    ...withJalali({ from: z.iso.date(), to: z.iso.date() }),
    points: z.array(historyPointSchema).max(100_000),
  }),
);
