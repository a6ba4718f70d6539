import type { ProvinceCode } from '../places/provinces.ts';

/**
 * Every key format of the table, in one place. Nothing outside core builds a key.
 * Ids are ULIDs (or derived from an idempotency key); index sort keys are `createdAt#id`, so lists are newest first.
 */
export type EntityType = 'Project' | 'ProgressReport' | 'Drive' | 'Donation' | 'Distribution';

export interface ItemKey {
  pk: string;
  sk: string;
}

export const keys = {
  project: (id: string): ItemKey => ({ pk: `PROJECT#${id}`, sk: 'PROJECT' }),
  progressReport: (projectId: string, reportedAt: string, reportId: string): ItemKey => ({
    pk: `PROJECT#${projectId}`,
    sk: `PROGRESS#${reportedAt}#${reportId}`,
  }),
  progressPrefix: 'PROGRESS#',
  /** The receipt of a progress report sent with an idempotency key: where the report is, and the request's hash. */
  progressReceipt: (projectId: string, reportId: string): ItemKey => ({ pk: `PROJECT#${projectId}`, sk: `RECEIPT#${reportId}` }),
  drive: (id: string): ItemKey => ({ pk: `DRIVE#${id}`, sk: 'DRIVE' }),
  donation: (id: string): ItemKey => ({ pk: `DONATION#${id}`, sk: 'DONATION' }),
  distribution: (id: string): ItemKey => ({ pk: `DISTRIBUTION#${id}`, sk: 'DISTRIBUTION' }),
};

/** Index keys: GSI1 by province, GSI2 by programme or drive, GSI3 by type; sort keys order by creation (`listingKey`). */
export const indexKeys = {
  byProvince: (province: ProvinceCode, type: EntityType, sortKey: string) => ({ gsi1pk: `PROVINCE#${province}#${type.toUpperCase()}`, gsi1sk: sortKey }),
  byProgramme: (programme: string, sortKey: string) => ({ gsi2pk: `PROGRAMME#${programme}`, gsi2sk: sortKey }),
  byDrive: (driveId: string, type: EntityType, sortKey: string) => ({ gsi2pk: `DRIVE#${driveId}#${type.toUpperCase()}`, gsi2sk: sortKey }),
  byType: (type: EntityType, sortKey: string) => ({ gsi3pk: `TYPE#${type.toUpperCase()}`, gsi3sk: sortKey }),
};

/** Attributes that are keys, stripped before an item becomes an entity. */
export const KEY_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'type'] as const;
