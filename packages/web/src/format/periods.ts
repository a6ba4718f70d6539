import { JALALI_MONTHS, daysInJalaliMonth, jalaliToIso } from './dates.ts';

/**
 * Periods as Persian reports name them — a Jalali year («۱۴۰۳»), a season («پاییز ۱۴۰۳») or a
 * month («مهر ۱۴۰۳») — and the ISO dates (`from`, `to`, both inclusive) the API filters by.
 * In a page's address a period is `1403`, `1403-S3` (the third season) or `1403-07`.
 */
export interface Period {
  /** As it sits in the address: `1403`, `1403-S3`, `1403-07`. */
  code: string;
  from: string;
  to: string;
  /** «سال ۱۴۰۳»، «پاییز ۱۴۰۳»، «مهر ۱۴۰۳». */
  label: string;
}

export const SEASONS = ['بهار', 'تابستان', 'پاییز', 'زمستان'] as const;

const faYear = (year: number) => new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(year);

/** The months `first`..`last` of a Jalali year as ISO dates. */
function span(year: number, first: number, last: number): { from: string; to: string } {
  return { from: jalaliToIso({ year, month: first, day: 1 })!, to: jalaliToIso({ year, month: last, day: daysInJalaliMonth(year, last) })! };
}

export function yearPeriod(year: number): Period {
  return { code: String(year), ...span(year, 1, 12), label: `سال ${faYear(year)}` };
}

/** `season` 1–4: بهار (months 1–3) … زمستان (10–12). */
export function seasonPeriod(year: number, season: number): Period {
  return { code: `${year}-S${season}`, ...span(year, season * 3 - 2, season * 3), label: `${SEASONS[season - 1]} ${faYear(year)}` };
}

export function monthPeriod(year: number, month: number): Period {
  return { code: `${year}-${String(month).padStart(2, '0')}`, ...span(year, month, month), label: `${JALALI_MONTHS[month - 1]} ${faYear(year)}` };
}

/** A period from its address form; undefined for anything else (an edited link falls back to «همهٔ دوره‌ها»). */
export function parsePeriod(code: string | null | undefined): Period | undefined {
  const match = /^(1[34]\d\d)(?:-(?:S([1-4])|(0[1-9]|1[0-2])))?$/.exec(code ?? '');
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2]) return seasonPeriod(year, Number(match[2]));
  if (match[3]) return monthPeriod(year, Number(match[3]));
  return yearPeriod(year);
}
