/**
 * The indicator catalogue: what a project delivers, counted in units (the way DHIS2 data
 * elements and IATI result indicators work). Codes are stable and never reused; names and
 * unit labels are what readers see. Admins add indicators (store/indicators.ts); the ones
 * here ship with Abad and cover the outputs provincial reports list.
 *
 * Money is not an indicator: budgets and loans stay `budgetToman` and `loansToman` (bigint).
 */

/** Units of measure, each with its Persian label. */
export const UNITS = {
  unit: { fa: 'واحد', en: 'unit' },
  person: { fa: 'نفر', en: 'person' },
  household: { fa: 'خانوار', en: 'household' },
  project: { fa: 'پروژه', en: 'project' },
  building: { fa: 'باب', en: 'building' },
  item: { fa: 'عدد', en: 'item' },
  device: { fa: 'دستگاه', en: 'device' },
  strand: { fa: 'رشته', en: 'strand (qanat)' },
  village: { fa: 'روستا', en: 'village' },
  classroom: { fa: 'کلاس', en: 'classroom' },
  package: { fa: 'بسته', en: 'package' },
  set: { fa: 'سری', en: 'set' },
  metre: { fa: 'متر', en: 'metre' },
  kilometre: { fa: 'کیلومتر', en: 'kilometre' },
  square_metre: { fa: 'متر مربع', en: 'square metre' },
  cubic_metre: { fa: 'متر مکعب', en: 'cubic metre' },
  hectare: { fa: 'هکتار', en: 'hectare' },
  percent: { fa: 'درصد', en: 'percent' },
} as const;
export type Unit = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as [Unit, ...Unit[]];

/**
 * A project field an indicator is read from: the fixed counters that existed before the
 * catalogue keep their fields and their figures, and are the `actual` of these indicators
 * (a project's outputs may give their `target`, not their `actual`).
 */
export const INDICATOR_FIELDS = ['projects', 'jobsCreated', 'housingUnits', 'beneficiaryHouseholds'] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export interface Indicator {
  /** Stable code: lower-case ASCII, digits and `_`. */
  code: string;
  fa: string;
  en: string;
  unit: Unit;
  /** Whether values add up across projects and places (a percentage does not). */
  additive: boolean;
  /** The project field its actual is read from, for the fixed counters. */
  field?: IndicatorField;
  /** Shipped with Abad (false for those an admin added). */
  builtIn: boolean;
}

type Shipped = [code: string, fa: string, en: string, unit: Unit, field?: IndicatorField];

const SHIPPED: Shipped[] = [
  ['projects', 'پروژه', 'Projects', 'project', 'projects'],
  ['jobs', 'شغل ایجادشده', 'Jobs created', 'person', 'jobsCreated'],
  ['housing_units', 'واحد مسکونی', 'Housing units', 'unit', 'housingUnits'],
  ['beneficiary_households', 'خانوار بهره‌مند', 'Beneficiary households', 'household', 'beneficiaryHouseholds'],
  ['housing_units_built', 'واحد مسکونی ساخته‌شده', 'Housing units built', 'unit'],
  ['housing_units_repaired', 'واحد مسکونی تعمیر یا مقاوم‌سازی‌شده', 'Housing units repaired or retrofitted', 'unit'],
  ['workshops', 'کارگاه تولیدی', 'Production workshops', 'unit'],
  ['beneficiaries', 'نفر بهره‌مند', 'Beneficiaries', 'person'],
  ['schools', 'مدرسه', 'Schools', 'building'],
  ['classrooms', 'کلاس درس', 'Classrooms', 'classroom'],
  ['school_toilets', 'سرویس بهداشتی مدارس', 'School toilets', 'item'],
  ['mosques', 'مسجد', 'Mosques', 'building'],
  ['health_houses', 'خانهٔ بهداشت', 'Health houses', 'building'],
  ['health_centres', 'مرکز خدمات جامع سلامت', 'Health centres', 'building'],
  ['water_tanks', 'مخزن آب', 'Water tanks', 'item'],
  ['qanats', 'قنات', 'Qanats', 'strand'],
  ['villages_supplied_water', 'روستای برخوردار از آب', 'Villages supplied with water', 'village'],
  ['water_pipe_km', 'خط انتقال و شبکهٔ آب', 'Water pipeline', 'kilometre'],
  ['rural_road_km', 'راه روستایی', 'Rural roads', 'kilometre'],
  ['asphalt_km', 'آسفالت معابر', 'Asphalted roads', 'kilometre'],
  ['green_space_m2', 'فضای سبز', 'Green space', 'square_metre'],
  ['flood_walls_m', 'دیوارهٔ سیل‌بند', 'Flood walls', 'metre'],
  ['watershed_ha', 'آبخیزداری', 'Watershed management', 'hectare'],
  ['body_washing_houses', 'غسالخانه', 'Body-washing houses', 'building'],
  ['martyrs_cemeteries', 'گلزار شهدا', "Martyrs' cemeteries", 'item'],
  ['clergy_residences', 'منزل روحانی', 'Clergy residences', 'unit'],
  ['cultural_complexes', 'مجتمع فرهنگی', 'Cultural complexes', 'building'],
  ['quran_schools', 'دارالقرآن', 'Quran schools', 'building'],
  ['sports_venues', 'فضای ورزشی', 'Sports venues', 'item'],
  ['addiction_camps', 'کمپ ترک اعتیاد', 'Addiction-treatment camps', 'item'],
  ['public_buildings', 'ساختمان عمومی', 'Public buildings', 'building'],
  ['electricity_connections', 'انشعاب برق', 'Electricity connections', 'item'],
  ['greenhouses_m2', 'گلخانه', 'Greenhouses', 'square_metre'],
  ['livestock_units', 'واحد دامداری', 'Livestock units', 'unit'],
  ['livelihood_packages', 'بستهٔ معیشتی', 'Livelihood packages', 'package'],
  ['dowry_sets', 'سری جهیزیه', 'Dowry sets', 'set'],
  ['hygiene_packs', 'بستهٔ بهداشتی', 'Hygiene packs', 'package'],
  ['medical_devices', 'تجهیزات پزشکی', 'Medical devices', 'device'],
];

export const SHIPPED_INDICATORS: readonly Indicator[] = [
  ...SHIPPED.map(([code, fa, en, unit, field]) => ({ code, fa, en, unit, additive: true, ...(field ? { field } : {}), builtIn: true })),
  { code: 'rural_water_coverage_percent', fa: 'پوشش آب شرب روستایی', en: 'Rural drinking-water coverage', unit: 'percent', additive: false, builtIn: true },
];

const shippedByCode = new Map(SHIPPED_INDICATORS.map((i) => [i.code, i]));

export function shippedIndicator(code: string): Indicator | undefined {
  return shippedByCode.get(code);
}

/** An indicator code: what an admin may name a new one. */
export const INDICATOR_CODE = /^[a-z][a-z0-9_]{1,47}$/;
