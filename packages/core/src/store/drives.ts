import { authorize, type Principal } from '../auth/principal.ts';
import { ForbiddenError, ValidationError, VersionMismatchError } from '../errors.ts';
import type { PlaceCode, ProvinceCode } from '../places/provinces.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { driveRuleViolations, type DriveFields, type DrivePatch } from '../schemas/drive.ts';
import { indexKeys, indexPartitions, keys } from '../table/keys.ts';
import { ruleMessage } from '../validation/messages.ts';
import type { IdempotencyKey } from './idempotency.ts';
import {
  getEntityItem,
  getItem,
  listingKey,
  newEntity,
  putNewEntityItem,
  queryPage,
  replaceItemAtVersion,
  withoutKeys,
  type Item,
  type Page,
} from './items.ts';
import { assertPartnersExist } from './partners.ts';
import { assertNoViolations } from './rules.ts';
import type { Store } from './store.ts';

export type Drive = DriveFields & EntityMeta;

function driveItem(drive: Drive, internal: Item = {}): Item {
  return { ...keys.drive(drive.id), ...indexKeys.byType('Drive', listingKey(drive)), type: 'Drive', ...drive, ...internal };
}

/** A provincial drive is its province's business; a national one (no province) needs an admin of all provinces. */
function authorizeDrive(principal: Principal, ...provinces: (ProvinceCode | undefined)[]): void {
  authorize(principal, 'drive:write', ...provinces.filter((p): p is ProvinceCode => p !== undefined));
  if (provinces.some((p) => p === undefined) && principal.provinces !== '*') {
    throw new ForbiddenError({ province: 'IR' });
  }
}

export async function createDrive(store: Store, principal: Principal, fields: DriveFields, idempotencyKey?: IdempotencyKey): Promise<Drive> {
  authorizeDrive(principal, fields.province);
  await assertPartnersExist(store, fields.partners);
  const now = store.now().toISOString();
  const created = newEntity(fields, idempotencyKey);
  const drive: Drive = { ...fields, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  const { replayed } = await putNewEntityItem(store, driveItem(drive), 'Drive', created);
  return replayed ? withoutKeys<Drive>(replayed) : drive;
}

async function getDriveItem(store: Store, id: string): Promise<{ drive: Drive; internal: Item }> {
  const { entity, internal } = await getEntityItem<Drive>(store, keys.drive(id), 'Drive', id);
  return { drive: entity, internal };
}

export async function getDrive(store: Store, id: string): Promise<Drive> {
  return (await getDriveItem(store, id)).drive;
}

export async function updateDrive(store: Store, principal: Principal, id: string, expectedVersion: number, patch: DrivePatch): Promise<Drive> {
  authorize(principal, 'drive:write');
  const { drive: current, internal } = await getDriveItem(store, id);
  authorizeDrive(principal, current.province, ...('province' in patch ? [patch.province] : []));
  if (current.version !== expectedVersion) throw new VersionMismatchError('Drive', id, expectedVersion);
  const merged: Drive = { ...current, ...patch, version: current.version + 1, updatedAt: store.now().toISOString() };
  assertNoViolations(driveRuleViolations(merged));
  await assertPartnersExist(store, patch.partners);
  await replaceItemAtVersion(store, driveItem(merged, internal), expectedVersion, 'Drive', id);
  forgetDrive(store, id);
  return merged;
}

export async function listDrives(store: Store, limit: number, cursor?: string): Promise<Page<Drive>> {
  const page = await queryPage(store, {
    ...indexPartitions.byType('Drive'),
    newestFirst: true,
    limit,
    cursor,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<Drive>(i)) };
}

/**
 * How long a container trusts a drive it read, for a new donation or distribution. At the
 * drive day's peak every POST /donations names the same drive: read each time, that is 5,000
 * strongly consistent reads a second of one key (the limit is 3,000 read units). Kept for
 * 30 s, it is one read a container every 30 s (eventually consistent: half a unit).
 *
 * What a new record needs of its drive is that it exists and, for a provincial drive, that the
 * record is of its province (drives have no closing or voiding; their dates are not checked).
 * Drives are never deleted, and a drive not found or of another province is read again
 * strongly consistently before the request is refused: the memory never refuses a record the
 * drive accepts. The one thing it can let through: for up to 30 s after a PATCH moves a drive
 * to another province (or gives a national drive one), a container that read it before may
 * record a donation of the old province in it. Such a record counts where it says (its
 * province, and the drive's `place:` counters); staff correct or void it. Corrections read
 * the drive exactly, and a PATCH in the same container forgets it at once.
 */
export const DRIVE_MEMORY_MS = 30_000;

/** Drives read for new records, by table and id: the read (shared by requests arriving meanwhile) and when it was made (the store's clock). */
const remembered = new Map<string, { drive: Promise<Drive | undefined>; readAt: number }>();
/** Drives are few (hundreds); a bound keeps a long-lived container's memory small whatever happens. */
const MAX_REMEMBERED = 1_000;

const memoryKey = (store: Store, id: string) => `${store.tableName}\n${id}`;

async function readDrive(store: Store, id: string, consistent: boolean): Promise<Drive | undefined> {
  const item = await getItem(store, keys.drive(id), consistent);
  return item ? withoutKeys<Drive>(item) : undefined;
}

/** The drive as read at most DRIVE_MEMORY_MS ago in this container, or read now (eventually consistent) and kept when found. */
function recentDrive(store: Store, id: string): Promise<Drive | undefined> {
  const key = memoryKey(store, id);
  const now = store.now().getTime();
  const kept = remembered.get(key);
  if (kept && now >= kept.readAt && now - kept.readAt < DRIVE_MEMORY_MS) return kept.drive;
  const drive = readDrive(store, id, false);
  remember(store, id, drive);
  return drive;
}

/** Keeps a read of a drive; a drive not found (or a failed read) is not kept: one created a moment ago is found on the next request. */
function remember(store: Store, id: string, drive: Promise<Drive | undefined>): void {
  const key = memoryKey(store, id);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  const entry = { drive, readAt: store.now().getTime() };
  remembered.set(key, entry);
  const forget = () => remembered.get(key) === entry && remembered.delete(key);
  drive.then((found) => found || forget(), forget);
}

/** Forgets what this container read of a drive (it was just changed here). */
function forgetDrive(store: Store, id: string): void {
  remembered.delete(memoryKey(store, id));
}

function acceptsProvince(drive: Drive, province: PlaceCode): boolean {
  return !drive.province || drive.province === province;
}

/**
 * A donation or distribution must name an existing drive, of its own province when the drive
 * has one. `recent`: a drive this container read in the last DRIVE_MEMORY_MS will do when it
 * accepts the record (a new record, the hot path); a refusal is always from a consistent read.
 */
export async function assertDriveAccepts(store: Store, driveId: string, province: PlaceCode, { recent = false } = {}): Promise<Drive> {
  if (recent) {
    const drive = await recentDrive(store, driveId);
    if (drive && acceptsProvince(drive, province)) return drive;
  }
  const drive = await readDrive(store, driveId, true);
  if (recent) remember(store, driveId, Promise.resolve(drive));
  // For a donation, a missing drive is a wrong field of the request, not a missing resource.
  if (!drive) throw new ValidationError([{ field: 'driveId', rule: 'driveNotFound', message: ruleMessage('driveNotFound', 'en') }]);
  if (!acceptsProvince(drive, province)) {
    throw new ValidationError([{ field: 'province', rule: 'driveProvince', message: ruleMessage('driveProvince', 'en') }]);
  }
  return drive;
}
