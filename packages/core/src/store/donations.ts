import { can, type Principal } from '../auth/principal.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { DonationFields } from '../schemas/donation.ts';
import { createDriveRecord, getDriveRecord, listDriveRecords, type DriveRecordQuery } from './drive-records.ts';
import type { Page } from './items.ts';
import type { Store } from './store.ts';

export type Donation = DonationFields & EntityMeta;

export function recordDonation(store: Store, principal: Principal, fields: DonationFields): Promise<Donation> {
  return createDriveRecord(store, principal, 'Donation', fields);
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
