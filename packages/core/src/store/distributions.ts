import type { Principal } from '../auth/principal.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { distributionRuleViolations, type DistributionFields, type DistributionPatch } from '../schemas/distribution.ts';
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

/** A distribution; `packages` is absent when the count is unknown. */
export type Distribution = DistributionFields & EntityMeta & VoidMarks;

export function recordDistribution(store: Store, principal: Principal, fields: DistributionFields, idempotencyKey?: IdempotencyKey): Promise<Distribution> {
  return createDriveRecord(store, principal, 'Distribution', fields, idempotencyKey);
}

export function getDistribution(store: Store, principal: Principal, id: string): Promise<Distribution> {
  return getDriveRecord<Distribution>(store, principal, 'Distribution', id);
}

export function listDistributions(store: Store, principal: Principal, query: DriveRecordQuery): Promise<Page<Distribution>> {
  return listDriveRecords<Distribution>(store, principal, 'Distribution', query);
}

/** Corrects a distribution at the version read (`packages: null` makes the count unknown). */
export function updateDistribution(store: Store, principal: Principal, id: string, expectedVersion: number, patch: DistributionPatch): Promise<Distribution> {
  return updateDriveRecord<Distribution>(store, principal, 'Distribution', id, expectedVersion, (d) => mergeFields(d, patch), distributionRuleViolations);
}

/** Voids a distribution entered by mistake: it stays readable and counts nowhere. */
export function voidDistribution(
  store: Store,
  principal: Principal,
  id: string,
  expectedVersion: number,
  fields: VoidFields,
  idempotencyKey?: IdempotencyKey,
): Promise<Distribution> {
  return voidDriveRecord<Distribution>(store, principal, 'Distribution', id, expectedVersion, fields, idempotencyKey);
}
