import * as z from 'zod';
import { parsePersianNumber } from '../text/persian-numbers.ts';

/**
 * Toman amounts are `bigint` from the request body to the table and back: a province's sum of
 * loans passes 2^53 easily. Stored as DynamoDB numbers, sent as decimal strings.
 */
export type Toman = bigint;

/** Largest amount one record may carry: 10^24 toman, far above any real budget, far below 38 digits. */
export const MAX_TOMAN_PER_RECORD = 10n ** 24n;

/**
 * Input: a safe JSON integer, or text as reports write amounts: digits in any digit set with
 * thousands separators, or words and scales («۶۲ میلیارد», «۱ میلیارد و ۵۰۰ میلیون تومان», «۱۲ همت»;
 * see text/persian-numbers.ts). Exact: never a float, and never a fraction of a toman.
 * (The HTTP layer hands unsafe JSON integers over as their source text, so no float is involved.)
 */
export const tomanInput = z
  .union([z.int().nonnegative(), z.string().max(64)])
  .meta({
    description:
      'Toman: an integer, or a string of digits (Persian, Arabic-Indic or ASCII, separators allowed) or of Persian number words and scales («۶۲ میلیارد», «۱۲ همت»)',
  })
  .transform((value, ctx): bigint => {
    const parsed = typeof value === 'number' ? { ok: true as const, value: BigInt(value) } : parsePersianNumber(value, { toman: true });
    if (!parsed.ok) {
      const key = parsed.error === 'listComma' ? 'listComma' : parsed.error === 'notWhole' ? 'tomanNotWhole' : 'toman';
      ctx.addIssue({ code: 'custom', params: { key } });
      return z.NEVER;
    }
    const amount = parsed.value;
    if (amount < 0n || amount > MAX_TOMAN_PER_RECORD) {
      ctx.addIssue({ code: 'custom', params: { key: 'tomanRange' } });
      return z.NEVER;
    }
    return amount;
  })
  .pipe(z.bigint().min(0n).max(MAX_TOMAN_PER_RECORD).describe('Toman, as a decimal string'));

/** A sum of amounts (a province's budget, a drive's cash): a non-negative bigint, any size. */
export const tomanSum = z.bigint().min(0n).describe('Toman, as a decimal string');

/** A stored amount as read back from DynamoDB (number or bigint, never a float). */
export const storedToman = z.union([z.bigint(), z.int()]).transform((v) => BigInt(v));

/** JSON output: decimal string. */
export function formatToman(amount: Toman): string {
  return amount.toString();
}
