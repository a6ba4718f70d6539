import { ValidationError } from '../errors.ts';
import { ruleMessage } from '../validation/messages.ts';
import { closestCounties, matchCounty } from './counties.ts';
import { isProvinceCode, type PlaceCode } from './provinces.ts';

/** Where a record is within its place: a catalogue county (its spelling and code), or none (the whole province). */
export interface CountyOfRecord {
  county?: string;
  countyCode?: string;
}

/**
 * The catalogue county a typed name means in a province, after Persian normalization
 * («كبودراهنگ» is کبودرآهنگ); absent stays absent (the whole province). A name that matches
 * no county of the province (a typo, «کل استان», another province's county, anything for
 * `IR`) is a 422 naming the field, with the closest names as suggestions.
 */
export function resolveCounty(province: PlaceCode, county: string | undefined, field = 'county'): CountyOfRecord {
  if (county === undefined) return {};
  const match = isProvinceCode(province) ? matchCounty(province, county) : undefined;
  if (match) return { county: match.name, countyCode: match.code };
  const suggestions = isProvinceCode(province) ? closestCounties(province, county).map((c) => c.name) : [];
  throw new ValidationError([{ field, rule: 'unknownCounty', params: { suggestions }, message: ruleMessage('unknownCounty', 'en', { suggestions }) }]);
}
