import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { provinceCodeSchema } from '../places/provinces.ts';
import { countInput, entityId, goodsItem, isoDateTime, persianText } from './common.ts';

export const DISTRIBUTION_KINDS = ['livelihood_package', 'dowry_set', 'hygiene_pack', 'other'] as const;

/** POST /distributions: packages handed to households in one county. */
export const distributionInput = z
  .strictObject({
    driveId: entityId,
    province: provinceCodeSchema,
    county: persianText(80),
    kind: z.enum(DISTRIBUTION_KINDS),
    packages: countInput(10_000_000),
    households: countInput(10_000_000),
    valueToman: tomanInput.default(0n),
    items: z.array(goodsItem).max(100).optional(),
    phase: persianText(100).optional(),
    distributedAt: isoDateTime.optional(),
  })
  .superRefine((distribution, ctx) => {
    if (distribution.packages === 0) {
      ctx.addIssue({ code: 'custom', path: ['packages'], params: { key: 'atLeastOne' }, input: 0 });
    }
  });
export type DistributionInput = z.input<typeof distributionInput>;
export type DistributionFields = z.output<typeof distributionInput>;
