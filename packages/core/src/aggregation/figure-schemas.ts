import * as z from 'zod';
import { tomanSum } from '../money/toman.ts';
import { INDICATOR_CODE } from '../indicators/catalogue.ts';
import { COUNTIES } from '../places/counties.ts';
import { NATIONAL_PLACE, PLACE_CODES, PROVINCES } from '../places/provinces.ts';
import { DISTRIBUTION_KINDS } from '../schemas/distribution.ts';
import { named } from '../schemas/named.ts';
import { countyCodeSchema, entityId } from '../schemas/common.ts';
import { withJalali } from '../schemas/jalali-twins.ts';
import { JALALI_DATE_PATTERN } from '../dates/jalali.ts';
import { SLICE_OMISSIONS } from './figure-slices.ts';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '../schemas/project.ts';

/**
 * What figures.ts and read-figures.ts hand out, as schemas: the `Figures` of a scope and
 * the shapes the province, county, national and drive readers wrap them in. Counts are whole
 * numbers, money is a toman `bigint` (sent as a decimal string).
 */
const count = z.int().min(0);

/**
 * In a period slice (slices.ts: `GET /provinces?from=&to=`) a flow — a count of records, an
 * amount, an output's actual — is the net change over the period: a correction or a void in it
 * of something recorded before lowers it, and may take it below zero. States (by status, near
 * completion, average progress, targets) are as of the period's end, never negative.
 */
const NET = 'A period slice gives the net change, which a correction or void in the period can make negative';
const netCount = z.int();
const netToman = z.bigint().meta({ pattern: '^-?[0-9]{1,38}$', maxLength: 39 }).describe(`Toman, as a decimal string. ${NET}`);

/** `{ planned: 3, in_progress: 5, … }`: one count per value, every value present. */
function countsBy<const K extends string>(values: readonly K[], of: z.ZodNumber = count) {
  return z.strictObject(Object.fromEntries(values.map((value) => [value, of])) as Record<K, z.ZodNumber>);
}

/**
 * The parts of `Figures` (figures.ts): as every scope reads them (`ProjectFigures` …), and with
 * net flows as the province routes answer a slice (`NetProjectFigures` …).
 */
function figureParts(prefix: '' | 'Net', flow: z.ZodNumber, money: z.ZodBigInt) {
  const note = prefix ? `. ${NET}` : '';
  const projects = named(
    `${prefix}ProjectFigures`,
    z.strictObject({
      total: flow.describe(`Every project that is not cancelled${note}`),
      byStatus: countsBy(PROJECT_STATUSES),
      byCategory: countsBy(PROJECT_CATEGORIES, flow),
      nearCompletion: count.describe('Past 70% and not finished'),
      averageProgressPercent: z.number().min(0).max(100).describe('Mean physical progress of the projects in `total`, two decimals, rounded down'),
      budgetToman: money,
      loansToman: money,
      jobsCreated: flow,
      housingUnits: flow,
      beneficiaryHouseholds: flow,
      villages: flow.describe('Villages the projects serve'),
      ruralDistricts: flow.describe('Rural districts (دهستان) the projects serve'),
    }),
  );
  const output = named(
    `${prefix}OutputFigure`,
    z.strictObject({
      target: count.describe("Sum of the projects' targets"),
      actual: flow.describe(`Sum of what the projects delivered${note}`),
      planned: count.describe("Sum of the plans' targets (programme scopes)"),
    }),
  );
  const outputs = named(
    `${prefix}OutputFigures`,
    z.record(z.string().max(48).regex(INDICATOR_CODE), output).describe('By indicator code (GET /indicators); only indicators with a value'),
  );
  const donations = named(`${prefix}DonationFigures`, z.strictObject({ count: flow, cashToman: money, inKindToman: money, totalToman: money }));
  const kindFigures = z.strictObject({ count: flow, packages: flow, valueToman: money });
  const distributions = named(
    `${prefix}DistributionFigures`,
    z.strictObject({
      count: flow,
      packages: flow.describe(`Packages of the distributions whose count is known${note}`),
      uncounted: flow.describe(`Distributions recorded without a package count${note}`),
      households: flow,
      valueToman: money,
      byKind: z.strictObject(
        Object.fromEntries(DISTRIBUTION_KINDS.map((k) => [k, kindFigures])) as Record<(typeof DISTRIBUTION_KINDS)[number], typeof kindFigures>,
      ),
    }),
  );
  return { projects, output, outputs, donations, distributions };
}

