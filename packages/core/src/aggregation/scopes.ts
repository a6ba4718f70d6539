import type { ProvinceCode } from '../places/provinces.ts';

/**
 * Aggregate scopes, as DESIGN.md names them: a province, a county of a province, a drive.
 * The scope string is the suffix of the aggregate's and the history's keys (`keys.aggregate`, `keys.history`).
 */
export const scopes = {
  province: (code: ProvinceCode) => `PROVINCE#${code}`,
  county: (code: ProvinceCode, county: string) => `COUNTY#${code}#${county}`,
  drive: (id: string) => `DRIVE#${id}`,
};

/** The nation: the refresh's rollup of the provinces and its daily snapshots. */
export const NATIONAL_SCOPE = 'NATIONAL';

export type ScopeKind = 'province' | 'county' | 'drive';

export interface ParsedScope {
  kind: ScopeKind;
  province?: ProvinceCode;
  county?: string;
  driveId?: string;
}

export function parseScope(scope: string): ParsedScope | undefined {
  const [kind, a, ...rest] = scope.split('#');
  if (kind === 'PROVINCE' && a) return { kind: 'province', province: a as ProvinceCode };
  if (kind === 'COUNTY' && a && rest.length) return { kind: 'county', province: a as ProvinceCode, county: rest.join('#') };
  if (kind === 'DRIVE' && a) return { kind: 'drive', driveId: a };
  return undefined;
}
