import { authorize, type Principal } from '../auth/principal.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationError, VersionMismatchError } from '../errors.ts';
import type { PlaceCode } from '../places/provinces.ts';
import { resolveCounty, type CountyOfRecord } from '../places/resolve-county.ts';
import type { PartnerRef } from '../schemas/partner.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { RuleViolation } from '../schemas/project.ts';
import type { VoidFields, VoidMarks } from '../schemas/voiding.ts';
import { indexKeys, indexPartitions, keys, type EntityType } from '../table/keys.ts';
import { ruleMessage } from '../validation/messages.ts';
import { assertDriveAccepts } from './drives.ts';
import { assertPartnersExist } from './partners.ts';
import { idForIdempotencyKey, requestHash, type IdempotencyKey } from './idempotency.ts';
import {
  getItem,
  internalAttributes,
  listingKey,
  newEntity,
  putNewEntityItem,
  queryMergedPage,
  replaceItemAtVersion,
  withoutKeys,
  type Item,
  type Page,
} from './items.ts';
import { assertNoViolations } from './rules.ts';
import type { Store } from './store.ts';

/**
 * Donations and distributions are both records of a drive, in a province: written by staff
 * of that province, read only by staff of that province, listed by province or by drive.
 * A record entered wrongly is corrected (a patch at the version read) or voided (kept,
 * marked, counted nowhere); the aggregator follows either from the stream's old and new images.
 */
export type DriveRecordType = Extract<EntityType, 'Donation' | 'Distribution'>;

interface DriveRecordFields {
  driveId: string;
  province: PlaceCode;
  county?: string | undefined;
  partners?: PartnerRef[] | undefined;
}

/** A stored donation or distribution as the store hands it out. */
type StoredRecord = DriveRecordFields & CountyOfRecord & EntityMeta & VoidMarks;

const keyOf = { Donation: keys.donation, Distribution: keys.distribution } as const;

/**
 * The receipt of a void sent with an `Idempotency-Key`: `<id the key derives>.<hash of record
 * id and reason>`, kept on the item (the void is its last write), never shown.
 */
const VOID_REQUEST_ATTRIBUTE = 'voidRequest';

function recordItem<T extends DriveRecordFields & { id: string; createdAt: string }>(type: DriveRecordType, record: T, internal: Item = {}): Item {
  const sortKey = listingKey(record);
  return {
    ...keyOf[type](record.id),
    ...indexKeys.driveRecord(type, record, sortKey),
    type,
    ...record,
    ...internal,
  };
}

/** The entity of a stored item: no keys, no request hash, no void receipt. */
function recordOf<T>(item: Item): T {
  const { [VOID_REQUEST_ATTRIBUTE]: _receipt, ...record } = withoutKeys<Record<string, unknown>>(item);
  return record as T;
}

