import { donationInput, parseInput, recordDonation } from '@abad/core';
import { httpHandler, type AuthenticatedRequest } from '../handler.ts';
import { created } from '../response.ts';

export const handler = httpHandler<AuthenticatedRequest>({
  auth: 'token',
  action: 'donation:write',
  jsonBody: true,
  idempotent: true,
  handle: async ({ store, principal, body, language, idempotencyKey }) => {
    const donation = await recordDonation(store, principal, parseInput(donationInput, body, language), idempotencyKey);
    return created(`/donations/${donation.id}`, donation);
  },
});
