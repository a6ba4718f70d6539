// The stacks import this table (stacks/api.ts), so it reaches core's schema modules by path:
// zod and plain functions, never core's index (the AWS SDK, Node's types). See request-schemas.ts.
import type * as z from 'zod';
import { allProvinceFiguresSchema, provinceHistorySchema, provinceWithCountiesSchema } from '../../../core/src/aggregation/figure-schemas.ts';
import type { Action } from '../../../core/src/auth/principal.ts';
import { distributionInput } from '../../../core/src/schemas/distribution.ts';
import { donationInput } from '../../../core/src/schemas/donation.ts';
import { driveInput, drivePatch } from '../../../core/src/schemas/drive.ts';
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
  progressReportPageSchema,
  progressReportedSchema,
  projectPageSchema,
  projectSchema,
} from '../../../core/src/schemas/responses.ts';
import { healthSchema, openApiDocumentSchema } from './http-schemas.ts';
import { driveRecordListQuery, historyPath, historyQuery, idPath, pageQuery, projectListQuery, provincePath } from './request-schemas.ts';

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
  /** The success response; a schema is a named one (core/src/schemas/named.ts). */
  response: { status: 200 | 201 | 204; body?: z.ZodType; headers?: readonly SuccessHeader[] };
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
    summary: 'One donation (donor phone only for admins)',
    action: 'donation:read',
    params: idPath,
    response: { status: 200, body: donationSchema },
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
    summary: 'One distribution',
    action: 'donation:read',
    params: idPath,
    response: { status: 200, body: distributionSchema },
  },

  {
    method: 'GET',
    path: '/provinces',
    handler: 'provinces/list',
    auth: 'public',
    summary: "Every province's live figures and the national total",
    response: { status: 200, body: allProvinceFiguresSchema },
  },
  {
    method: 'GET',
    path: '/provinces/{code}',
    handler: 'provinces/get',
    auth: 'public',
    summary: 'One province with its counties',
    params: provincePath,
    response: { status: 200, body: provinceWithCountiesSchema },
  },
  {
    method: 'GET',
    path: '/provinces/{code}/history',
    handler: 'provinces/history',
    auth: 'public',
    summary: 'Daily snapshots of a province (or `national`)',
    params: historyPath,
    query: historyQuery,
    response: { status: 200, body: provinceHistorySchema },
  },
] as const satisfies readonly Route[];

type Routes = (typeof routes)[number];

/** `POST /donations`: a route's API Gateway route key. */
export type RouteKey = KeyOf<Routes>;
type KeyOf<R> = R extends Route ? `${R['method']} ${R['path']}` : never;

/** The entry of a route key, with its exact schemas. */
export type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}` ? Extract<Routes, { method: M; path: P }> : never;

/** The table's entry for `key`; a handler module is built from it (see handler.ts). */
export function routeOf<K extends RouteKey>(key: K): RouteOf<K> {
  const found = routes.find((r) => `${r.method} ${r.path}` === key);
  if (!found) throw new Error(`No route ${key}`);
  return found as RouteOf<K>;
}
