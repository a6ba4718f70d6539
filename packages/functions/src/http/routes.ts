// The stacks import this table (stacks/api.ts), so it reaches core's schema modules by path:
// zod and plain functions, never core's index (the AWS SDK, Node's types). See request-schemas.ts.
import type * as z from 'zod';
import {
  allProvinceFiguresSchema,
  programmeListSchema,
  programmeWithProvincesSchema,
  provinceCountiesSchema,
  provinceHistorySchema,
  provinceWithCountiesSchema,
} from '../../../core/src/aggregation/figure-schemas.ts';
import { indicatorCodePath, indicatorInput, indicatorPatch } from '../../../core/src/schemas/indicator.ts';
import { planInput, planPatch } from '../../../core/src/schemas/plan.ts';
import type { Action } from '../../../core/src/auth/principal.ts';
import { distributionInput, distributionPatch } from '../../../core/src/schemas/distribution.ts';
import { donationInput, donationPatch } from '../../../core/src/schemas/donation.ts';
import { driveInput, drivePatch } from '../../../core/src/schemas/drive.ts';
import { partnerInput, partnerPatch } from '../../../core/src/schemas/partner.ts';
import { progressReportInput } from '../../../core/src/schemas/progress.ts';
import { projectInput, projectPatch } from '../../../core/src/schemas/project.ts';
import {
  distributionPageSchema,
  distributionSchema,
  donationPageSchema,
  donationSchema,
  drivePageSchema,
  driveSchema,
  driveWithFiguresSchema,
  partnerPageSchema,
  partnerSchema,
  partnerWithFiguresSchema,
  progressReportPageSchema,
  progressReportedSchema,
  projectPageSchema,
  projectSchema,
  indicatorListSchema,
  indicatorSchema,
  planPageSchema,
  planSchema,
} from '../../../core/src/schemas/responses.ts';
import { voidInput } from '../../../core/src/schemas/voiding.ts';
import { healthSchema, openApiDocumentSchema } from './http-schemas.ts';
import {
  countiesPath,
  driveRecordExportQuery,
  driveRecordListQuery,
  historyPath,
  historyQuery,
  idPath,
  pageQuery,
  partnerExportQuery,
  partnerListQuery,
  planListQuery,
  programmePath,
  projectExportQuery,
  projectListQuery,
  provinceFiguresQuery,
  provincePath,
} from './request-schemas.ts';

/** Response headers a route promises on success. */
export type SuccessHeader = 'location' | 'etag';

/**
 * One route of the API, every fact about it in one place: the local runtime serves it and the
 * stack deploys it (method, path, handler, auth); the handler is built from it (`httpHandler`
 * reads auth, action, body, idempotency); the OpenAPI document describes it. `handler` names a
 * module under packages/functions/src/http/ exporting `handler`; `auth: 'jwt'` routes sit
 * behind the JWT authorizer.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handler: string;
  auth: 'jwt' | 'public';
  summary: string;
  /** Role check before the body is read (provinces are checked by core, against the data). */
  action?: Action;
  /** Path parameters, by name in `path`. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON body the route takes (a route without one takes none). */
  body?: z.ZodType;
  /** Honours `Idempotency-Key` (every POST creates). */
  idempotent?: boolean;
  /** `If-Match: <version>` with the ETag the client read. */
  ifMatch?: 'required' | 'optional';
  /**
   * The same answer for every reader, cached a few seconds (the handler answers through
   * public-figures.ts; CloudFront keys it without Authorization: stacks/web.ts).
   */
  publicFigures?: true;
  /**
   * The success response; a schema is a named one (core/src/schemas/named.ts). An export (open
   * data: table-export.ts) has no JSON body but a file: `csv` (UTF-8 with a BOM) or `xlsx`.
   */
  response: { status: 200 | 201 | 204; body?: z.ZodType; headers?: readonly SuccessHeader[]; export?: 'csv' | 'xlsx' };
}

/**
 * The exports of a list (open data), `GET <path>.csv` and `GET <path>.xlsx`: the same view as the
 * JSON list (its filters, every page, none of its paging), by the same auth and role.
 */
function exportRoutes<const P extends string, const H extends string, const Extra extends Partial<Route>>(path: P, handler: H, summary: string, extra: Extra) {
  return [
    { method: 'GET', path: `${path}.csv`, handler: `${handler}-csv`, summary: `${summary} (CSV, UTF-8)`, response: { status: 200, export: 'csv' }, ...extra },
    { method: 'GET', path: `${path}.xlsx`, handler: `${handler}-xlsx`, summary: `${summary} (XLSX)`, response: { status: 200, export: 'xlsx' }, ...extra },
  ] as const;
}

