import * as z from 'zod';
import { EARLIEST_DATE, PLANNING_HORIZON_YEARS, latestMoment, latestPlannedDate } from '../validation/date-range.ts';
import { normalizePersianLines, normalizePersianText, toAsciiDigits } from '../text/persian.ts';
import { parsePersianNumber } from '../text/persian-numbers.ts';
import { FIRST_JALALI_YEAR, LAST_JALALI_YEAR, type DateResult, parseDate, parseDateBound, parseMoment } from '../dates/jalali.ts';

/** Names and free text: normalized (see text/persian.ts) before any length rule applies; one line. */
export function persianText(maxLength: number) {
  return normalizedText(normalizePersianText, maxLength);
}

/** A note of several lines: normalized as names are, line breaks kept. */
export function persianNote(maxLength: number) {
  return normalizedText(normalizePersianLines, maxLength);
}

/** Text that is empty once spaces and invisible characters are gone says nothing: rejected. */
function normalizedText(normalize: (text: string) => string, maxLength: number) {
  return z
    .string()
    .max(maxLength * 4)
    .transform((value, ctx): string => {
      const text = normalize(value);
      // U+FFFD is what a bad copy or a wrong encoding leaves of a letter: the name is broken, not new.
      if (text.includes('\ufffd')) {
        ctx.addIssue({ code: 'custom', params: { key: 'brokenCharacter' }, input: value });
        return z.NEVER;
      }
      if (text === '') {
        ctx.addIssue({ code: 'custom', params: { key: 'emptyText' }, input: value });
        return z.NEVER;
      }
      return text;
    })
    .pipe(z.string().max(maxLength));
}

/**
 * A non-negative whole number typed in any digit set, with or without separators, or in words
 * and scales as reports write it («دویست و بیست», «۴ هزار و ۴۸۲»; see text/persian-numbers.ts).
 */
export function countInput(max = 1_000_000_000) {
  return z
    .union([z.int(), z.string().max(64)])
    .meta({ description: `A whole number from 0 to ${max}; Persian, Arabic-Indic or ASCII digits, or Persian number words` })
    .transform((value, ctx): number => {
      const parsed = typeof value === 'number' ? undefined : parsePersianNumber(value);
      if (parsed && !parsed.ok && parsed.error !== 'notANumber') {
        ctx.addIssue({ code: 'custom', params: { key: parsed.error === 'listComma' ? 'listComma' : 'countNotWhole' } });
        return z.NEVER;
      }
      const n = typeof value === 'number' ? value : parsed?.ok && parsed.value >= 0n && parsed.value <= BigInt(max) ? Number(parsed.value) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: 'custom', params: { key: 'count', max } });
        return z.NEVER;
      }
      return n;
    })
    .pipe(z.int().min(0).max(max));
}

/**
 * Physical progress in percent, 0–100, kept to two decimals (any digit set, `٫` or `.` as the
 * decimal point, a trailing ٪). Never rounded up to 100: «99.99» on an unfinished project stays
 * 99.99, and «99.996» is 99.99 — 100 means finished.
 */
export const percentInput = z
  .union([z.number(), z.string().max(16)])
  .meta({ description: 'Percent from 0 to 100, up to two decimals' })
  .transform((value, ctx): number => {
    const text = typeof value === 'number' ? String(value) : toAsciiDigits(value).trim().replace('٫', '.').replace(/[%٪]$/, '');
    const n = /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      ctx.addIssue({ code: 'custom', params: { key: 'percent' } });
      return z.NEVER;
    }
    const hundredths = Math.round(n * 100);
    return (hundredths === 10_000 && n < 100 ? 9_999 : hundredths) / 100;
  })
  .pipe(z.number().min(0).max(100).describe('Percent from 0 to 100, two decimals'));

/** How a date field's text is read (dates/jalali.ts): `form` names the accepted forms in the message. */
function calendarDate(read: (text: string) => DateResult, form: 'date' | 'dateOrMonth', description: string) {
  return z
    .string()
    .max(64)
    .transform((text, ctx): string => {
      const date = read(text);
      if (!date.ok) {
        ctx.addIssue({ code: 'custom', params: { key: date.error, form, ...date.params }, input: text });
        return z.NEVER;
      }
      if (date.iso < EARLIEST_DATE) ctx.addIssue({ code: 'custom', params: { key: 'dateTooEarly' }, input: text });
      else if (date.iso > latestPlannedDate()) ctx.addIssue({ code: 'custom', params: { key: 'dateTooFarAhead' }, input: text });
      return date.iso;
    })
    .pipe(z.iso.date())
    .meta({ description });
}

const DATE_FORMS =
  'Jalali (years 1300–1499) `1399/01/01`, `1399-01-01`, `1399/1/1` or `1 فروردین 1399` (Persian, Arabic-Indic or ASCII digits), or ISO Gregorian `YYYY-MM-DD` (1921 on)';

/**
 * A calendar date, stored as ISO `YYYY-MM-DD`: typed in the Jalali calendar or as ISO, from
 * 1921 to 30 years ahead: start and end dates of projects and drives may be planned, not invented.
 * A Gregorian-looking year before 1921 is an error, never an ancient date.
 */
export const isoDate = calendarDate(
  parseDate,
  'date',
  `A date: ${DATE_FORMS}; stored as ISO YYYY-MM-DD, from ${EARLIEST_DATE} to ${PLANNING_HORIZON_YEARS} years ahead`,
);

