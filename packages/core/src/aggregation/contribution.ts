import * as z from 'zod';
import { PROVINCE_CODES } from '../places/provinces.ts';
import { DISTRIBUTION_KINDS } from '../schemas/distribution.ts';
import { DONATION_KINDS } from '../schemas/donation.ts';
import { FINISHED_STATUSES, PROJECT_CATEGORIES, PROJECT_STATUSES } from '../schemas/project.ts';
import type { Counters, ScopedCounters } from './counters.ts';
import { scopes } from './scopes.ts';

/** A project this far along and not finished is "near completion". */
export const NEAR_COMPLETION_PERCENT = 70;

const int = z.union([z.int(), z.bigint()]).transform((v) => BigInt(v));
const money = int.refine((v) => v >= 0n);

/** What the aggregation reads of each stored item; an image that does not fit is invalid. */
const projectImage = z.object({
  type: z.literal('Project'),
  province: z.enum(PROVINCE_CODES),
  county: z.string().min(1),
  status: z.enum(PROJECT_STATUSES),
  category: z.enum(PROJECT_CATEGORIES),
  progressPercent: z.number().min(0).max(100),
  budgetToman: money,
  loansToman: money,
  jobsCreated: int,
  housingUnits: int,
  beneficiaryHouseholds: int,
});

const donationImage = z.object({
  type: z.literal('Donation'),
  driveId: z.string().min(1),
  province: z.enum(PROVINCE_CODES),
  county: z.string().min(1),
  kind: z.enum(DONATION_KINDS),
  amountToman: money,
});

const distributionImage = z.object({
  type: z.literal('Distribution'),
  driveId: z.string().min(1),
  province: z.enum(PROVINCE_CODES),
  county: z.string().min(1),
  kind: z.enum(DISTRIBUTION_KINDS),
  packages: int,
  households: int,
  valueToman: money,
});

/** The item types that count; anything else (progress reports, aggregates, idempotency) adds nothing. */
export const COUNTED_TYPES = ['Project', 'Donation', 'Distribution'] as const;

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
  return new Map<string, bigint>([
    ['projects', 1n],
    [`status:${p.status}`, 1n],
    [`category:${p.category}`, 1n],
    ['budgetToman', p.budgetToman],
    ['loansToman', p.loansToman],
    ['jobsCreated', p.jobsCreated],
    ['housingUnits', p.housingUnits],
    ['beneficiaryHouseholds', p.beneficiaryHouseholds],
    // Progress is kept to one decimal: sum tenths as an integer, average on read.
    ['progressTenths', BigInt(Math.round(p.progressPercent * 10))],
    ['nearCompletion', near ? 1n : 0n],
  ]);
}

function withoutZeros(counters: Counters): Counters {
  for (const [k, v] of counters) if (v === 0n) counters.delete(k);
  return counters;
}

/**
 * What one stored item adds to which aggregates: its province, its county and (for donations
 * and distributions) its drive. Pure: the stream path applies `contribution(new) −
 * contribution(old)`, and the recount sums it over every item.
 * Throws InvalidImageError when an item of a counted type cannot be read.
 */
export function contribution(image: Record<string, unknown> | undefined): ScopedCounters {
  const result: ScopedCounters = new Map();
  if (!image || !(COUNTED_TYPES as readonly unknown[]).includes(image.type)) return result;
  let counters: Counters;
  let province;
  let county;
  let driveId: string | undefined;
  if (image.type === 'Project') {
    const p = parse(projectImage, image);
    ({ province, county } = p);
    counters = projectCounters(p);
  } else if (image.type === 'Donation') {
    const d = parse(donationImage, image);
    ({ province, county, driveId } = d);
    counters = new Map([
      ['donations', 1n],
      [d.kind === 'cash' ? 'donationCashToman' : 'donationInKindToman', d.amountToman],
    ]);
  } else {
    const d = parse(distributionImage, image);
    ({ province, county, driveId } = d);
    counters = new Map([
      ['distributions', 1n],
      ['packages', d.packages],
      ['households', d.households],
      ['distributedToman', d.valueToman],
    ]);
  }
  withoutZeros(counters);
  result.set(scopes.province(province), counters);
  result.set(scopes.county(province, county), new Map(counters));
  if (driveId) result.set(scopes.drive(driveId), new Map(counters));
  return result;
}
