import { can, type Principal } from '../auth/principal.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { DonationFields } from '../schemas/donation.ts';
import { createDriveRecord, getDriveRecord, listDriveRecords, type DriveRecordQuery } from './drive-records.ts';
import type { IdempotencyKey } from './idempotency.ts';
import type { Page } from './items.ts';
import type { Store } from './store.ts';

export type Donation = DonationFields & EntityMeta;

/** Records a donation and answers with what the caller may see of it (as a GET would). */
export async function recordDonation(store: Store, principal: Principal, fields: DonationFields, idempotencyKey?: IdempotencyKey): Promise<Donation> {
  return donationView(await createDriveRecord(store, principal, 'Donation', fields, idempotencyKey), principal);
}

export async function getDonation(store: Store, principal: Principal, id: string): Promise<Donation> {
  return donationView(await getDriveRecord<Donation>(store, principal, 'Donation', id), principal);
}

export async function listDonations(store: Store, principal: Principal, query: DriveRecordQuery): Promise<Page<Donation>> {
  const page = await listDriveRecords<Donation>(store, principal, 'Donation', query);
  return { ...page, items: page.items.map((d) => donationView(d, principal)) };
}

/** Donor privacy: the phone only to those who may read it, the name of an anonymous donor likewise. */
export function donationView(donation: Donation, principal: Principal): Donation {
  if (!donation.donor || can(principal, 'donor:readPhone')) return donation;
  const { phone: _phone, name, ...donor } = donation.donor;
  return { ...donation, donor: donor.anonymous ? donor : { ...donor, ...(name ? { name } : {}) } };
}
