import * as z from 'zod';
import { shippedIndicator } from '../indicators/catalogue.ts';
import { matchCounty } from '../places/counties.ts';
import { PLACE_CODES, isProvinceCode, type PlaceCode } from '../places/provinces.ts';
import { nameKey } from '../text/name-key.ts';
import { DISTRIBUTION_KINDS } from '../schemas/distribution.ts';
import { DONATION_KINDS } from '../schemas/donation.ts';
import { FINISHED_STATUSES, PROJECT_CATEGORIES, PROJECT_STATUSES } from '../schemas/project.ts';
import { addInto, type Counters, type ScopedCounters } from './counters.ts';
import { breakdownCounters, outputCounter, planCounter } from './counter-names.ts';
import { scopes } from './scopes.ts';

/** A project this far along and not finished is "near completion". */
export const NEAR_COMPLETION_PERCENT = 70;

const int = z.union([z.int(), z.bigint()]).transform((v) => BigInt(v));
const money = int.refine((v) => v >= 0n);
const place = z.enum(PLACE_CODES);
/** The county's catalogue code; records without one count for their province only («کل استان»). */
const countyCode = z.string().min(1).optional();
const legacyCounty = z.string().optional();
const outputs = z.array(z.object({ indicator: z.string().min(1), target: int.optional(), actual: int.optional() })).default([]);
const partners = z.array(z.object({ partner: z.string().min(1) })).default([]);

/** What the aggregation reads of each stored item; an image that does not fit is invalid. */
const projectImage = z.object({
  type: z.literal('Project'),
  province: place,
  countyCode,
  county: legacyCounty,
  programme: z.string().min(1),
  status: z.enum(PROJECT_STATUSES),
  category: z.enum(PROJECT_CATEGORIES),
  progressPercent: z.number().min(0).max(100),
  budgetToman: money,
  loansToman: money,
  jobsCreated: int,
  housingUnits: int,
  beneficiaryHouseholds: int,
  villages: int.optional(),
  ruralDistricts: int.optional(),
  outputs,
  partners,
});

const donationImage = z.object({
  type: z.literal('Donation'),
  driveId: z.string().min(1),
  province: place,
  countyCode,
  county: legacyCounty,
  kind: z.enum(DONATION_KINDS),
  amountToman: money,
});

const distributionImage = z.object({
  type: z.literal('Distribution'),
  driveId: z.string().min(1),
  province: place,
  countyCode,
  county: legacyCounty,
  kind: z.enum(DISTRIBUTION_KINDS),
  /** Absent when the count is unknown: such distributions are counted apart, never as zero packages. */
  packages: int.optional(),
  households: int,
  valueToman: money,
  partners,
});

/** A programme's target for a place and an indicator, before (or without) any project. */
const planImage = z.object({
  type: z.literal('Plan'),
  programme: z.string().min(1),
  province: place,
  indicator: z.string().min(1),
  target: int,
});

/** The item types that count; anything else (progress reports, aggregates, idempotency) adds nothing. */
export const COUNTED_TYPES = ['Project', 'Donation', 'Distribution', 'Plan'] as const;

export class InvalidImageError extends Error {
  constructor(readonly issues: string[]) {
    super(`item image cannot be aggregated: ${issues.join('; ')}`);
  }
}

function parse<S extends z.ZodType>(schema: S, image: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(image);
  if (!result.success) throw new InvalidImageError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return result.data;
}

function projectCounters(p: z.output<typeof projectImage>): Counters {
  // A cancelled project counts in byStatus.cancelled and in nothing else.
  if (p.status === 'cancelled') return new Map([['status:cancelled', 1n]]);
  const finished = FINISHED_STATUSES.includes(p.status);
  const near = !finished && p.progressPercent > NEAR_COMPLETION_PERCENT;
  const counters = new Map<string, bigint>([
    ['projects', 1n],
    [`status:${p.status}`, 1n],
    [`category:${p.category}`, 1n],
    ['budgetToman', p.budgetToman],
    ['loansToman', p.loansToman],
    ['jobsCreated', p.jobsCreated],
    ['housingUnits', p.housingUnits],
    ['beneficiaryHouseholds', p.beneficiaryHouseholds],
    // Progress is kept to two decimals: sum hundredths as an integer, average on read.
    ['progressHundredths', BigInt(Math.round(p.progressPercent * 100))],
    ['nearCompletion', near ? 1n : 0n],
    ['villages', p.villages ?? 0n],
    ['ruralDistricts', p.ruralDistricts ?? 0n],
  ]);
  for (const output of p.outputs) {
    // A percentage does not add up across projects: it stays on the project.
    if (shippedIndicator(output.indicator)?.additive === false) continue;
    if (output.target !== undefined) counters.set(outputCounter(output.indicator, 'target'), output.target);
    if (output.actual !== undefined) counters.set(outputCounter(output.indicator, 'actual'), output.actual);
  }
  return counters;
}

