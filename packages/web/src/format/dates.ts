import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';

/**
 * The Persian (Jalali) calendar: `Intl` (`fa-IR-u-ca-persian`) displays it but cannot parse it
 * or count its days, so jalaali-js converts picked dates to the ISO dates the API stores.
 */
export const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;

export interface JalaliDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Jalali date to `YYYY-MM-DD` (Gregorian); undefined when the date does not exist (e.g. 30 Esfand of a common year). */
export function jalaliToIso({ year, month, day }: JalaliDate): string | undefined {
  if (!isValidJalaaliDate(year, month, day)) return undefined;
  const g = toGregorian(year, month, day);
  return `${pad(g.gy, 4)}-${pad(g.gm)}-${pad(g.gd)}`;
}

/** `YYYY-MM-DD` to the Jalali date of that day. */
export function isoToJalali(iso: string): JalaliDate {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const j = toJalaali(y!, m!, d!);
  return { year: j.jy, month: j.jm, day: j.jd };
}

/** Iran's offset (no daylight saving since 2022). */
export const TEHRAN_OFFSET = '+03:30';

/** The moment a picked day stands for in a date-time field: noon in Tehran, so no time zone moves it to another day. */
export function isoDateToMoment(iso: string): string {
  return `${iso}T12:00:00${TEHRAN_OFFSET}`;
}

/**
 * The moment today stands for while its noon is still ahead: the start of the day in Tehran.
 * It is already past (the API refuses future moments) and the same on every retry, so a
 * resent form is the same request and its Idempotency-Key replays instead of being refused.
 */
export function isoDateToStartMoment(iso: string): string {
  return `${iso}T00:00:00${TEHRAN_OFFSET}`;
}

export function daysInJalaliMonth(year: number, month: number): number {
  return jalaaliMonthLength(year, month);
}

/** Today in Tehran, in the Jalali calendar. */
export function todayJalali(now = new Date()): JalaliDate {
  return isoToJalali(tehranIsoDate(now));
}

export function tehranIsoDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const longDate = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'long', timeZone: 'Asia/Tehran' });
const shortDate = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Asia/Tehran' });
const timeOfDay = new Intl.DateTimeFormat('fa-IR', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Tehran' });

/** `2025-03-21` → «۱ فروردین ۱۴۰۴». A plain date is read at noon Tehran time. */
export function faDate(iso: string, style: 'long' | 'short' = 'long'): string {
  const moment = iso.length === 10 ? new Date(isoDateToMoment(iso)) : new Date(iso);
  return (style === 'long' ? longDate : shortDate).format(moment);
}

export function faTime(moment: Date): string {
  return timeOfDay.format(moment);
}
