import { distributionInput, donationInput, driveInput, drivePatch, progressReportInput, projectInput, projectPatch } from '@abad/core';
import * as z from 'zod';
import { PROBLEM_TYPES } from './problem.ts';
import { driveRecordListQuery, historyQuery, pageQuery, projectListQuery } from './queries.ts';
import { routes, type Route } from './routes.ts';

/** What the OpenAPI document says of each route, keyed by handler; schemas are core's own. */
interface Operation {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  created?: boolean;
  ifMatch?: 'required' | 'optional';
  idempotent?: boolean;
}

export const OPERATIONS: Record<Route['handler'], Operation> = {
  health: { summary: 'Liveness' },
  openapi: { summary: 'This document' },
  'projects/create': { summary: 'Register a project', body: projectInput, created: true, idempotent: true },
  'projects/list': { summary: 'List projects, newest first', query: projectListQuery },
  'projects/get': { summary: 'One project (ETag = version)' },
  'projects/update': { summary: 'Change a project', body: projectPatch, ifMatch: 'required' },
  'projects/remove': { summary: 'Delete a project (admin)', ifMatch: 'optional' },
  'projects/report-progress': { summary: 'Report physical progress', body: progressReportInput, created: true, idempotent: true },
  'projects/list-progress': { summary: "A project's progress history, newest first", query: pageQuery },
  'drives/create': { summary: 'Start a charity drive (admin)', body: driveInput, created: true, idempotent: true },
  'drives/list': { summary: 'List drives, newest first', query: pageQuery },
  'drives/get': { summary: 'One drive' },
  'drives/update': { summary: 'Change a drive (admin)', body: drivePatch, ifMatch: 'required' },
  'donations/create': { summary: 'Record a donation', body: donationInput, created: true, idempotent: true },
  'donations/list': { summary: 'List donations of a province or drive', query: driveRecordListQuery },
  'donations/get': { summary: 'One donation (donor phone only for admins)' },
  'distributions/create': { summary: 'Record a distribution of packages', body: distributionInput, created: true, idempotent: true },
  'distributions/list': { summary: 'List distributions of a province or drive', query: driveRecordListQuery },
  'distributions/get': { summary: 'One distribution' },
  'provinces/list': { summary: "Every province's live figures and the national total" },
  'provinces/get': { summary: 'One province with its counties' },
  'provinces/history': { summary: 'Daily snapshots of a province (or `national`)', query: historyQuery },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1, generated from the route table and the zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly Route[]) {
    const op = OPERATIONS[route.handler];
    if (!op) throw new Error(`No OpenAPI operation for ${route.handler}`);
    const parameters: unknown[] = [];
    for (const name of route.path.match(/\{(\w+)\}/g) ?? []) {
      parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    }
    if (op.query) {
      for (const [name, schema] of Object.entries(op.query.shape)) {
        parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType) });
      }
    }
    if (op.ifMatch) parameters.push({ name: 'If-Match', in: 'header', required: op.ifMatch === 'required', schema: { type: 'string' } });
    if (op.idempotent) parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } });
    const responses: Record<string, unknown> = {
      [op.created ? '201' : route.handler === 'projects/remove' ? '204' : '200']: { description: 'Success' },
      '400': problemResponse('Malformed request'),
      '404': problemResponse('Not found'),
    };
    if (route.auth === 'jwt') Object.assign(responses, { '401': problemResponse('No valid token'), '403': problemResponse('Role or province not allowed') });
    if (op.body) {
      Object.assign(responses, {
        '409': problemResponse('Exists or conflicts'),
        '413': problemResponse('Body over 64 KiB'),
        '415': problemResponse('Not JSON'),
        '422': problemResponse('Invalid fields'),
      });
    }
    if (op.ifMatch === 'required') Object.assign(responses, { '412': problemResponse('Stale If-Match'), '428': problemResponse('If-Match missing') });
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.handler.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      summary: op.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      ...(route.auth === 'jwt' ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Abad API', version: '1.0.0', description: 'Community development projects and charity drives across Iran’s provinces. Money is toman, as decimal strings.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string', enum: Object.keys(PROBLEM_TYPES).map((t) => `/problems/${t}`) },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
