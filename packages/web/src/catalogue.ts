import { UNITS } from '@abad/core/indicators/catalogue';
import { WHOLE_PROVINCE_LABEL } from '@abad/core/places/counties';
import { NATIONAL_CODE, NATIONAL_PLACE } from '@abad/core/places/provinces';
import { getJson } from './api.ts';
import { comparePersian, faText } from './format/text.ts';
import type { IndicatorJson, ListResponse, PartnerJson } from './types.ts';

/**
 * The reference data the forms and pages read from the API: the indicator catalogue (shipped
 * indicators and those admins added) and the partner register. Labels of units, kinds and
 * roles are core's; only names that admins enter come from the API.
 */
export async function loadIndicators(): Promise<IndicatorJson[]> {
  return (await getJson<{ items: IndicatorJson[] }>('/indicators')).items;
}

/** The partner register, every page of it (a few hundred partners at most in practice). */
export async function loadPartners(): Promise<PartnerJson[]> {
  const found: PartnerJson[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await getJson<ListResponse<PartnerJson>>(`/partners?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    found.push(...result.items);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found.sort((a, b) => comparePersian(a.name, b.name));
}

/** The Persian name of an indicator's unit: «متر مربع». */
export function unitLabel(indicator: Pick<IndicatorJson, 'unit' | 'unitLabel'>): string {
  return UNITS[indicator.unit]?.fa ?? indicator.unitLabel.fa;
}

/** Where a record is, as a reader says it (display only): its county, «کل استان», or «کل کشور» for `IR`. */
export function placeLabel(record: { province: string; county?: string | undefined }): string {
  if (record.province === NATIONAL_CODE) return NATIONAL_PLACE.fa;
  return record.county === undefined ? WHOLE_PROVINCE_LABEL : faText(record.county);
}
