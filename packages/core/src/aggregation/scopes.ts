import type { PlaceCode } from '../places/provinces.ts';

/**
 * Aggregate scopes, as DESIGN.md names them. The scope string is the suffix of the
 * aggregate's and the history's keys (`keys.aggregate`, `keys.history`).
 * - a province, or the country (`PROVINCE#IR`: only what was recorded nationally);
 * - a county of a province, by its Statistical Centre code (places/counties.ts), never its name;
 * - a drive;
 * - a programme (by the name key of its name, text/name-key.ts) and a programme in one place;
 * - a partner in one place (a partner's total is the sum of its places).
 */
export const scopes = {
  province: (code: PlaceCode) => `PROVINCE#${code}`,
  county: (code: PlaceCode, countyCode: string) => `COUNTY#${code}#${countyCode}`,
  drive: (id: string) => `DRIVE#${id}`,
  programme: (programmeKey: string) => `PROGRAMME#${programmeKey}`,
  programmePlace: (programmeKey: string, place: PlaceCode) => `PROGRAMME#${programmeKey}#${place}`,
  partnerPlace: (partnerId: string, place: PlaceCode) => `PARTNER#${partnerId}#${place}`,
  /** The parent of a partner's place scopes (a partner's total is read as their sum: it has no aggregate of its own). */
  partner: (partnerId: string) => `PARTNER#${partnerId}`,
};

/** The nation: the refresh's rollup of the provinces and `IR`, and its daily snapshots. */
export const NATIONAL_SCOPE = 'NATIONAL';

export type ScopeKind = 'province' | 'county' | 'drive' | 'programme' | 'programmePlace' | 'partnerPlace';

export interface ParsedScope {
  kind: ScopeKind;
  province?: PlaceCode;
  county?: string;
  driveId?: string;
  programmeKey?: string;
  partnerId?: string;
}

export function parseScope(scope: string): ParsedScope | undefined {
  const [kind, a, b, ...rest] = scope.split('#');
  if (!a || rest.length) return undefined;
  if (kind === 'PROVINCE' && !b) return { kind: 'province', province: a as PlaceCode };
  if (kind === 'COUNTY' && b) return { kind: 'county', province: a as PlaceCode, county: b };
  if (kind === 'DRIVE' && !b) return { kind: 'drive', driveId: a };
  if (kind === 'PROGRAMME') return b ? { kind: 'programmePlace', programmeKey: a, province: b as PlaceCode } : { kind: 'programme', programmeKey: a };
  if (kind === 'PARTNER' && b) return { kind: 'partnerPlace', partnerId: a, province: b as PlaceCode };
  return undefined;
}
