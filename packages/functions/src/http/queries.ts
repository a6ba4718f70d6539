import { PROJECT_CATEGORIES, PROJECT_STATUSES, entityId, isoDate, parseInput, persianText, provinceCodeSchema, type Language } from '@abad/core';
import * as z from 'zod';
import type { HttpEvent } from './request.ts';

/** Query strings of the list routes, declared once for the handlers and the OpenAPI document. */
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(4096).optional(),
};

export const projectListQuery = z.strictObject({
  ...page,
  province: provinceCodeSchema.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  programme: persianText(100).optional(),
});

export const pageQuery = z.strictObject(page);

export const driveRecordListQuery = z.strictObject({
  ...page,
  province: provinceCodeSchema.optional(),
  drive: entityId.optional(),
});

/** `/provinces/{code}`. */
export const provincePath = z.strictObject({ code: provinceCodeSchema });

/** `/provinces/{code}/history?from=&to=`: a province code or `national`; a year by default. */
export const historyPath = z.strictObject({ code: z.union([z.literal('national'), provinceCodeSchema]) });
export const historyQuery = z
  .strictObject({
    from: isoDate.default(() => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)),
    to: isoDate.default(() => new Date().toISOString().slice(0, 10)),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], params: { key: 'endBeforeStart' } });

export function parseQuery<S extends z.ZodType>(schema: S, event: HttpEvent, language: Language): z.output<S> {
  return parseInput(schema, event.queryStringParameters ?? {}, language);
}