function distributionCounters(d: z.output<typeof distributionImage>): Counters {
  return new Map([
    ['distributions', 1n],
    [d.packages === undefined ? 'distributionsUncounted' : 'packages', d.packages ?? 1n],
    ['households', d.households],
    ['distributedToman', d.valueToman],
    [`distributionKind:${d.kind}`, 1n],
    [`distributionKindPackages:${d.kind}`, d.packages ?? 0n],
    [`distributionKindToman:${d.kind}`, d.valueToman],
  ]);
}

/**
 * The county a record counts in: its catalogue code, or for a record stored before counties
 * had codes, the catalogue county its name matches (none: the province only; the refresh
 * reports such names).
 */
function countyCodeOf(record: { province: PlaceCode; countyCode?: string | undefined; county?: string | undefined }): string | undefined {
  if (record.countyCode) return record.countyCode;
  if (!record.county || !isProvinceCode(record.province)) return undefined;
  return matchCounty(record.province, record.county)?.code;
}

/** A partner counts once per record, whatever its roles. */
function partnerIds(refs: { partner: string }[]): string[] {
  return [...new Set(refs.map((r) => r.partner))];
}

function withoutZeros(counters: Counters): Counters {
  for (const [k, v] of counters) if (v === 0n) counters.delete(k);
  return counters;
}

/**
 * What one stored item adds to which aggregates. Pure: the stream path applies
 * `contribution(new) − contribution(old)`, and the recount sums it over every item.
 * - a project: its place (province or `IR`), its county, its programme, and its place's
 *   breakdown (by its programme, by its category and by each of its partners);
 * - a donation: its place, county and drive (and, in the drive's item, under its place); a
 *   distribution: those and its place's breakdown by partner;
 * - a plan: its programme and its place's breakdown by programme (targets only).
 * A record touches each scope once, whatever it carries. Throws InvalidImageError when an item
 * of a counted type cannot be read.
 */
export function contribution(image: Record<string, unknown> | undefined): ScopedCounters {
  const result: ScopedCounters = new Map();
  if (!image || !(COUNTED_TYPES as readonly unknown[]).includes(image.type)) return result;
  // A voided record (a donation or distribution entered by mistake) stays readable and counts nowhere.
  if (image.voidedAt !== undefined) return result;
  const add = (scope: string, counters: Counters) => {
    if (counters.size) result.set(scope, addInto(result.get(scope) ?? new Map(), counters));
  };
  const addPlace = (record: { province: PlaceCode; countyCode?: string | undefined; county?: string | undefined }, counters: Counters) => {
    add(scopes.province(record.province), counters);
    const code = countyCodeOf(record);
    if (code) add(scopes.county(record.province, code), counters);
  };
  /** The drive's totals, and the same under the record's place (`GET /provinces?drive=`). */
  const addDrive = (record: { driveId: string; province: PlaceCode }, counters: Counters) => {
    add(scopes.drive(record.driveId), counters);
    add(scopes.drive(record.driveId), breakdownCounters('place', record.province, counters));
  };
  const addPartners = (place: PlaceCode, refs: { partner: string }[], counters: Counters) => {
    for (const partner of partnerIds(refs)) add(scopes.breakdown(place), breakdownCounters('partner', partner, counters));
  };
  if (image.type === 'Plan') {
    const plan = parse(planImage, image);
    const key = nameKey(plan.programme);
    const counters = withoutZeros(new Map([[planCounter(plan.indicator), plan.target]]));
    add(scopes.programme(key), counters);
    add(scopes.breakdown(plan.province), breakdownCounters('programme', key, counters));
  } else if (image.type === 'Project') {
    const p = parse(projectImage, image);
    const counters = withoutZeros(projectCounters(p));
    const key = nameKey(p.programme);
    addPlace(p, counters);
    add(scopes.programme(key), counters);
    add(scopes.breakdown(p.province), breakdownCounters('programme', key, counters));
    add(scopes.breakdown(p.province), breakdownCounters('category', p.category, counters));
    addPartners(p.province, p.partners, counters);
  } else if (image.type === 'Donation') {
    const d = parse(donationImage, image);
    const counters = withoutZeros(
      new Map([
        ['donations', 1n],
        [d.kind === 'cash' ? 'donationCashToman' : 'donationInKindToman', d.amountToman],
      ]),
    );
    addPlace(d, counters);
    addDrive(d, counters);
  } else {
    const d = parse(distributionImage, image);
    const counters = withoutZeros(distributionCounters(d));
    addPlace(d, counters);
    addDrive(d, counters);
    addPartners(d.province, d.partners, counters);
  }
  return result;
}

/**
 * The names a reader sees for the scopes an image names, where the scope key is not one: a
 * programme is keyed by the name key of its name, and shown as its latest record spells it.
 */
export function scopeLabels(image: Record<string, unknown> | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  if ((image?.type === 'Project' || image?.type === 'Plan') && typeof image.programme === 'string') {
    labels.set(scopes.programme(nameKey(image.programme)), image.programme);
  }
  return labels;
}
