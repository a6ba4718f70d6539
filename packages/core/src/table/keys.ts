import type { ProvinceCode } from '../places/provinces.ts';

/**
 * Every key format of the table, in one place. Nothing outside core builds a key.
 * Ids are ULIDs, so sorting an index by id sorts it by creation time.
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
  drive: (id: string): ItemKey => ({ pk: `DRIVE#${id}`, sk: 'DRIVE' }),
  donation: (id: string): ItemKey => ({ pk: `DONATION#${id}`, sk: 'DONATION' }),
  distribution: (id: string): ItemKey => ({ pk: `DISTRIBUTION#${id}`, sk: 'DISTRIBUTION' }),
};

/** Index keys: GSI1 by province, GSI2 by programme or drive, GSI3 by type. */
export const indexKeys = {
  byProvince: (province: ProvinceCode, type: EntityType, id: string) => ({ gsi1pk: `PROVINCE#${province}#${type.toUpperCase()}`, gsi1sk: id }),
  byProgramme: (programme: string, id: string) => ({ gsi2pk: `PROGRAMME#${programme}`, gsi2sk: id }),
  byDrive: (driveId: string, type: EntityType, id: string) => ({ gsi2pk: `DRIVE#${driveId}#${type.toUpperCase()}`, gsi2sk: id }),
  byType: (type: EntityType, id: string) => ({ gsi3pk: `TYPE#${type.toUpperCase()}`, gsi3sk: id }),
};

/** Attributes that are keys, stripped before an item becomes an entity. */
export const KEY_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'type'] as const;
