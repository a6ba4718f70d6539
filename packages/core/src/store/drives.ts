import { authorize, type Principal } from '../auth/principal.ts';
import { ForbiddenError, NotFoundError, ValidationError, VersionMismatchError } from '../errors.ts';
import type { PlaceCode, ProvinceCode } from '../places/provinces.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { driveRuleViolations, type DriveFields, type DrivePatch } from '../schemas/drive.ts';
import { indexKeys, indexPartitions, keys } from '../table/keys.ts';
import { ruleMessage } from '../validation/messages.ts';
import type { IdempotencyKey } from './idempotency.ts';
import { getEntityItem, listingKey, newEntity, putNewEntityItem, queryPage, replaceItemAtVersion, withoutKeys, type Item, type Page } from './items.ts';
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

/** A donation or distribution must name an existing drive, of its own province when the drive has one. */
export async function assertDriveAccepts(store: Store, driveId: string, province: PlaceCode): Promise<Drive> {
  const drive = await getDrive(store, driveId).catch((error: unknown) => {
    // For a donation, a missing drive is a wrong field of the request, not a missing resource.
    if (error instanceof NotFoundError) throw new ValidationError([{ field: 'driveId', rule: 'driveNotFound', message: ruleMessage('driveNotFound', 'en') }]);
    throw error;
  });
  if (drive.province && drive.province !== province) {
    throw new ValidationError([{ field: 'province', rule: 'driveProvince', message: ruleMessage('driveProvince', 'en') }]);
  }
  return drive;
}