/** A bound of a date range (`from`, `to`): a date, or a Jalali month (`فروردین 1404`) standing for its first day as a start, its last as an end. */
export function isoDateBound(edge: 'start' | 'end') {
  return calendarDate(
    (text) => parseDateBound(text, edge),
    'dateOrMonth',
    `A date (${DATE_FORMS}) or a Jalali month \`فروردین 1404\` (its ${edge === 'start' ? 'first' : 'last'} day)`,
  );
}

const isoDateTimeWithOffset = z.iso.datetime({ offset: true });

/**
 * A moment that has happened (a report, a receipt, a hand-over), normalized to UTC `...Z`: ISO
 * 8601 with an offset, a Jalali date with a time (`1403/01/01 10:30`, Tehran time), or a date
 * alone (noon in Tehran, or the start of the day when that noon is still ahead). Not after now
 * (plus clock skew): a report dated 9999 would otherwise outrank every later one.
 */
export const isoDateTime = z
  .string()
  .max(64)
  .transform((value, ctx): string => {
    const text = toAsciiDigits(value).trim();
    const year = Number(text.slice(0, 4));
    let moment: number;
    if (isoDateTimeWithOffset.safeParse(text).success && !(year >= FIRST_JALALI_YEAR && year <= LAST_JALALI_YEAR)) {
      moment = Date.parse(text);
      if (!Number.isFinite(moment)) {
        ctx.addIssue({ code: 'invalid_format', format: 'datetime', input: text });
        return z.NEVER;
      }
    } else {
      const read = parseMoment(value, Date.now());
      if (!read.ok) {
        ctx.addIssue({ code: 'custom', params: { key: read.error, form: 'dateTime', ...read.params }, input: value });
        return z.NEVER;
      }
      moment = Date.parse(read.iso);
    }
    if (moment < Date.parse(EARLIEST_DATE)) {
      ctx.addIssue({ code: 'custom', params: { key: 'dateTooEarly' }, input: text });
      return z.NEVER;
    }
    if (moment > latestMoment()) {
      ctx.addIssue({ code: 'custom', params: { key: 'momentInFuture' }, input: text });
      return z.NEVER;
    }
    return new Date(moment).toISOString();
  })
  .pipe(z.iso.datetime())
  .meta({
    description: `A moment: ISO date-time with an offset, a Jalali date and time \`1403/01/01 10:30\` (Tehran time), or a date (${DATE_FORMS}) taken as noon in Tehran; from ${EARLIEST_DATE} up to now`,
  });

/** A county's catalogue code (places/counties.ts): the province's two digits, then the county's. */
export const countyCodeSchema = z
  .string()
  .max(4)
  .regex(/^\d{4}$/);

/** ULID, the id of every entity. */
export const entityId = z.ulid();

/**
 * A phone number, checked as an Iranian number and stored as `+98…`: a mobile (`09xxxxxxxxx`,
 * `9xxxxxxxxx`, `+989…`, `00989…`) or a landline with its area code (`0xx xxxxxxxx`, `+98xx…`),
 * typed in any digits with spaces, dashes or brackets. A number abroad is accepted only
 * written internationally (`+44…`, `0044…`). A local number without its area code is refused.
 */
export function iranianPhone(typed: string): string | undefined {
  const compact = toAsciiDigits(typed)
    .replace(/[\s\-().\u200c\u200e\u200f]/g, '')
    .replace(/^00/, '+');
  if (/^\+98/.test(compact)) return /^\+98(9\d{9}|[1-8]\d{9})$/.test(compact) ? compact : undefined;
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^09\d{9}$/.test(compact)) return `+98${compact.slice(1)}`;
  if (/^9\d{9}$/.test(compact)) return `+98${compact}`;
  if (/^0[1-8]\d{9}$/.test(compact)) return `+98${compact.slice(1)}`;
  return undefined;
}

export const phoneInput = z
  .string()
  .max(40)
  .meta({ description: 'An Iranian mobile (09121234567) or landline with area code (02188776655), any digits; abroad: +44…' })
  .transform((value, ctx): string => {
    const phone = iranianPhone(value);
    if (phone === undefined) {
      ctx.addIssue({ code: 'custom', params: { key: 'phone' } });
      return z.NEVER;
    }
    return phone;
  })
  .pipe(
    z
      .string()
      .regex(/^\+\d{7,15}$/)
      .max(16),
  );

/** A list of goods (in-kind donations, distributed packages). */
export const goodsItem = z.strictObject({
  name: persianText(100),
  quantity: countInput(10_000_000),
  unit: persianText(30),
});

/** A PATCH body: any non-empty subset of an entity's fields (the rules are checked after merging). */
export function nonEmptyPatch<Shape extends z.core.$ZodShape, Config extends z.core.$ZodObjectConfig>(fields: z.ZodObject<Shape, Config>) {
  return fields.partial().refine((patch) => Object.keys(patch).length > 0, { params: { key: 'emptyPatch' } });
}

/** Fields every stored entity carries. */
export const entityMeta = z.object({
  id: entityId,
  version: z.int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The token subject of the creator. */
  createdBy: z.string().min(1).max(256),
});
export type EntityMeta = z.infer<typeof entityMeta>;
