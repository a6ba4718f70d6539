import type { PlaceCode } from '../places/provinces.ts';

/**
 * Aggregate scopes, as DESIGN.md names them. The scope string is the suffix of the
 * aggregate's and the history's keys (`keys.aggregate`, `keys.history`).
 * - a province, or the country (`PROVINCE#IR`: only what was recorded nationally);
 * - a county of a province, by its Statistical Centre code (places/counties.ts), never its name;
 * - a drive;
 * - a programme (by the name key of its name, text/name-key.ts);
 * - a place's breakdown: what the place's records add to each programme and each partner there
 *   (breakdown-counters.ts). One item per place rather than one per programme × place and per
 *   partner × place: a batch writes it once per place, however many programmes and partners its
 *   records name (measured by `npm run bench -- aggregation-write-cost`).
 */
export const scopes = {
  province: (code: PlaceCode) => `PROVINCE#${code}`,
  county: (code: PlaceCode, countyCode: string) => `COUNTY#${code}#${countyCode}`,
  drive: (id: string) => `DRIVE#${id}`,
  programme: (programmeKey: string) => `PROGRAMME#${programmeKey}`,
  breakdown: (code: PlaceCode) => `BREAKDOWN#${code}`,
};

/** The nation: the refresh's rollup of the provinces and `IR`, and its daily snapshots. */
export const NATIONAL_SCOPE = 'NATIONAL';

export type ScopeKind = 'province' | 'county' | 'drive' | 'programme' | 'breakdown';

export interface ParsedScope {
  kind: ScopeKind;
  province?: PlaceCode;
  county?: string;
  driveId?: string;
  programmeKey?: string;
}

export function parseScope(scope: string): ParsedScope | undefined {
  const [kind, a, b, ...rest] = scope.split('#');
  if (!a || rest.length) return undefined;
  if (kind === 'PROVINCE' && !b) return { kind: 'province', province: a as PlaceCode };
  if (kind === 'COUNTY' && b) return { kind: 'county', province: a as PlaceCode, county: b };
  if (kind === 'DRIVE' && !b) return { kind: 'drive', driveId: a };
  if (kind === 'PROGRAMME' && !b) return { kind: 'programme', programmeKey: a };
  if (kind === 'BREAKDOWN' && !b) return { kind: 'breakdown', province: a as PlaceCode };
  return undefined;
}
