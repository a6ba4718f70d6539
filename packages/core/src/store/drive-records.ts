import { authorize, type Principal } from '../auth/principal.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { ProvinceCode } from '../places/provinces.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { indexKeys, indexPartitions, keys, type EntityType } from '../table/keys.ts';
import { assertDriveAccepts } from './drives.ts';
import type { IdempotencyKey } from './idempotency.ts';
import { getItem, listingKey, newEntity, putNewEntityItem, queryPage, withoutKeys, type Item, type Page } from './items.ts';
import type { Store } from './store.ts';

/**
 * Donations and distributions are both records of a drive, in a province: written by staff
 * of that province, read only by staff of that province, listed by province or by drive.
 */
export type DriveRecordType = Extract<EntityType, 'Donation' | 'Distribution'>;

interface DriveRecordFields {
  driveId: string;
  province: ProvinceCode;
}

const keyOf = { Donation: keys.donation, Distribution: keys.distribution } as const;

function recordItem<T extends DriveRecordFields & { id: string; createdAt: string }>(type: DriveRecordType, record: T): Item {
  const sortKey = listingKey(record);
  return {
    ...keyOf[type](record.id),
    ...indexKeys.byProvince(record.province, type, sortKey),
    ...indexKeys.byDrive(record.driveId, type, sortKey),
    ...indexKeys.byType(type, sortKey),
    type,
    ...record,
  };
}

/**
 * Records a donation or distribution. With an idempotency key a retry, authorized exactly as
 * the first request was, gets the record that request wrote.
 */
export async function createDriveRecord<F extends DriveRecordFields>(
  store: Store,
  principal: Principal,
  type: DriveRecordType,
  fields: F,
  idempotencyKey?: IdempotencyKey,
): Promise<F & EntityMeta> {
  authorize(principal, 'donation:write', fields.province);
  await assertDriveAccepts(store, fields.driveId, fields.province);
  const now = store.now().toISOString();
  const created = newEntity(fields, idempotencyKey);
  const record = { ...fields, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  const { replayed } = await putNewEntityItem(store, recordItem(type, record), type, created);
  return replayed ? withoutKeys<F & EntityMeta>(replayed) : record;
}

export async function getDriveRecord<T extends DriveRecordFields>(store: Store, principal: Principal, type: DriveRecordType, id: string): Promise<T> {
  authorize(principal, 'donation:read');
  const item = await getItem(store, keyOf[type](id));
  if (!item) throw new NotFoundError(type, id);
  const record = withoutKeys<T>(item);
  authorize(principal, 'donation:read', record.province);
  return record;
}

export interface DriveRecordQuery {
  province?: ProvinceCode;
  driveId?: string;
  limit: number;
  cursor?: string;
}

/** Lists newest first, never outside the principal's provinces. */
export async function listDriveRecords<T>(store: Store, principal: Principal, type: DriveRecordType, query: DriveRecordQuery): Promise<Page<T>> {
  authorize(principal, 'donation:read', ...(query.province ? [query.province] : []));
  const mine = principal.provinces;
  const onlyMine = mine === '*' ? undefined : mine;
  let page: Page<Item>;
  const common = { newestFirst: true, limit: query.limit, cursor: query.cursor };
  if (query.driveId) {
    page = await queryPage(store, {
      ...indexPartitions.byDrive(query.driveId, type),
      filters: { province: query.province ?? onlyMine },
      ...common,
    });
  } else {
    const province = query.province ?? (onlyMine?.length === 1 ? onlyMine[0] : undefined);
    if (province) {
      page = await queryPage(store, { ...indexPartitions.byProvince(province, type), ...common });
    } else if (!onlyMine) {
      page = await queryPage(store, { ...indexPartitions.byType(type), ...common });
    } else {
      throw new ValidationError([{ field: 'province', message: 'Name a province or a drive' }]);
    }
  }
  return { ...page, items: page.items.map((i) => withoutKeys<T>(i)) };
}