export const routes = [
  { method: 'GET', path: '/health', handler: 'health', auth: 'public', summary: 'Liveness', response: { status: 200, body: healthSchema } },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    auth: 'public',
    summary: 'This document',
    response: { status: 200, body: openApiDocumentSchema },
  },

  {
    method: 'POST',
    path: '/projects',
    handler: 'projects/create',
    auth: 'jwt',
    summary: 'Register a project',
    action: 'project:write',
    body: projectInput,
    idempotent: true,
    response: { status: 201, body: projectSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/projects',
    handler: 'projects/list',
    auth: 'public',
    summary: 'List projects, newest first',
    query: projectListQuery,
    response: { status: 200, body: projectPageSchema },
  },
  {
    method: 'GET',
    path: '/projects/{id}',
    handler: 'projects/get',
    auth: 'public',
    summary: 'One project (ETag = version)',
    params: idPath,
    response: { status: 200, body: projectSchema, headers: ['etag'] },
  },
  {
    method: 'PATCH',
    path: '/projects/{id}',
    handler: 'projects/update',
    auth: 'jwt',
    summary: 'Change a project',
    action: 'project:write',
    params: idPath,
    body: projectPatch,
    ifMatch: 'required',
    response: { status: 200, body: projectSchema, headers: ['etag'] },
  },
  {
    method: 'DELETE',
    path: '/projects/{id}',
    handler: 'projects/remove',
    auth: 'jwt',
    summary: 'Delete a project (admin)',
    action: 'project:delete',
    params: idPath,
    ifMatch: 'optional',
    response: { status: 204 },
  },
  {
    method: 'POST',
    path: '/projects/{id}/progress',
    handler: 'projects/report-progress',
    auth: 'jwt',
    summary: 'Report physical progress',
    action: 'project:write',
    params: idPath,
    body: progressReportInput,
    idempotent: true,
    response: { status: 201, body: progressReportedSchema, headers: ['location'] },
  },
  {
    method: 'GET',
    path: '/projects/{id}/progress',
    handler: 'projects/list-progress',
    auth: 'public',
    summary: "A project's progress history, newest first",
    params: idPath,
    query: pageQuery,
    response: { status: 200, body: progressReportPageSchema },
  },

  {
    method: 'POST',
    path: '/drives',
    handler: 'drives/create',
    auth: 'jwt',
    summary: 'Start a charity drive (admin)',
    action: 'drive:write',
    body: driveInput,
    idempotent: true,
    response: { status: 201, body: driveSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/drives',
    handler: 'drives/list',
    auth: 'public',
    summary: 'List drives, newest first',
    query: pageQuery,
    response: { status: 200, body: drivePageSchema },
  },
  {
    method: 'GET',
    path: '/drives/{id}',
    handler: 'drives/get',
    auth: 'public',
    summary: 'One drive with its figures',
    params: idPath,
    response: { status: 200, body: driveWithFiguresSchema, headers: ['etag'] },
  },
  {
    method: 'GET',
    path: '/drives/{id}/figures',
    handler: 'drives/figures',
    auth: 'public',
    publicFigures: true,
    summary: 'One drive with its figures, cached a few seconds like the province figures (what pages poll; GET /drives/{id} carries the version editors need)',
    params: idPath,
    response: { status: 200, body: driveWithFiguresSchema },
  },
  {
    method: 'PATCH',
    path: '/drives/{id}',
    handler: 'drives/update',
    auth: 'jwt',
    summary: 'Change a drive (admin)',
    action: 'drive:write',
    params: idPath,
    body: drivePatch,
    ifMatch: 'required',
    response: { status: 200, body: driveSchema, headers: ['etag'] },
  },

  {
    method: 'POST',
    path: '/partners',
    handler: 'partners/create',
    auth: 'jwt',
    summary: 'Register a partner (admin)',
    action: 'catalogue:write',
    body: partnerInput,
    idempotent: true,
    response: { status: 201, body: partnerSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/partners',
    handler: 'partners/list',
    auth: 'public',
    summary: 'List partners (who does what where), newest first',
    query: partnerListQuery,
    response: { status: 200, body: partnerPageSchema },
  },
  {
    method: 'GET',
    path: '/partners/{id}',
    handler: 'partners/get',
    auth: 'public',
    summary: 'One partner with its figures per province (who does what where)',
    params: idPath,
    response: { status: 200, body: partnerWithFiguresSchema, headers: ['etag'] },
  },
  {
    method: 'PATCH',
    path: '/partners/{id}',
    handler: 'partners/update',
    auth: 'jwt',
    summary: 'Change a partner (admin)',
    action: 'catalogue:write',
    params: idPath,
    body: partnerPatch,
    ifMatch: 'required',
    response: { status: 200, body: partnerSchema, headers: ['etag'] },
  },

  {
    method: 'POST',
    path: '/donations',
    handler: 'donations/create',
    auth: 'jwt',
    summary: 'Record a donation',
    action: 'donation:write',
    body: donationInput,
    idempotent: true,
    response: { status: 201, body: donationSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/donations',
    handler: 'donations/list',
    auth: 'jwt',
    summary: 'List donations of a province or drive',
    action: 'donation:read',
    query: driveRecordListQuery,
    response: { status: 200, body: donationPageSchema },
  },
  {
    method: 'GET',
    path: '/donations/{id}',
    handler: 'donations/get',
    auth: 'jwt',
    summary: 'One donation (donor phone only for admins; ETag = version)',
    action: 'donation:read',
    params: idPath,
    response: { status: 200, body: donationSchema, headers: ['etag'] },
  },
  {
    method: 'PATCH',
    path: '/donations/{id}',
    handler: 'donations/update',
    auth: 'jwt',
    summary: 'Correct a donation (its donor too); figures follow',
    action: 'donation:write',
    params: idPath,
    body: donationPatch,
    ifMatch: 'required',
    response: { status: 200, body: donationSchema, headers: ['etag'] },
  },
  {
    method: 'POST',
    path: '/donations/{id}/void',
    handler: 'donations/void',
    auth: 'jwt',
    summary: 'Void a donation entered by mistake: kept and readable, counted nowhere',
    action: 'donation:write',
    params: idPath,
    body: voidInput,
    idempotent: true,
    ifMatch: 'required',
    response: { status: 200, body: donationSchema, headers: ['etag'] },
  },

  {
    method: 'POST',
    path: '/distributions',
    handler: 'distributions/create',
    auth: 'jwt',
    summary: 'Record a distribution of packages',
    action: 'donation:write',
    body: distributionInput,
    idempotent: true,
    response: { status: 201, body: distributionSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/distributions',
    handler: 'distributions/list',
    auth: 'jwt',
    summary: 'List distributions of a province or drive',
    action: 'donation:read',
    query: driveRecordListQuery,
    response: { status: 200, body: distributionPageSchema },
  },
  {
    method: 'GET',
    path: '/distributions/{id}',
    handler: 'distributions/get',
    auth: 'jwt',
    summary: 'One distribution (ETag = version)',
    action: 'donation:read',
    params: idPath,
    response: { status: 200, body: distributionSchema, headers: ['etag'] },
  },
  {
    method: 'PATCH',
    path: '/distributions/{id}',
    handler: 'distributions/update',
    auth: 'jwt',
    summary: 'Correct a distribution; figures follow',
    action: 'donation:write',
    params: idPath,
    body: distributionPatch,
    ifMatch: 'required',
    response: { status: 200, body: distributionSchema, headers: ['etag'] },
  },
  {
    method: 'POST',
    path: '/distributions/{id}/void',
    handler: 'distributions/void',
    auth: 'jwt',
    summary: 'Void a distribution entered by mistake: kept and readable, counted nowhere',
    action: 'donation:write',
    params: idPath,
    body: voidInput,
    idempotent: true,
    ifMatch: 'required',
    response: { status: 200, body: distributionSchema, headers: ['etag'] },
  },

  {
    method: 'GET',
    path: '/indicators',
    handler: 'indicators/list',
    auth: 'public',
    summary: 'The indicator catalogue: what projects deliver, in which unit',
    response: { status: 200, body: indicatorListSchema },
  },
  {
    method: 'POST',
    path: '/indicators',
    handler: 'indicators/create',
    auth: 'jwt',
    summary: 'Add an indicator to the catalogue (admin)',
    action: 'catalogue:write',
    body: indicatorInput,
    idempotent: true,
    response: { status: 201, body: indicatorSchema, headers: ['location'] },
  },
  {
    method: 'PATCH',
    path: '/indicators/{code}',
    handler: 'indicators/update',
    auth: 'jwt',
    summary: 'Rename an added indicator; its unit only while no figure counts it (admin)',
    action: 'catalogue:write',
    params: indicatorCodePath,
    body: indicatorPatch,
    ifMatch: 'required',
    response: { status: 200, body: indicatorSchema, headers: ['etag'] },
  },

  {
    method: 'POST',
    path: '/plans',
    handler: 'plans/create',
    auth: 'jwt',
    summary: "Set a programme's target for a province or the country (admin)",
    action: 'catalogue:write',
    body: planInput,
    idempotent: true,
    response: { status: 201, body: planSchema, headers: ['location', 'etag'] },
  },
  {
    method: 'GET',
    path: '/plans',
    handler: 'plans/list',
    auth: 'public',
    summary: 'Plans, newest first',
    query: planListQuery,
    response: { status: 200, body: planPageSchema },
  },
  {
    method: 'GET',
    path: '/plans/{id}',
    handler: 'plans/get',
    auth: 'public',
    summary: 'One plan (ETag = version)',
    params: idPath,
    response: { status: 200, body: planSchema, headers: ['etag'] },
  },
  {
    method: 'PATCH',
    path: '/plans/{id}',
    handler: 'plans/update',
    auth: 'jwt',
    summary: 'Change a plan (admin)',
    action: 'catalogue:write',
    params: idPath,
    body: planPatch,
    ifMatch: 'required',
    response: { status: 200, body: planSchema, headers: ['etag'] },
  },
  {
    method: 'GET',
    path: '/programmes',
    handler: 'programmes/list',
    auth: 'public',
    publicFigures: true,
    summary: 'Every programme with its targets and actuals',
    response: { status: 200, body: programmeListSchema },
  },
  {
    method: 'GET',
    path: '/programmes/{name}',
    handler: 'programmes/get',
    auth: 'public',
    publicFigures: true,
    summary: 'One programme (any spelling of its name), target against actual per province',
    params: programmePath,
    response: { status: 200, body: programmeWithProvincesSchema },
  },

  {
    method: 'GET',
    path: '/provinces',
    handler: 'provinces/list',
    auth: 'public',
    publicFigures: true,
    summary:
      "Every province's live figures, what was recorded for the country (IR), and the national total; or a slice of them (a period, a programme, a drive or a category)",
    query: provinceFiguresQuery,
    response: { status: 200, body: allProvinceFiguresSchema },
  },
  {
    method: 'GET',
    path: '/provinces/{code}',
    handler: 'provinces/get',
    auth: 'public',
    publicFigures: true,
    summary: 'One province (or IR) with its counties and programmes; or a slice of its figures (a period, a programme, a drive or a category)',
    params: provincePath,
    query: provinceFiguresQuery,
    response: { status: 200, body: provinceWithCountiesSchema },
  },
  {
    method: 'GET',
    path: '/provinces/{code}/counties',
    handler: 'provinces/counties',
    auth: 'public',
    publicFigures: true,
    summary: "Every county of the province's catalogue with its figures (zeros where nothing is recorded)",
    params: countiesPath,
    response: { status: 200, body: provinceCountiesSchema },
  },
  {
    method: 'GET',
    path: '/provinces/{code}/history',
    handler: 'provinces/history',
    auth: 'public',
    publicFigures: true,
    summary: 'Daily snapshots of a province (or `national`)',
    params: historyPath,
    query: historyQuery,
    response: { status: 200, body: provinceHistorySchema },
  },

  ...exportRoutes('/projects', 'projects/export', 'The project register as a file: the filtered view, every page', {
    auth: 'public',
    query: projectExportQuery,
  }),
  ...exportRoutes('/drives', 'drives/export', 'Every drive as a file', { auth: 'public' }),
  ...exportRoutes('/partners', 'partners/export', 'The partner register as a file: the filtered view, every page', {
    auth: 'public',
    query: partnerExportQuery,
  }),
  ...exportRoutes('/programmes', 'programmes/export', 'Every programme with its figures as a file', { auth: 'public' }),
  ...exportRoutes('/donations', 'donations/export', 'Donations of a province or drive as a file (never the donor)', {
    auth: 'jwt',
    action: 'donation:read',
    query: driveRecordExportQuery,
  }),
  ...exportRoutes('/distributions', 'distributions/export', 'Distributions of a province or drive as a file', {
    auth: 'jwt',
    action: 'donation:read',
    query: driveRecordExportQuery,
  }),
  ...exportRoutes('/provinces', 'provinces/export', 'The figures table of GET /provinces (IR and the national total too) as a file, sliced alike', {
    auth: 'public',
    query: provinceFiguresQuery,
  }),
  ...exportRoutes('/provinces/{code}/counties', 'provinces/counties-export', "Every county of the province's catalogue with its figures as a file", {
    auth: 'public',
    params: countiesPath,
  }),
] as const satisfies readonly Route[];

type Routes = (typeof routes)[number];

/** `POST /donations`: a route's API Gateway route key. */
export type RouteKey = KeyOf<Routes>;
type KeyOf<R> = R extends Route ? `${R['method']} ${R['path']}` : never;

/** The route keys of the exports (`GET /projects.csv` …): a file, not JSON. */
export type ExportRouteKey = KeyOf<Extract<Routes, { response: { export: string } }>>;

/** The entry of a route key, with its exact schemas. */
export type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}` ? Extract<Routes, { method: M; path: P }> : never;

/** The table's entry for `key`; a handler module is built from it (see handler.ts). */
export function routeOf<K extends RouteKey>(key: K): RouteOf<K> {
  const found = routes.find((r) => `${r.method} ${r.path}` === key);
  if (!found) throw new Error(`No route ${key}`);
  return found as RouteOf<K>;
}
