import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { placeCodeSchema } from '../places/provinces.ts';
import { entityId, goodsItem, isoDateTime, persianText, phoneInput, nonEmptyPatch } from './common.ts';
import type { RuleViolation } from './project.ts';

/** What was given, with the Persian label of each (the one place labels live; the web imports them). */
export const DONATION_KIND_LABELS = { cash: 'نقدی', in_kind: 'غیرنقدی (کالا)' } as const;
export type DonationKind = keyof typeof DONATION_KIND_LABELS;
export const DONATION_KINDS = Object.keys(DONATION_KIND_LABELS) as [DonationKind, ...DonationKind[]];

/** Who gave: personal data, shown only to staff of the province and the phone only to admins. */
export const donorInput = z.strictObject({
  name: persianText(100).optional(),
  phone: phoneInput.optional(),
  anonymous: z.boolean().default(false),
});

/**
 * A correction of the donor: a field given replaces the stored one, `null` removes it, a field
 * left out stays. An operator, who never sees the phone, does not erase it by correcting the name.
 */
export const donorPatch = z.strictObject({
  name: donorInput.shape.name.unwrap().nullable().optional(),
  phone: donorInput.shape.phone.unwrap().nullable().optional(),
  anonymous: z.boolean().optional(),
});

const goodsList = z.array(goodsItem).max(100);

/** The donation's own fields, as a client sends them (no defaults: a patch must not invent values). */
const donationShape = {
  driveId: entityId,
  /** A province, or `IR` for what belongs to the whole country (callers with `*` only). */
  province: placeCodeSchema,
  /** A county of the province's catalogue, in any spelling; absent: the whole province. */
  county: persianText(80).optional(),
  kind: z.enum(DONATION_KINDS),
  /** Cash received, or the estimated value of the goods. */
  amountToman: tomanInput,
  items: goodsList.optional(),
  donor: donorInput.optional(),
  /** The collection point (a mosque, a school, a bank account, a charity office). */
  channel: persianText(120),
  receivedAt: isoDateTime.optional(),
};

type DonationRuleInput = { kind: DonationKind; amountToman: bigint; items?: readonly unknown[] | undefined };

/**
 * Rules across fields, applied to a new donation and to a donation after a correction is merged:
 * goods are listed for an in-kind donation and for no cash one, and cash has an amount.
 */
export function donationRuleViolations(donation: DonationRuleInput): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (donation.kind === 'in_kind' && !donation.items?.length) violations.push({ field: 'items', rule: 'inKindNeedsItems' });
  if (donation.kind === 'cash' && donation.items?.length) violations.push({ field: 'items', rule: 'cashHasNoItems' });
  if (donation.kind === 'cash' && donation.amountToman === 0n) violations.push({ field: 'amountToman', rule: 'cashNeedsAmount' });
  return violations;
}

/** POST /donations: cash, or goods with their estimated value, received at a collection point. */
export const donationInput = z.strictObject(donationShape).superRefine((donation, ctx) => {
  for (const v of donationRuleViolations(donation)) ctx.addIssue({ code: 'custom', path: [v.field], params: { key: v.rule }, input: undefined });
});
export type DonationInput = z.input<typeof donationInput>;
export type DonationFields = z.output<typeof donationInput>;

/**
 * PATCH /donations/{id}: any non-empty subset of the fields, the donor's included; `null`
 * removes what may be absent (the goods, the donor, the donor's name or phone). The rules are
 * checked after merging.
 */
export const donationPatch = nonEmptyPatch(z.strictObject({ ...donationShape, items: goodsList.nullable(), donor: donorPatch.nullable() }));
export type DonationPatch = z.output<typeof donationPatch>;