/** A voided record is final: neither corrected nor voided again. */
export class RecordVoidedError extends ConflictError {
  readonly problems = [{ field: 'voidedAt', rule: 'recordVoided', message: ruleMessage('recordVoided', 'en') }];
  constructor(
    readonly entity: DriveRecordType,
    readonly id: string,
  ) {
    super(`${entity} ${id} was voided; it can no longer be changed`);
  }
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
): Promise<F & EntityMeta & VoidMarks> {
  authorize(principal, 'donation:write', fields.province);
  const place = resolveCounty(fields.province, fields.county);
  await Promise.all([assertDriveAccepts(store, fields.driveId, fields.province, { recent: true }), assertPartnersExist(store, fields.partners)]);
  const now = store.now().toISOString();
  const created = newEntity(fields, idempotencyKey);
  const record = { ...fields, ...place, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  const { replayed } = await putNewEntityItem(store, recordItem(type, record), type, created);
  return replayed ? recordOf<F & EntityMeta>(replayed) : record;
}

async function getRecordItem<T>(store: Store, type: DriveRecordType, id: string): Promise<{ record: T; item: Item }> {
  const item = await getItem(store, keyOf[type](id));
  if (!item) throw new NotFoundError(type, id);
  return { record: recordOf<T>(item), item };
}

export async function getDriveRecord<T extends DriveRecordFields>(store: Store, principal: Principal, type: DriveRecordType, id: string): Promise<T> {
  authorize(principal, 'donation:read');
  const { record } = await getRecordItem<T>(store, type, id);
  authorize(principal, 'donation:read', record.province);
  return record;
}

/**
 * A patch merged into a record: a value given replaces the stored one, `null` removes it (an
 * optional field becomes absent, e.g. an unknown package count), a field left out stays.
 */
export function mergeFields<T extends object>(current: T, patch: object): T {
  const merged = { ...current } as Record<string, unknown>;
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  return merged as T;
}

/**
 * Corrects a record at the version the caller read. The caller must be allowed to record in
 * the record's province and, when the correction moves it, in the new one; a record moved to
 * another drive or province must still be accepted there. `apply` merges the patch, `rules`
 * checks the result. The aggregator moves the figures (it sees the old and the new image).
 */
export async function updateDriveRecord<T extends StoredRecord>(
  store: Store,
  principal: Principal,
  type: DriveRecordType,
  id: string,
  expectedVersion: number,
  apply: (current: T) => T,
  rules: (merged: T) => RuleViolation[],
): Promise<T> {
  authorize(principal, 'donation:write');
  const { record: current, item } = await getRecordItem<T>(store, type, id);
  authorize(principal, 'donation:write', current.province);
  const corrected = apply(current);
  if (corrected.province !== current.province) authorize(principal, 'donation:write', corrected.province);
  // A new place: its county is matched again (a move to another province without a new county leaves the old one behind).
  if (corrected.county !== current.county || corrected.province !== current.province) {
    const keepsCounty = corrected.county !== current.county || corrected.province === current.province;
    const county = keepsCounty ? corrected.county : undefined;
    delete corrected.county;
    delete corrected.countyCode;
    Object.assign(corrected, resolveCounty(corrected.province, county));
  }
  if (corrected.partners !== current.partners) await assertPartnersExist(store, corrected.partners);
  if (current.voidedAt !== undefined) throw new RecordVoidedError(type, id);
  if (current.version !== expectedVersion) throw new VersionMismatchError(type, id, expectedVersion);
  assertNoViolations(rules(corrected));
  if (corrected.driveId !== current.driveId || corrected.province !== current.province) {
    await assertDriveAccepts(store, corrected.driveId, corrected.province);
  }
  // What identifies the record and when it was made does not change with a correction.
  const merged: T = {
    ...corrected,
    id: current.id,
    createdAt: current.createdAt,
    createdBy: current.createdBy,
    version: current.version + 1,
    updatedAt: store.now().toISOString(),
  };
  await replaceItemAtVersion(store, recordItem(type, merged, internalAttributes(item)), expectedVersion, type, id);
  return merged;
}

/**
 * Voids a record at the version the caller read: it keeps every field, gains `voidedAt`,
 * `voidedBy` and `voidReason`, and counts in no figure from then on. With an idempotency key
 * the void's receipt rides in the item, so a retry of the same void (after a lost response)
 * gets the voided record again rather than a conflict; any other void of a voided record is 409.
 */
export async function voidDriveRecord<T extends StoredRecord>(
  store: Store,
  principal: Principal,
  type: DriveRecordType,
  id: string,
  expectedVersion: number,
  fields: VoidFields,
  idempotencyKey?: IdempotencyKey,
): Promise<T> {
  authorize(principal, 'donation:write');
  const { record: current, item } = await getRecordItem<T>(store, type, id);
  authorize(principal, 'donation:write', current.province);
  const receipt = idempotencyKey ? { key: idForIdempotencyKey(idempotencyKey), hash: requestHash({ id, ...fields }) } : undefined;
  if (current.voidedAt !== undefined) {
    const [key, hash] = String(item[VOID_REQUEST_ATTRIBUTE] ?? '').split('.');
    if (receipt && key === receipt.key) {
      if (hash !== receipt.hash) throw new IdempotencyKeyReusedError();
      return current;
    }
    throw new RecordVoidedError(type, id);
  }
  if (current.version !== expectedVersion) throw new VersionMismatchError(type, id, expectedVersion);
  const now = store.now().toISOString();
  const voided: T = {
    ...current,
    voidedAt: now,
    voidedBy: principal.subject,
    voidReason: fields.reason,
    version: current.version + 1,
    updatedAt: now,
  };
  const internal = { ...internalAttributes(item), ...(receipt ? { [VOID_REQUEST_ATTRIBUTE]: `${receipt.key}.${receipt.hash}` } : {}) };
  await replaceItemAtVersion(store, recordItem(type, voided, internal), expectedVersion, type, id);
  return voided;
}

export interface DriveRecordQuery {
  province?: PlaceCode;
  driveId?: string;
  limit: number;
  cursor?: string;
}

/** Lists newest first, never outside the principal's provinces; voided records included, marked with `voidedAt`. */
export async function listDriveRecords<T>(store: Store, principal: Principal, type: DriveRecordType, query: DriveRecordQuery): Promise<Page<T>> {
  authorize(principal, 'donation:read', ...(query.province ? [query.province] : []));
  const mine = principal.provinces;
  const onlyMine = mine === '*' ? undefined : mine;
  const common = { newestFirst: true, limit: query.limit, cursor: query.cursor };
  let page: Page<Item>;
  // Each list reads every shard of its key, merged newest first (table/keys.ts, RECORD_SHARDS).
  if (query.driveId) {
    page = await queryMergedPage(store, {
      partitions: indexPartitions.byDrive(query.driveId, type),
      filters: { province: query.province ?? onlyMine },
      ...common,
    });
  } else {
    const province = query.province ?? (onlyMine?.length === 1 ? onlyMine[0] : undefined);
    if (province) {
      page = await queryMergedPage(store, { partitions: indexPartitions.recordsByProvince(province, type), ...common });
    } else if (!onlyMine) {
      page = await queryMergedPage(store, { partitions: indexPartitions.recordsByType(type), ...common });
    } else {
      throw new ValidationError([{ field: 'province', message: 'Name a province or a drive' }]);
    }
  }
  return { ...page, items: page.items.map((i) => recordOf<T>(i)) };
}
