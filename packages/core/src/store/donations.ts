import { can, type Principal } from '../auth/principal.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { donationRuleViolations, type DonationFields, type DonationPatch } from '../schemas/donation.ts';
import type { VoidFields, VoidMarks } from '../schemas/voiding.ts';
import {
  createDriveRecord,
  getDriveRecord,
  listDriveRecords,
  mergeFields,
  updateDriveRecord,
  voidDriveRecord,
  type DriveRecordQuery,
} from './drive-records.ts';
import type { IdempotencyKey } from './idempotency.ts';
import type { Page } from './items.ts';
import type { Store } from './store.ts';

export type Donation = DonationFields & EntityMeta & VoidMarks;

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

/** A correction merged: the donor's fields one by one, so what the caller cannot see (the phone) stays unless named. */
function applyDonationPatch(current: Donation, patch: DonationPatch): Donation {
  const { donor, ...fields } = patch;
  const merged = mergeFields(current, fields);
  if (donor === null) delete merged.donor;
  else if (donor) merged.donor = mergeFields(current.donor ?? { anonymous: false }, donor);
  return merged;
}

/** Corrects a donation at the version read; answers with what the caller may see of it. */
export async function updateDonation(store: Store, principal: Principal, id: string, expectedVersion: number, patch: DonationPatch): Promise<Donation> {
  const updated = await updateDriveRecord<Donation>(
    store,
    principal,
    'Donation',
    id,
    expectedVersion,
    (d) => applyDonationPatch(d, patch),
    donationRuleViolations,
  );
  return donationView(updated, principal);
}

/** Voids a donation entered by mistake: it stays readable and counts nowhere. */
export async function voidDonation(
  store: Store,
  principal: Principal,
  id: string,
  expectedVersion: number,
  fields: VoidFields,
  idempotencyKey?: IdempotencyKey,
): Promise<Donation> {
  return donationView(await voidDriveRecord<Donation>(store, principal, 'Donation', id, expectedVersion, fields, idempotencyKey), principal);
}

/** Donor privacy: the phone only to those who may read it, the name of an anonymous donor likewise. */
export function donationView(donation: Donation, principal: Principal): Donation {
  if (!donation.donor || can(principal, 'donor:readPhone')) return donation;
  const { phone: _phone, name, ...donor } = donation.donor;
  return { ...donation, donor: donor.anonymous ? donor : { ...donor, ...(name ? { name } : {}) } };
}
