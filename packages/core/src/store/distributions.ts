import type { Principal } from '../auth/principal.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { DistributionFields } from '../schemas/distribution.ts';
import { createDriveRecord, getDriveRecord, listDriveRecords, type DriveRecordQuery } from './drive-records.ts';
import type { IdempotencyKey } from './idempotency.ts';
import type { Page } from './items.ts';
import type { Store } from './store.ts';

export type Distribution = DistributionFields & EntityMeta;

export function recordDistribution(store: Store, principal: Principal, fields: DistributionFields, idempotencyKey?: IdempotencyKey): Promise<Distribution> {
  return createDriveRecord(store, principal, 'Distribution', fields, idempotencyKey);
}

export function getDistribution(store: Store, principal: Principal, id: string): Promise<Distribution> {
  return getDriveRecord<Distribution>(store, principal, 'Distribution', id);
}

export function listDistributions(store: Store, principal: Principal, query: DriveRecordQuery): Promise<Page<Distribution>> {
  return listDriveRecords<Distribution>(store, principal, 'Distribution', query);
}
