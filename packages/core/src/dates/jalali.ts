import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { toAsciiDigits } from '../text/persian.ts';

/**
 * Dates as people in Iran type them, read into the ISO dates the API stores: the Jalali
 * (Persian solar) calendar in any digit set — `۱۳۹۹/۰۱/۰۱`, `1399-01-01`, `1399/1/1`,
 * `۱ فروردین ۱۳۹۹` — a month `فروردین ۱۳۹۹` where a range is asked, and ISO Gregorian dates.
 * The year says which calendar: 1300–1499 is Jalali (1300 began in March 1921), 1921 and later
 * Gregorian; anything else would be an ancient date and is refused, never stored.
 * And back: every stored date's Jalali form, beside the ISO one in each response.
 * Pure: no clock but the `now` a caller passes, no I/O.
 */

export const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;
export const JALALI_MONTHS_EN = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
] as const;

/** The Jalali years the API reads: 1300 (1921) to 1499 (2121). */
export const FIRST_JALALI_YEAR = 1300;
export const LAST_JALALI_YEAR = 1499;
/** The first Gregorian year: nothing recorded is older (validation/date-range.ts EARLIEST_DATE). */
export const FIRST_GREGORIAN_YEAR = 1921;

export type DateError =
  /** Not a date in any accepted form. */
  | 'dateInput'
  /** A year before 1300 (Jalali) or from 1500 to 1920 (Gregorian): an ancient date. */
  | 'dateTooEarly'
  /** The form is right but the day does not exist (1400-12-30, 2021-02-29, 1399-13-01). */
  | 'noSuchDay';

export interface DateFailure {
  ok: false;
  error: DateError;
  /** For `noSuchDay`: which month, and how many days it has (undefined when the month itself does not exist). */
  params?: { calendar: 'jalali' | 'gregorian'; year: number; month: number; days?: number };
}
export type DateResult = { ok: true; iso: string; calendar: 'jalali' | 'gregorian' } | DateFailure;
export type MomentResult = { ok: true; iso: string } | DateFailure;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** A month's name as typed: Arabic ي/ك, alef with madda or not, ZWNJ, tatweel and diacritics do not matter. */
function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[آأإ]/g, 'ا')
    .replace(/[\u064b-\u065f\u0670\u0640\u200c\s]|\u200d/g, '')
    .toLowerCase();
}

const MONTH_BY_NAME = new Map<string, number>([
  ...JALALI_MONTHS.map((name, i) => [nameKey(name), i + 1] as const),
  ...JALALI_MONTHS_EN.map((name, i) => [nameKey(name), i + 1] as const),
  [nameKey('امرداد'), 5],
]);

