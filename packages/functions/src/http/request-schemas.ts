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
import { tehranToday } from '../../../core/src/dates/jalali.ts';
import { SLICE_DIMENSIONS, unsupportedSliceParameters } from '../../../core/src/aggregation/figure-slices.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(4096).optional(),
};

/**
 * The project register's filters (`GET /projects` and its exports): a county of the province in
 * any spelling (it needs `province`), words of the title or village in any spelling (`q`), a
 * period of start dates in either calendar or as Jalali months (`from`, `to`, inclusive), and the
 * order of registration.
 */
const projectFilter = {
  province: placeCodeSchema.optional(),
  county: persianText(80).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  programme: persianText(100).optional(),
  /** Projects that name this partner (GET /partners), in any role. */
  partner: entityId.optional(),
  q: persianText(200).optional(),
  from: isoDateBound('start').optional(),
  to: isoDateBound('end').optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
};

type ProjectFilterQuery = { county?: string | undefined; province?: string | undefined; from?: string | undefined; to?: string | undefined };
const countyNeedsProvince = (q: ProjectFilterQuery) => q.county === undefined || q.province !== undefined;
const periodInOrder = (q: ProjectFilterQuery) => q.from === undefined || q.to === undefined || q.from <= q.to;

export const projectListQuery = z
  .strictObject({ ...page, ...projectFilter })
  .refine(countyNeedsProvince, { path: ['province'], params: { key: 'countyNeedsProvince' } })
  .refine(periodInOrder, { path: ['to'], params: { key: 'endBeforeStart' } });

/** `GET /projects.csv`, `.xlsx`: the register's filters, every page of them. */
export const projectExportQuery = z
  .strictObject(projectFilter)
  .refine(countyNeedsProvince, { path: ['province'], params: { key: 'countyNeedsProvince' } })
  .refine(periodInOrder, { path: ['to'], params: { key: 'endBeforeStart' } });

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

/** `GET /donations.csv` and the like: the list's filters, every page. */
export const driveRecordExportQuery = driveRecordListQuery.omit({ limit: true, cursor: true });

/** `GET /partners`: of one kind, directly under one partner, or whose name holds `q` (compared by name key). */
export const partnerListQuery = z.strictObject({
  ...page,
  kind: z.enum(PARTNER_KINDS).optional(),
  parent: entityId.optional(),
  q: persianText(150).optional(),
});

/** `GET /partners.csv`, `.xlsx`: the list's filters, every page. */
export const partnerExportQuery = partnerListQuery.omit({ limit: true, cursor: true });

/** `/projects/{id}` and the like: what is not an id names nothing (request.ts `pathId` answers 404). */
export const idPath = z.strictObject({ id: entityId });

/** `/provinces/{code}`: a province, or `IR` for what was recorded for the whole country. */
export const provincePath = z.strictObject({ code: placeCodeSchema });

/**
 * `GET /provinces?…` and `GET /provinces/{code}?…`: the figures of a slice (core's
 * aggregation/figure-slices.ts). A period (`from`, `to`: days in either calendar, or Jalali
 * months; either alone), or one of `programme`, `drive` and `category`; a period does not combine
 * with those, nor two of those with each other (422 naming the parameter).
 */
export const provinceFiguresQuery = z
  .strictObject({
    from: isoDateBound('start')
      .optional()
      .describe('First day of a period (a Jalali month is its first day). Not with programme, drive or category; not after today'),
    to: isoDateBound('end')
      .optional()
      .describe('Last day of a period (a Jalali month is its last day); today or later: up to the live figures. Not with programme, drive or category'),
    programme: persianText(100).optional().describe("A programme's name in any spelling: only its projects and plans. Not with drive, category or a period"),
    drive: entityId.optional().describe("A drive's id: only its donations and distributions. Not with programme, category or a period"),
    category: z
      .enum(PROJECT_CATEGORIES)
      .optional()
      .describe('Only the projects of this category (outputs are not kept by category). Not with programme, drive or a period'),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], params: { key: 'endBeforeStart' } });
    if (q.from !== undefined && q.from > tehranToday(Date.now())) ctx.addIssue({ code: 'custom', path: ['from'], params: { key: 'periodNotBegun' } });
    const first = SLICE_DIMENSIONS.find((d) => q[d] !== undefined);
    for (const { parameter, rule } of unsupportedSliceParameters(q)) {
      ctx.addIssue({ code: 'custom', path: [parameter], params: { key: rule, parameter, other: first } });
    }
  });

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
