import { PROJECT_CATEGORIES, PROJECT_STATUSES, entityId, parseInput, persianText, provinceCodeSchema, type Language } from '@abad/core';
import { z } from 'zod';
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

export function parseQuery<S extends z.ZodType>(schema: S, event: HttpEvent, language: Language): z.output<S> {
  return parseInput(schema, event.queryStringParameters ?? {}, language);
}