/** ASCII digits, no invisible marks, one space between words, Persian letters in one form. */
function clean(text: string): string {
  return toAsciiDigits(text.normalize('NFC'))
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[،,]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const NUMERIC_DATE = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const NAMED_DATE = /^(\d{1,2}) ([^\d ]+(?: ماه)?) (\d{1,4})$/;
const NAMED_MONTH = /^([^\d ]+(?: ماه)?) (\d{1,4})$/;
const NUMERIC_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function monthNumber(name: string): number | undefined {
  return MONTH_BY_NAME.get(nameKey(name.replace(/ ماه$/, '')));
}

/** A year, month and day to an ISO date, the year naming the calendar. */
export function dateFromParts(year: number, month: number, day: number, named = false): DateResult {
  if (year < FIRST_JALALI_YEAR || (year > LAST_JALALI_YEAR && year < FIRST_GREGORIAN_YEAR)) return { ok: false, error: 'dateTooEarly' };
  if (year <= LAST_JALALI_YEAR) {
    const days = month >= 1 && month <= 12 ? jalaaliMonthLength(year, month) : undefined;
    if (!isValidJalaaliDate(year, month, day)) return { ok: false, error: 'noSuchDay', params: { calendar: 'jalali', year, month, days } };
    const g = toGregorian(year, month, day);
    return { ok: true, iso: isoOf(g.gy, g.gm, g.gd), calendar: 'jalali' };
  }
  // Month names are Jalali: «۱ فروردین ۲۰۲۰» mixes calendars.
  if (named) return { ok: false, error: 'dateInput' };
  const days = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : undefined;
  if (days === undefined || day < 1 || day > days) return { ok: false, error: 'noSuchDay', params: { calendar: 'gregorian', year, month, days } };
  return { ok: true, iso: isoOf(year, month, day), calendar: 'gregorian' };
}

/** A day: `1399/01/01`, `۱۳۹۹-۰۱-۰۱`, `1399/1/1`, `۱ فروردین ۱۳۹۹`, `2020-03-20`. */
export function parseDate(text: string): DateResult {
  const t = clean(text);
  const numeric = NUMERIC_DATE.exec(t);
  if (numeric) {
    // A year of fewer than four digits is not a year anyone means (`99/1/1`); `0999` is, and is refused as ancient.
    if (numeric[1]!.length !== 4) return { ok: false, error: 'dateInput' };
    return dateFromParts(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  }
  const named = NAMED_DATE.exec(t);
  const month = named ? monthNumber(named[2]!) : undefined;
  if (named && month !== undefined && named[3]!.length === 4) return dateFromParts(Number(named[3]), month, Number(named[1]), true);
  return { ok: false, error: 'dateInput' };
}

/**
 * A bound of a range: a day, or a Jalali month (`فروردین ۱۴۰۴`, `1404/01`) standing for its
 * first day as a start and its last as an end.
 */
export function parseDateBound(text: string, edge: 'start' | 'end'): DateResult {
  const day = parseDate(text);
  if (day.ok || day.error !== 'dateInput') return day;
  const t = clean(text);
  const named = NAMED_MONTH.exec(t);
  const numeric = named ? undefined : NUMERIC_MONTH.exec(t);
  const month = named ? monthNumber(named[1]!) : numeric ? Number(numeric[2]) : undefined;
  const yearText = named ? named[2]! : numeric?.[1];
  if (month === undefined || yearText?.length !== 4) return day;
  const year = Number(yearText);
  if (year < FIRST_JALALI_YEAR || (year > LAST_JALALI_YEAR && year < FIRST_GREGORIAN_YEAR)) return { ok: false, error: 'dateTooEarly' };
  if (year > LAST_JALALI_YEAR) return { ok: false, error: 'dateInput' };
  if (month < 1 || month > 12) return { ok: false, error: 'noSuchDay', params: { calendar: 'jalali', year, month } };
  return dateFromParts(year, month, edge === 'start' ? 1 : jalaaliMonthLength(year, month));
}

// ---------------------------------------------------------------------------------------------
// Tehran time

const tehranClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tehran',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in Tehran at a moment (epoch ms). */
export function tehranWallClock(moment: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(tehranClock.formatToParts(new Date(moment)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Tehran's offset from UTC in minutes at a moment: 210 (+03:30), or 270 in the summers it kept daylight time (until 2022). */
export function tehranOffsetMinutes(moment: number): number {
  const w = tehranWallClock(moment);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((wall - Math.floor(moment / 1000) * 1000) / 60_000);
}

/** A wall-clock time in Tehran (an ISO date and hours, minutes, seconds) to its moment (epoch ms). */
export function tehranMoment(isoDate: string, hour = 0, minute = 0, second = 0): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute, second);
  let moment = wall - 210 * 60_000;
  for (let i = 0; i < 2; i++) moment = wall - tehranOffsetMinutes(moment) * 60_000;
  return moment;
}

/** Today in Tehran, ISO. */
export function tehranToday(now: number): string {
  const w = tehranWallClock(now);
  return isoOf(w.year, w.month, w.day);
}

/**
 * The moment a day stands for in a date-time field (a report, a receipt, a hand-over): noon in
 * Tehran, so no time zone moves it to another day; today before noon, the start of the day in
 * Tehran (it has happened, and it is the same on every retry of the request).
 */
export function momentOfDay(isoDate: string, now: number): number {
  const noon = tehranMoment(isoDate, 12);
  return noon > now && isoDate === tehranToday(now) ? tehranMoment(isoDate) : noon;
}

const OFFSET = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * A moment typed as a date, with or without a time: `1403/01/01`, `۱۴۰۳/۰۱/۰۱ ۱۰:۳۰`,
 * `۱ فروردین ۱۴۰۳ ساعت ۱۰:۳۰`, `1403-01-01T10:30:00+03:30`, `2024-03-20` (a day: see
 * `momentOfDay`). A time without an offset is Tehran's. A Gregorian date with a time needs its
 * offset (ISO 8601: `2024-03-20T10:30:00+03:30`); callers read those themselves.
 */
export function parseMoment(text: string, now: number): MomentResult {
  const t = clean(text).replace(/ ساعت /, ' ');
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})T(\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  let datePart: string;
  let timePart: string | undefined;
  let offsetPart: string | undefined;
  if (iso) {
    [, datePart, timePart, offsetPart] = iso as unknown as [string, string, string, string | undefined];
  } else {
    const timed = /^(.*\S) (\d{1,2}:\d{2}(?::\d{2})?)$/.exec(t);
    datePart = timed ? timed[1]! : t;
    timePart = timed?.[2];
  }
  const day = parseDate(datePart);
  if (!day.ok) return day;
  if (timePart === undefined) return { ok: true, iso: new Date(momentOfDay(day.iso, now)).toISOString() };
  const [, h, m, s] = TIME.exec(timePart)!.map(Number) as [number, number, number, number];
  if (h > 23 || m > 59 || (s || 0) > 59) return { ok: false, error: 'dateInput' };
  if (offsetPart === undefined) {
    // Gregorian wall-clock times without an offset stay ambiguous, as ISO 8601 leaves them.
    if (day.calendar === 'gregorian') return { ok: false, error: 'dateInput' };
    return { ok: true, iso: new Date(tehranMoment(day.iso, h, m, s || 0)).toISOString() };
  }
  const offset = OFFSET.exec(offsetPart)!;
  const minutes = offset[1] ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const [y, mo, d] = day.iso.split('-').map(Number) as [number, number, number];
  return { ok: true, iso: new Date(Date.UTC(y, mo - 1, d, h, m, s || 0) - minutes * 60_000).toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Back to Jalali, for responses

/** `2020-03-20` → `1399-01-01`. */
export function jalaliOfIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const j = toJalaali(y, m, d);
  return isoOf(j.jy, j.jm, j.jd);
}

/** `2024-03-20T07:00:00.000Z` → `1403-01-01 10:30`: the Jalali date and time in Tehran. */
export function jalaliOfMoment(isoMoment: string): string {
  const w = tehranWallClock(Date.parse(isoMoment));
  return `${jalaliOfIsoDate(isoOf(w.year, w.month, w.day))} ${pad(w.hour)}:${pad(w.minute)}`;
}

export const JALALI_DATE_PATTERN = '^1[34][0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
export const JALALI_MOMENT_PATTERN = '^1[34][0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]$';

/**
 * The fields of the API's responses that hold a date (`startDate`) or a moment (`createdAt`):
 * each gets a twin `<field>Jalali` beside it (`startDateJalali: "1399-01-01"`,
 * `createdAtJalali: "1403-01-01 10:30"`, Tehran time). One list for the response step and the
 * response schemas (schemas/jalali-twins.ts), so what is sent is what is described.
 */
export const JALALI_TWIN_FIELDS: Readonly<Record<string, 'date' | 'moment'>> = {
  startDate: 'date',
  targetDate: 'date',
  endDate: 'date',
  from: 'date',
  to: 'date',
  date: 'date',
  createdAt: 'moment',
  updatedAt: 'moment',
  reportedAt: 'moment',
  receivedAt: 'moment',
  distributedAt: 'moment',
  voidedAt: 'moment',
  progressReportedAt: 'moment',
};

export const jalaliTwinName = (field: string) => `${field}Jalali`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An object with each date field's twin placed right after it (a null date, such as figures'
 * `updatedAt` before anything was counted, has a null twin). Shallow: the response step
 * (packages/functions/src/http/response.ts) applies it to every object of a body.
 */
export function withJalaliTwins(value: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(value).some((key) => Object.hasOwn(JALALI_TWIN_FIELDS, key) && !Object.hasOwn(value, jalaliTwinName(key)))) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = v;
    const kind = Object.hasOwn(JALALI_TWIN_FIELDS, key) ? JALALI_TWIN_FIELDS[key] : undefined;
    if (!kind || Object.hasOwn(value, jalaliTwinName(key))) continue;
    if (v === null) out[jalaliTwinName(key)] = null;
    else if (typeof v === 'string' && kind === 'date' && ISO_DATE.test(v)) out[jalaliTwinName(key)] = jalaliOfIsoDate(v);
    else if (typeof v === 'string' && kind === 'moment' && ISO_MOMENT.test(v)) out[jalaliTwinName(key)] = jalaliOfMoment(v);
  }
  return out;
}
