import * as z from 'zod';

/**
 * Iran's 31 provinces with their current ISO 3166-2:IR codes (the 2020 numbering, as the npm
 * package `iso-3166` lists them — older data sets still carry the codes ISO replaced).
 */
export const PROVINCES = [
  { code: 'IR-00', fa: 'مرکزی', en: 'Markazi' },
  { code: 'IR-01', fa: 'گیلان', en: 'Gilan' },
  { code: 'IR-02', fa: 'مازندران', en: 'Mazandaran' },
  { code: 'IR-03', fa: 'آذربایجان شرقی', en: 'East Azerbaijan' },
  { code: 'IR-04', fa: 'آذربایجان غربی', en: 'West Azerbaijan' },
  { code: 'IR-05', fa: 'کرمانشاه', en: 'Kermanshah' },
  { code: 'IR-06', fa: 'خوزستان', en: 'Khuzestan' },
  { code: 'IR-07', fa: 'فارس', en: 'Fars' },
  { code: 'IR-08', fa: 'کرمان', en: 'Kerman' },
  { code: 'IR-09', fa: 'خراسان رضوی', en: 'Razavi Khorasan' },
  { code: 'IR-10', fa: 'اصفهان', en: 'Isfahan' },
  { code: 'IR-11', fa: 'سیستان و بلوچستان', en: 'Sistan and Baluchestan' },
  { code: 'IR-12', fa: 'کردستان', en: 'Kurdistan' },
  { code: 'IR-13', fa: 'همدان', en: 'Hamadan' },
  { code: 'IR-14', fa: 'چهارمحال و بختیاری', en: 'Chaharmahal and Bakhtiari' },
  { code: 'IR-15', fa: 'لرستان', en: 'Lorestan' },
  { code: 'IR-16', fa: 'ایلام', en: 'Ilam' },
  { code: 'IR-17', fa: 'کهگیلویه و بویراحمد', en: 'Kohgiluyeh and Boyer-Ahmad' },
  { code: 'IR-18', fa: 'بوشهر', en: 'Bushehr' },
  { code: 'IR-19', fa: 'زنجان', en: 'Zanjan' },
  { code: 'IR-20', fa: 'سمنان', en: 'Semnan' },
  { code: 'IR-21', fa: 'یزد', en: 'Yazd' },
  { code: 'IR-22', fa: 'هرمزگان', en: 'Hormozgan' },
  { code: 'IR-23', fa: 'تهران', en: 'Tehran' },
  { code: 'IR-24', fa: 'اردبیل', en: 'Ardabil' },
  { code: 'IR-25', fa: 'قم', en: 'Qom' },
  { code: 'IR-26', fa: 'قزوین', en: 'Qazvin' },
  { code: 'IR-27', fa: 'گلستان', en: 'Golestan' },
  { code: 'IR-28', fa: 'خراسان شمالی', en: 'North Khorasan' },
  { code: 'IR-29', fa: 'خراسان جنوبی', en: 'South Khorasan' },
  { code: 'IR-30', fa: 'البرز', en: 'Alborz' },
] as const;

export type Province = (typeof PROVINCES)[number];
export type ProvinceCode = Province['code'];

export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as [ProvinceCode, ...ProvinceCode[]];

const byCode = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));

export function isProvinceCode(value: string): value is ProvinceCode {
  return byCode.has(value);
}

export function provinceByCode(code: ProvinceCode): Province {
  return byCode.get(code)!;
}

const asCode = (v: unknown) =>
  typeof v === 'string'
    ? v
        .trim()
        .toUpperCase()
        .replace(/[۰-۹٠-٩]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    : v;

/** Accepts `IR-13`, `ir-13` or `IR-۱۳`; anything else is a validation error naming the field. */
export const provinceCodeSchema = z.preprocess(asCode, z.enum(PROVINCE_CODES));

/** The country itself (ISO 3166-1 `IR`): the place of what belongs to no one province. Only callers with `*` act there. */
export const NATIONAL_CODE = 'IR';
export type PlaceCode = ProvinceCode | typeof NATIONAL_CODE;
export const PLACE_CODES = [...PROVINCE_CODES, NATIONAL_CODE] as [PlaceCode, ...PlaceCode[]];

export function isPlaceCode(value: string): value is PlaceCode {
  return value === NATIONAL_CODE || byCode.has(value);
}

/** A province or the country: where a project, plan, donation or distribution belongs. */
export const placeCodeSchema = z.preprocess(asCode, z.enum(PLACE_CODES));

/** The country as a place, named like a province. */
export const NATIONAL_PLACE = { code: NATIONAL_CODE, fa: 'کل کشور', en: 'Iran (national)' } as const;
