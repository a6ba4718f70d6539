import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { placeCodeSchema } from '../places/provinces.ts';
import { countInput, entityId, goodsItem, isoDateTime, persianText, nonEmptyPatch } from './common.ts';
import { partnerRefs } from './partner.ts';
import type { RuleViolation } from './project.ts';

/** What was handed out; the one list of kinds, with the Persian label of each (the web pages show these). */
export const DISTRIBUTION_KIND_LABELS = {
  livelihood_package: 'بستهٔ معیشتی',
  food: 'اقلام خوراکی',
  hot_meal: 'غذای گرم (اطعام)',
  dowry_set: 'جهیزیه',
  hygiene_pack: 'بستهٔ بهداشتی',
  clothing: 'پوشاک',
  stationery: 'لوازم‌التحریر',
  heating_fuel: 'سوخت زمستانی',
  medical: 'دارو و اقلام پزشکی',
  cash_aid: 'کمک نقدی',
  other: 'سایر',
} as const;
export type DistributionKind = keyof typeof DISTRIBUTION_KIND_LABELS;
export const DISTRIBUTION_KINDS = Object.keys(DISTRIBUTION_KIND_LABELS) as [DistributionKind, ...DistributionKind[]];

const goodsList = z.array(goodsItem).max(100);

/** The distribution's own fields, as a client sends them (no defaults: a patch must not invent values). */
const distributionShape = {
  driveId: entityId,
  /** A province, or `IR` for what belongs to the whole country (callers with `*` only). */
  province: placeCodeSchema,
  /** A county of the province's catalogue, in any spelling; absent: the whole province. */
  county: persianText(80).optional(),
  kind: z.enum(DISTRIBUTION_KINDS),
  /** How many packages; absent when the count is unknown (a report may give only the value), never 0. */
  packages: countInput(10_000_000).optional().describe('Packages handed out, at least 1; leave it out when the count is unknown'),
  households: countInput(10_000_000),
  valueToman: tomanInput,
  items: goodsList.optional(),
  phase: persianText(100).optional(),
  /** Who handed it out or paid for it (GET /partners). */
  partners: partnerRefs.optional(),
  distributedAt: isoDateTime.optional(),
};

/** A count that is given is at least one (an unknown count is left out, not 0); on create and after a patch is merged. */
export function distributionRuleViolations(distribution: { packages?: number | undefined }): RuleViolation[] {
  return distribution.packages === 0 ? [{ field: 'packages', rule: 'atLeastOne' }] : [];
}

/** POST /distributions: packages handed to households in one county. */
export const distributionInput = z
  .strictObject({ ...distributionShape, valueToman: distributionShape.valueToman.default(0n) })
  .superRefine((distribution, ctx) => {
    for (const v of distributionRuleViolations(distribution)) ctx.addIssue({ code: 'custom', path: [v.field], params: { key: v.rule }, input: undefined });
  });
export type DistributionInput = z.input<typeof distributionInput>;
export type DistributionFields = z.output<typeof distributionInput>;

/**
 * PATCH /distributions/{id}: any non-empty subset of the fields; `null` removes what may be
 * absent (`packages` becomes unknown; the goods, the phase). The rules are checked after merging.
 */
export const distributionPatch = nonEmptyPatch(
  z.strictObject({
    ...distributionShape,
    packages: distributionShape.packages.unwrap().nullable(),
    items: goodsList.nullable(),
    phase: distributionShape.phase.unwrap().nullable(),
  }),
);
export type DistributionPatch = z.output<typeof distributionPatch>;
