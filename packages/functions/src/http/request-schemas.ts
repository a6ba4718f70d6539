// What a request carries besides its body: query strings and path parameters, declared once for
// the route table (routes.ts), the handlers and the OpenAPI document. The stacks import the
// route table, so this module reaches core's schema modules by path — zod and plain
// functions, not core's index (the AWS SDK, Node's types).
import * as z from 'zod';
import { entityId, isoDateBound, persianText } from '../../../core/src/schemas/common.ts';
import { PARTNER_KINDS } from '../../../core/src/schemas/partner.ts';
import { PROJECT_CATEGORIES, PROJECT_STATUSES } from '../../../core/src/schemas/project.ts';
import { placeCodeSchema, provinceCodeSchema } from '../../../core/src/places/provinces.ts';
import { MAX_PAGE_SIZE } from '../../../core/src/schemas/responses.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(4096).optional(),
};

export const projectListQuery = z.strictObject({
  ...page,
  province: placeCodeSchema.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  programme: persianText(100).optional(),
  /** Projects that name this partner (GET /partners), in any role. */
  partner: entityId.optional(),
});

/** `GET /plans`: of one place, of one programme. */
export const planListQuery = z.strictObject({
  ...page,
  province: placeCodeSchema.optional(),
  programme: persianText(100).optional(),
});

/** `/programmes/{name}`: a programme's name in any spelling (matched by its name key). */
export const programmePath = z.strictObject({ name: persianText(100) });

export const pageQuery = z.strictObject(page);

export const driveRecordListQuery = z.strictObject({
  ...page,
  province: provinceCodeSchema.optional(),
  drive: entityId.optional(),
});

/** `GET /partners`: of one kind, directly under one partner, or whose name holds `q` (compared by name key). */
export const partnerListQuery = z.strictObject({
  ...page,
  kind: z.enum(PARTNER_KINDS).optional(),
  parent: entityId.optional(),
  q: persianText(150).optional(),
});

/** `/projects/{id}` and the like: what is not an id names nothing (request.ts `pathId` answers 404). */
export const idPath = z.strictObject({ id: entityId });

/** `/provinces/{code}`: a province, or `IR` for what was recorded for the whole country. */
export const provincePath = z.strictObject({ code: placeCodeSchema });

/** `/provinces/{code}/counties`: a province only (`IR`, the country, has no counties: 404). */
export const countiesPath = z.strictObject({ code: provinceCodeSchema });

/**
 * `/provinces/{code}/history?from=&to=`: a province code, `IR` or `national`; a year by default.
 * The bounds are dates in either calendar, or Jalali months (`from=فروردین ۱۴۰۴` is its first day, `to=` its last).
 */
export const historyPath = z.strictObject({ code: z.union([z.literal('national'), placeCodeSchema]) });
export const historyQuery = z
  .strictObject({
    from: isoDateBound('start').default(() => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)),
    to: isoDateBound('end').default(() => new Date().toISOString().slice(0, 10)),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], params: { key: 'endBeforeStart' } });
