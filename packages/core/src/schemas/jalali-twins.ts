import * as z from 'zod';
import { JALALI_DATE_PATTERN, JALALI_MOMENT_PATTERN, JALALI_TWIN_FIELDS, jalaliTwinName } from '../dates/jalali.ts';

const jalaliDate = z.string().max(10).regex(new RegExp(JALALI_DATE_PATTERN)).describe('The same day in the Jalali calendar, `YYYY-MM-DD`: `1399-01-01`');
const jalaliMoment = z
  .string()
  .max(16)
  .regex(new RegExp(JALALI_MOMENT_PATTERN))
  .describe('The same moment in Tehran, Jalali date and time `YYYY-MM-DD HH:mm`: `1403-01-01 10:30`');

type Twins<Shape extends z.core.$ZodShape> = {
  [K in keyof Shape & keyof typeof JALALI_TWIN_FIELDS as K extends string ? `${K}Jalali` : never]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
};

/**
 * A response object's shape with the Jalali twin of each of its date fields (dates/jalali.ts
 * `JALALI_TWIN_FIELDS`), as the response step (`withJalaliTwins`) sends them: required where
 * the date is, optional where it is optional, null where it may be null.
 *
 * In TypeScript the twins are optional: the store's values get them only on the wire, and the
 * output types must still admit what the store returns (core/test/responses.test.ts).
 */
export function withJalali<Shape extends z.core.$ZodShape>(shape: Shape): Shape & Twins<Shape> {
  const twins: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const kind = Object.hasOwn(JALALI_TWIN_FIELDS, key) ? JALALI_TWIN_FIELDS[key] : undefined;
    if (!kind) continue;
    let twin: z.ZodType = kind === 'date' ? jalaliDate : jalaliMoment;
    const field = schema as z.ZodType;
    if (field.safeParse(null).success) twin = twin.nullable();
    if (field.safeParse(undefined).success) twin = twin.optional();
    twins[jalaliTwinName(key)] = twin;
  }
  return { ...shape, ...twins } as Shape & Twins<Shape>;
}
