import * as z from 'zod';
import { normalizePersianText, parseLocalizedInteger, toAsciiDigits } from '../text/persian.ts';

/** Names and free text: normalized (see text/persian.ts) before any length rule applies. */
export function persianText(maxLength: number) {
  return z
    .string()
    .max(maxLength * 4)
    .transform(normalizePersianText)
    .pipe(z.string().min(1).max(maxLength));
}

/** A non-negative whole number typed in any digit set, with or without separators. */
export function countInput(max = 1_000_000_000) {
  return z
    .union([z.int(), z.string().max(32)])
    .transform((value, ctx): number => {
      const digits = typeof value === 'number' ? String(value) : parseLocalizedInteger(value);
      const n = digits === undefined ? Number.NaN : Number(digits);
      if (!Number.isSafeInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: 'custom', params: { key: 'count', max } });
        return z.NEVER;
      }
      return n;
    })
    .meta({ description: `A whole number from 0 to ${max}; Persian, Arabic-Indic or ASCII digits` });
}

/** Physical progress in percent, 0–100, at most one decimal; any digit set, `٫` or `.` as decimal point. */
export const percentInput = z
  .union([z.number(), z.string().max(16)])
  .transform((value, ctx): number => {
    const text = typeof value === 'number' ? String(value) : toAsciiDigits(value).trim().replace('٫', '.').replace(/[%٪]$/, '');
    const n = /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      ctx.addIssue({ code: 'custom', params: { key: 'percent' } });
      return z.NEVER;
    }
    return Math.round(n * 10) / 10;
  })
  .meta({ description: 'Percent from 0 to 100' });

/** A calendar date, ISO `YYYY-MM-DD` (the web form converts from the Persian calendar). */
export const isoDate = z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v).trim() : v), z.iso.date());

/** A moment, ISO 8601 with an offset; normalized to UTC `...Z`. */
export const isoDateTime = z
  .preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v).trim() : v), z.iso.datetime({ offset: true }))
  .transform((v) => new Date(v).toISOString());

/** ULID, the id of every entity. */
export const entityId = z.ulid();

/** A phone number as typed (any digits, spaces, dashes, +98/0098/0 prefixes), stored as digits with `+`. */
export const phoneInput = z
  .string()
  .max(40)
  .transform((value, ctx): string => {
    const compact = toAsciiDigits(value).replace(/[\s\-().]/g, '');
    const international = compact.replace(/^00/, '+').replace(/^0(?=9\d{9}$)/, '+98').replace(/^9(?=\d{9}$)/, '+989');
    if (!/^\+?\d{7,15}$/.test(international)) {
      ctx.addIssue({ code: 'custom', params: { key: 'phone' } });
      return z.NEVER;
    }
    return international;
  });

/** A list of goods (in-kind donations, distributed packages). */
export const goodsItem = z.strictObject({
  name: persianText(100),
  quantity: countInput(10_000_000),
  unit: persianText(30),
});

/** Fields every stored entity carries. */
export const entityMeta = z.object({
  id: entityId,
  version: z.int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
});
export type EntityMeta = z.infer<typeof entityMeta>;