const plainParts = figureParts('', count, tomanSum);
const netParts = figureParts('Net', netCount, netToman);

export const projectFiguresSchema = plainParts.projects;
export const outputFigureSchema = plainParts.output;
export const outputFiguresSchema = plainParts.outputs;
export const donationFiguresSchema = plainParts.donations;
export const distributionFiguresSchema = plainParts.distributions;

/** `Figures` of figures.ts, spread into each reader's shape. */
const figures = { projects: projectFiguresSchema, outputs: outputFiguresSchema, donations: donationFiguresSchema, distributions: distributionFiguresSchema };

/** The same, as `GET /provinces` and `GET /provinces/{code}` answer them: flows may be net changes (a period slice). */
const netFigures = { projects: netParts.projects, outputs: netParts.outputs, donations: netParts.donations, distributions: netParts.distributions };

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

export const provinceFiguresSchema = named('ProvinceFigures', z.strictObject({ province: provinceSchema, ...netFigures, updatedAt, updatedAtJalali }));

const snapshotDate = z.iso.date().nullable().optional();
const snapshotJalali = z.string().max(10).regex(new RegExp(JALALI_DATE_PATTERN)).nullable().optional();

/**
 * What a province route's figures are a slice of (figure-slices.ts), as applied: every field
 * null when they are the live figures of everything. Supported: a period (`from`, `to`, either
 * or both), or one of programme, drive and category — not two of them, and not with a period.
 */
export const figureSliceSchema = named(
  'FigureSlice',
  z
    .strictObject({
      ...withJalali({
        from: z.iso.date().nullable().describe('First day of the period (ISO); null: since the first record'),
        to: z.iso.date().nullable().describe('Last day of the period (ISO); null: up to now'),
      }),
      programme: z.string().min(1).max(400).nullable().describe('Only the records of this programme (projects and plans): its name as its records spell it'),
      drive: entityId.nullable().describe("Only this drive's donations and distributions"),
      category: z.enum(PROJECT_CATEGORIES).nullable().describe('Only the projects of this category (without their outputs)'),
      fromSnapshot: snapshotDate.describe(
        'Period slices: the day whose daily snapshot (taken at the end of that UTC day) was subtracted — the day before `from`, or the nearest earlier one; the earliest later one when none is earlier; null when none was (no `from`, or no snapshot at all: counted from the first record)',
      ),
      fromSnapshotJalali: snapshotJalali,
      toSnapshot: snapshotDate.describe(
        'Period slices: the day whose snapshot gives the end — `to`, or the nearest earlier one; the earliest later one when none is earlier; null: the live figures (`to` is today or later, or absent)',
      ),
      toSnapshotJalali: snapshotJalali,
      without: z
        .array(z.enum(SLICE_OMISSIONS))
        .max(SLICE_OMISSIONS.length)
        .describe('Parts of the answer the slice cannot fill, left empty: `counties` and `programmes` of a province, `outputs` of a category'),
    })
    .describe(
      'The slice the figures are of. `GET /provinces` and `GET /provinces/{code}` take `from`/`to` (a period: flows are the difference of daily snapshots, states as of the end), or one of `programme`, `drive` and `category` (from the breakdowns the aggregator keeps); a period does not combine with the others, nor do they with each other (422 naming the parameter)',
    ),
);

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

export const nationalFiguresSchema = named('NationalFigures', z.strictObject({ ...netFigures, updatedAt, updatedAtJalali }));

/** allProvinceFigures: the 31 provinces in PROVINCES order, what was recorded for the whole country (`IR`), and the sum of all. */
export const allProvinceFiguresSchema = named(
  'AllProvinceFigures',
  z.strictObject({
    provinces: z.array(provinceFiguresSchema).length(PROVINCES.length),
    country: provinceFiguresSchema.describe('What was recorded for IR, the country itself (no province)'),
    national: nationalFiguresSchema.describe('The 31 provinces plus IR'),
    slice: figureSliceSchema.optional(),
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
    ...netFigures,
    updatedAt,
    updatedAtJalali,
    counties: z.array(countyFiguresSchema).describe('Empty in a slice (`slice.without`)'),
    programmes: z.array(placeProgrammeSchema).max(MAX_PROGRAMMES).describe('Empty in a slice (`slice.without`)'),
    slice: figureSliceSchema.optional(),
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
