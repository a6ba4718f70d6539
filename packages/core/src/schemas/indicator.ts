import * as z from 'zod';
import { INDICATOR_CODE, UNIT_CODES } from '../indicators/catalogue.ts';
import { persianText, nonEmptyPatch } from './common.ts';

/** POST /indicators (admin): a new indicator of the catalogue. */
export const indicatorInput = z.strictObject({
  code: z
    .string()
    .max(48)
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.string().max(48).regex(INDICATOR_CODE))
    .meta({ description: 'Stable code: a lower-case letter, then letters, digits or _ (2–48)' }),
  fa: persianText(100),
  en: z.string().trim().min(1).max(100),
  /** Added indicators count things, so they add up across places (a percentage is shipped, not added). */
  unit: z.enum(UNIT_CODES).exclude(['percent']),
});
export type IndicatorInput = z.output<typeof indicatorInput>;

/** PATCH /indicators/{code}: names may change; the unit only while no figure uses the indicator. */
export const indicatorPatch = nonEmptyPatch(indicatorInput.omit({ code: true }));
export type IndicatorPatch = z.output<typeof indicatorPatch>;

export const indicatorCodePath = z.strictObject({
  code: z.string().max(48).regex(INDICATOR_CODE),
});
