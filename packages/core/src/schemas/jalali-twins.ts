import * as z from 'zod';
import { JALALI_DATE_PATTERN, JALALI_MOMENT_PATTERN, JALALI_TWIN_FIELDS, jalaliTwinName } from '../dates/jalali.ts';

const jalaliDate = z
  .string()
  .max(10)
  .regex(new RegExp(JALALI_DATE_PATTERN))
  .describe('The same day in the Jalali calendar, `YYYY-MM-DD`: `1399-01-01`; present whenever the date is');
const jalaliMoment = z
  .string()
  .max(16)
  .regex(new RegExp(JALALI_MOMENT_PATTERN))
  .describe('The same moment in Tehran, Jalali date and time `YYYY-MM-DD HH:mm`: `1403-01-01 10:30`; present whenever the moment is');

type Twins<Shape extends z.core.$ZodShape> = {
  [K in keyof Shape & keyof typeof JALALI_TWIN_FIELDS as K extends string ? `${K}Jalali` : never]: z.ZodOptional<z.ZodNullable<z.ZodString>>;
};

/**
 * A response object's shape with the Jalali twin of each of its date fields (dates/jalali.ts
 * `JALALI_TWIN_FIELDS`), as the response step (`withJalaliTwins`) sends them: present whenever
 * the date is, null where it is null.
 *
 * The twins are optional in the schema: the store's values get them only on the wire, and the
 * output schemas must still admit what the store returns (core/test/responses.test.ts).
 */
export function withJalali<Shape extends z.core.$ZodShape>(shape: Shape): Shape & Twins<Shape> {
  const twins: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const kind = Object.hasOwn(JALALI_TWIN_FIELDS, key) ? JALALI_TWIN_FIELDS[key] : undefined;
    if (!kind) continue;
    const twin: z.ZodType = kind === 'date' ? jalaliDate : jalaliMoment;
    twins[jalaliTwinName(key)] = ((schema as z.ZodType).safeParse(null).success ? twin.nullable() : twin).optional();
  }
  return { ...shape, ...twins } as Shape & Twins<Shape>;
}
