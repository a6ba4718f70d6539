import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { provinceCodeSchema } from '../places/provinces.ts';
import { entityId, goodsItem, isoDateTime, persianText, phoneInput } from './common.ts';

export const DONATION_KINDS = ['cash', 'in_kind'] as const;

/** Who gave: personal data, shown only to staff of the province and the phone only to admins. */
export const donorInput = z.strictObject({
  name: persianText(100).optional(),
  phone: phoneInput.optional(),
  anonymous: z.boolean().default(false),
});

/** POST /donations: cash, or goods with their estimated value, received at a collection point. */
export const donationInput = z
  .strictObject({
    driveId: entityId,
    province: provinceCodeSchema,
    county: persianText(80),
    kind: z.enum(DONATION_KINDS),
    /** Cash received, or the estimated value of the goods. */
    amountToman: tomanInput,
    items: z.array(goodsItem).max(100).optional(),
    donor: donorInput.optional(),
    /** The collection point (a mosque, a school, a bank account, a charity office). */
    channel: persianText(120),
    receivedAt: isoDateTime.optional(),
  })
  .superRefine((donation, ctx) => {
    if (donation.kind === 'in_kind' && !donation.items?.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], params: { key: 'inKindNeedsItems' }, input: donation.items });
    }
    if (donation.kind === 'cash' && donation.items?.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], params: { key: 'cashHasNoItems' }, input: donation.items });
    }
    if (donation.kind === 'cash' && donation.amountToman === 0n) {
      ctx.addIssue({ code: 'custom', path: ['amountToman'], params: { key: 'cashNeedsAmount' }, input: 0 });
    }
  });
export type DonationInput = z.input<typeof donationInput>;
export type DonationFields = z.output<typeof donationInput>;
