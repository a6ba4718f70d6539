import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { refreshAggregates } from '@abad/core';
import { createClient } from '@hey-api/openapi-ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routes, type ExportRouteKey, type Route, type RouteKey } from '../../packages/functions/src/http/routes.ts';
import { api, tokenFor, type ApiRequest, type ApiResponse } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { createDrive, distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';
import { OpenApiContract } from '../support/openapi-contract.ts';

/**
 * The contract a client relies on: the API's own `/openapi.json`, fetched from the running stack,
 * is valid OpenAPI 3.1, passes Spectral's OpenAPI and OWASP rulesets (bar the exceptions README.md
 * lists), describes every real response the API gives (success and error, each route), and
 * yields a generated TypeScript client whose responses are typed, not `unknown`.
 */
const REPO = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** Spectral errors that do not apply to this API, and why. README.md ("The API") lists each code. */
const SPECTRAL_EXCEPTIONS = [
  {
    code: 'owasp:api4:2023-rate-limit',
    reason: 'API Gateway throttles the stage (429) but an HTTP API sends no rate-limit headers; declaring them would be false',
  },
  {
    code: 'owasp:api4:2023-array-limit',
    path: 'components.schemas.ProvinceWithCounties.properties.counties',
    reason: 'a province has as many counties as its records name, read whole; no bound would be true',
  },
];

const UNKNOWN_ID = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';

let document: Record<string, any>;
let contract: OpenApiContract;
let admin: string;
let editor: string;
let operator: string;
let viewer: string;

beforeAll(async () => {
  const response = await api('/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
  contract = new OpenApiContract(document);
  [admin, editor, operator, viewer] = await Promise.all([
    tokenFor('admin', '*'),
    tokenFor('editor', ['IR-13']),
    tokenFor('operator', ['IR-13']),
    tokenFor('viewer', ['IR-13']),
  ]);
});

/** Sends a request for `key` (the path with its parameters filled in) and checks the answer against the document. */
async function call(key: RouteKey, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
  const [method, template] = key.split(' ') as [string, string];
  const response = await api(path, { ...request, method });
  expect(contract.problems(method, template, response), `${key} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`).toEqual([]);
  return response;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('passes Spectral (OpenAPI recommended and OWASP API security rulesets) with no error but the listed exceptions', async () => {
    const { Spectral, Document } = require('@stoplight/spectral-core') as typeof import('@stoplight/spectral-core');
    const { Json } = require('@stoplight/spectral-parsers') as typeof import('@stoplight/spectral-parsers');
    const { oas } = require('@stoplight/spectral-rulesets') as typeof import('@stoplight/spectral-rulesets');
    const spectral = new Spectral();
    spectral.setRuleset({
      extends: [
        [oas, 'recommended'],
        [owasp, 'recommended'],
      ],
    } as never);
    const results = await spectral.run(new Document(JSON.stringify(document), Json, 'openapi.json'));
    const excepted = (r: (typeof results)[number]) => SPECTRAL_EXCEPTIONS.some((e) => e.code === r.code && (!e.path || r.path.join('.') === e.path));
    const errors = results.filter((r) => r.severity === 0 && !excepted(r)).map((r) => `${String(r.code)} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
    for (const exception of SPECTRAL_EXCEPTIONS)
      expect(
        results.some((r) => excepted(r) && r.code === exception.code),
        `stale exception ${exception.code}`,
      ).toBe(true);
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    for (const exception of SPECTRAL_EXCEPTIONS) expect(readme, `README.md explains ${exception.code}`).toContain(exception.code);
  });

  it('names every response body, so clients get one type per thing (Project, Donation, ProjectPage, …)', () => {
    const schemas = document.components.schemas as Record<string, unknown>;
    for (const name of [
      'Project',
      'Donation',
      'Distribution',
      'Drive',
      'ProgressReport',
      'ProvinceFigures',
      'CountyFigures',
      'NationalFigures',
      'Problem',
      'ProjectPage',
      'DonationPage',
    ]) {
      expect(schemas, name).toHaveProperty(name);
    }
    expect(schemas.Project).toMatchObject({ properties: { budgetToman: { type: 'string', pattern: '^[0-9]{1,38}$' } }, additionalProperties: false });
    expect(schemas.Donation).toMatchObject({ properties: { donor: { properties: { phone: { type: 'string' } } } } });
    expect((schemas.Donation as { properties: { donor: { required?: string[] } } }).properties.donor.required ?? []).not.toContain('phone');
    for (const route of routes as readonly Route[]) {
      const success = document.paths[route.path][route.method.toLowerCase()].responses[route.response.status];
      // Exports are files (contract-exports.test.ts checks them).
      if (route.response.status !== 204 && !route.response.export)
        expect(success.content['application/json'].schema.$ref, `${route.method} ${route.path}`).toMatch(/^#\/components\/schemas\//);
    }
  });
});

describe('real responses, checked against the document', () => {
  it('every route answers its success as documented', async () => {
    const drive = await createDrive('IR-13');
    const partner = (await call('POST /partners', '/partners', { token: admin, body: { name: unique('بنیاد'), kind: 'charity' } })).body;
    const planBody = { programme: unique('طرح ۴۰ هزار پروژه‌ای'), province: 'IR-13', indicator: 'projects', target: 1040, from: '2026-03-21', to: '2027-03-20' };
    const plan = (await call('POST /plans', '/plans', { token: admin, body: planBody })).body;
    const indicatorCode = `village_baths_${Date.now().toString(36)}`;
    const project = (
      await call('POST /projects', '/projects', {
        token: editor,
        body: projectBody('IR-13', {
          budgetToman: '1200000000000000000000',
          programme: planBody.programme,
          outputs: [{ indicator: 'workshops', target: 5000, actual: '۴٬۴۸۲' }],
          partners: [{ partner: partner.id, role: 'implementing' }],
          villages: 3,
        }),
      })
    ).body;
    expect(project.budgetToman).toBe('1200000000000000000000');
    const doomed = (await call('POST /projects', '/projects', { token: admin, body: projectBody('IR-13') })).body;
    const donation = (await call('POST /donations', '/donations', { token: operator, body: donationBody(drive) })).body;
    const distribution = (
      await call('POST /distributions', '/distributions', {
        token: operator,
        body: distributionBody(drive, 'IR-13', { items: [{ name: 'برنج', quantity: '۱۰', unit: 'کیسه' }], phase: 'نخست' }),
      })
    ).body;

    // The exports (files, not JSON) are checked in contract-exports.test.ts.
    const successes: Record<Exclude<RouteKey, ExportRouteKey>, () => Promise<ApiResponse>> = {
      'GET /health': () => call('GET /health', '/health'),
      'GET /openapi.json': () => call('GET /openapi.json', '/openapi.json'),
      'POST /projects': () => call('POST /projects', '/projects', { token: admin, body: projectBody('IR-19', { quantity: 3, unit: 'واحد' }) }),
      'GET /projects': () => call('GET /projects', '/projects?province=IR-13&limit=1'),
      'GET /projects/{id}': () => call('GET /projects/{id}', `/projects/${project.id}`),
      'PATCH /projects/{id}': () =>
        call('PATCH /projects/{id}', `/projects/${project.id}`, { token: editor, body: { jobsCreated: 7 }, headers: { 'if-match': `"${project.version}"` } }),
      'DELETE /projects/{id}': () => call('DELETE /projects/{id}', `/projects/${doomed.id}`, { token: admin }),
      'POST /projects/{id}/progress': () =>
        call('POST /projects/{id}/progress', `/projects/${project.id}/progress`, {
          token: editor,
          body: { progressPercent: '۴۰٫۵', note: 'دیوارها بالا رفت' },
        }),
      'GET /projects/{id}/progress': () => call('GET /projects/{id}/progress', `/projects/${project.id}/progress`),
      'POST /drives': () => call('POST /drives', '/drives', { token: admin, body: { name: unique('پویش'), startDate: '2026-01-01', endDate: '2026-12-30' } }),
      'GET /drives': () => call('GET /drives', '/drives?limit=2'),
      'GET /drives/{id}': () => call('GET /drives/{id}', `/drives/${drive}`),
      'GET /drives/{id}/figures': () => call('GET /drives/{id}/figures', `/drives/${drive}/figures`),
      'PATCH /drives/{id}': () => call('PATCH /drives/{id}', `/drives/${drive}`, { token: admin, body: { phase: 'دوم' }, headers: { 'if-match': '"1"' } }),
      'POST /partners': () => call('POST /partners', '/partners', { token: admin, body: { name: unique('خیریه'), kind: 'charity', parent: partner.id } }),
      'GET /partners': () => call('GET /partners', '/partners?kind=charity&limit=2'),
      'GET /partners/{id}': () => call('GET /partners/{id}', `/partners/${partner.id}`),
      'PATCH /partners/{id}': () =>
        call('PATCH /partners/{id}', `/partners/${partner.id}`, { token: admin, body: { kind: 'community' }, headers: { 'if-match': '"1"' } }),
      'POST /donations': () =>
        call('POST /donations', '/donations', {
          token: admin,
          body: donationBody(drive, 'IR-13', { kind: 'in_kind', items: [{ name: 'پتو', quantity: 4, unit: 'عدد' }] }),
        }),
      'GET /donations': () => call('GET /donations', `/donations?drive=${drive}`, { token: operator }),
      'GET /donations/{id}': () => call('GET /donations/{id}', `/donations/${donation.id}`, { token: admin }),
      'PATCH /donations/{id}': async () =>
        call('PATCH /donations/{id}', `/donations/${donation.id}`, {
          token: operator,
          body: { amountToman: '۶٬۰۰۰٬۰۰۰', donor: { name: 'علی رضایی' } },
          headers: { 'if-match': await versionOf(`/donations/${donation.id}`) },
        }),
      'POST /donations/{id}/void': async () =>
        call('POST /donations/{id}/void', `/donations/${donation.id}/void`, {
          token: operator,
          body: { reason: 'ثبت تکراری' },
          headers: { 'if-match': await versionOf(`/donations/${donation.id}`) },
        }),
      'POST /distributions': () => call('POST /distributions', '/distributions', { token: editor, body: distributionBody(drive) }),
      'GET /distributions': () => call('GET /distributions', '/distributions?province=IR-13&limit=3', { token: editor }),
      'GET /distributions/{id}': () => call('GET /distributions/{id}', `/distributions/${distribution.id}`, { token: operator }),
      'PATCH /distributions/{id}': async () =>
        call('PATCH /distributions/{id}', `/distributions/${distribution.id}`, {
          token: operator,
          body: { packages: null, kind: 'food' },
          headers: { 'if-match': await versionOf(`/distributions/${distribution.id}`) },
        }),
      'POST /distributions/{id}/void': async () =>
        call('POST /distributions/{id}/void', `/distributions/${distribution.id}/void`, {
          token: operator,
          body: { reason: 'ثبت اشتباه' },
          headers: { 'if-match': await versionOf(`/distributions/${distribution.id}`) },
        }),
      'GET /indicators': () => call('GET /indicators', '/indicators'),
      'POST /indicators': () =>
        call('POST /indicators', '/indicators', { token: admin, body: { code: indicatorCode, fa: 'حمام روستایی', en: 'Village baths', unit: 'building' } }),
      'PATCH /indicators/{code}': () =>
        call('PATCH /indicators/{code}', `/indicators/${indicatorCode}`, { token: admin, body: { fa: 'حمام عمومی روستا' }, headers: { 'if-match': '"1"' } }),
      'POST /plans': () => call('POST /plans', '/plans', { token: admin, body: planBody }),
      'GET /plans': () => call('GET /plans', '/plans?province=IR-13&limit=2'),
      'GET /plans/{id}': () => call('GET /plans/{id}', `/plans/${plan.id}`),
      'PATCH /plans/{id}': () => call('PATCH /plans/{id}', `/plans/${plan.id}`, { token: admin, body: { target: '۱٬۱۰۰' }, headers: { 'if-match': '"1"' } }),
      'GET /programmes': () => call('GET /programmes', '/programmes'),
      'GET /programmes/{name}': () => call('GET /programmes/{name}', `/programmes/${encodeURIComponent(planBody.programme)}`),
      'GET /provinces': () => call('GET /provinces', '/provinces'),
      'GET /provinces/{code}': () => call('GET /provinces/{code}', '/provinces/IR-13'),
      'GET /provinces/{code}/history': () => call('GET /provinces/{code}/history', '/provinces/national/history'),
      'GET /provinces/{code}/counties': () => call('GET /provinces/{code}/counties', '/provinces/IR-13/counties'),
    };

    // Counties and history exist once the aggregator has counted and a refresh has run.
    await eventually(async () => (await api('/provinces/IR-13')).body.counties?.length > 0);
    await refreshAggregates(testStore(), { quietMs: 24 * 3600_000 });

    const seen: Record<string, ApiResponse> = {};
    for (const route of routes as readonly Route[]) {
      if (route.response.export) continue;
      const key = `${route.method} ${route.path}` as Exclude<RouteKey, ExportRouteKey>;
      seen[key] = await successes[key]();
      expect(seen[key]!.status, key).toBe(route.response.status);
    }
    // The donor's phone: only for admins; an operator's list omits it.
    expect(seen['GET /donations/{id}']!.body.donor.phone).toMatch(/^\+98/);
    expect(seen['GET /donations']!.body.items.every((d: { donor?: { phone?: string } }) => d.donor?.phone === undefined)).toBe(true);
    expect(seen['GET /provinces/{code}/history']!.body.points.length).toBeGreaterThan(0);
    expect(seen['GET /provinces/{code}']!.body.counties.length).toBeGreaterThan(0);

    // The checker itself: a body the document does not allow is caught.
    const got = seen['GET /projects/{id}']!;
    for (const body of [
      { ...got.body, budgetToman: 62 },
      { ...got.body, requestHash: 'x' },
      { ...got.body, title: undefined },
    ]) {
      expect(contract.problems('GET', '/projects/{id}', { ...got, body }), JSON.stringify(body).slice(0, 80)).not.toEqual([]);
    }
    expect(contract.problems('GET', '/projects/{id}', { ...got, status: 418 })).not.toEqual([]);
  });

  it('every route answers 401, 403, 404 and 422 as documented, wherever it can', async () => {
    for (const route of routes as readonly Route[]) {
      const key = `${route.method} ${route.path}` as RouteKey;
      const path = (id: string) => route.path.replace(/\{\w+\}/, id);
      const known = path(route.path.startsWith('/provinces') ? 'IR-13' : UNKNOWN_ID);
      const ifMatch = route.ifMatch ? { 'if-match': '"1"' } : undefined;
      if (route.auth === 'jwt') {
        expect((await call(key, known, { body: route.body ? validBody[key] : undefined })).status, key).toBe(401);
        expect((await call(key, known, { token: viewer, body: route.body ? {} : undefined, headers: ifMatch })).status, key).toBe(403);
      }
      if (route.params) {
        const unknown = path(route.path.startsWith('/provinces') ? 'IR-99' : UNKNOWN_ID);
        const token = route.auth === 'jwt' ? admin : undefined;
        expect((await call(key, unknown, { token, body: validBody[key], headers: ifMatch })).status, key).toBe(404);
      }
      if (route.body) expect((await call(key, known, { token: admin, body: { unexpected: true }, headers: ifMatch })).status, key).toBe(422);
      if (route.query) expect((await call(key, `${known}?unexpected=1`, { token: route.auth === 'jwt' ? admin : undefined })).status, key).toBe(422);
    }
    for (const route of routes as readonly Route[]) {
      const where = `${route.method} ${route.path}`;
      const expected = [route.auth === 'jwt' ? [401, 403] : [], route.params ? [404] : [], route.body || route.query ? [422] : []].flat();
      for (const status of expected) expect(contract.checked, `${where} ${status}`).toContain(`${where} ${status}`);
    }
  });

  it('the other errors (400, 409, 412, 413, 415, 428) are documented too', async () => {
    const project = (await call('POST /projects', '/projects', { token: admin, body: projectBody('IR-13', { status: 'cancelled' }) })).body;
    const checks: [RouteKey, string, ApiRequest, number][] = [
      ['POST /projects', '/projects', { token: admin, rawBody: '{"title":', headers: { 'content-type': 'application/json' } }, 400],
      ['GET /projects', '/projects?cursor=abc.def', {}, 400],
      ['POST /projects', '/projects', { token: admin, body: projectBody(), headers: { 'idempotency-key': 'bad key' } }, 400],
      ['POST /projects/{id}/progress', `/projects/${project.id}/progress`, { token: admin, body: { progressPercent: 10 } }, 409],
      ['PATCH /projects/{id}', `/projects/${project.id}`, { token: admin, body: { jobsCreated: 1 }, headers: { 'if-match': '"7"' } }, 412],
      [
        'POST /projects',
        '/projects',
        { token: admin, rawBody: JSON.stringify({ title: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } },
        413,
      ],
      ['POST /projects', '/projects', { token: admin, rawBody: 'title=x', headers: { 'content-type': 'text/plain' } }, 415],
      ['PATCH /projects/{id}', `/projects/${project.id}`, { token: admin, body: { jobsCreated: 1 } }, 428],
    ];
    for (const [key, path, request, status] of checks) expect((await call(key, path, request)).status, `${key} ${path}`).toBe(status);
  });
});

/** Bodies a route accepts, for the requests that must get past validation (to a 404). */
const validBody: Partial<Record<RouteKey, unknown>> = {
  'PATCH /projects/{id}': { jobsCreated: 3 },
  'POST /projects/{id}/progress': { progressPercent: 10 },
  'PATCH /drives/{id}': { phase: 'دوم' },
  'POST /partners': { name: 'بنیاد', kind: 'charity' },
  'POST /indicators': { code: 'bridges', fa: 'پل', en: 'Bridges', unit: 'item' },
  'PATCH /indicators/{code}': { fa: 'پل روستایی' },
  'POST /plans': { programme: 'طرح نمونه', province: 'IR-13', indicator: 'projects', target: 10, from: '2026-03-21', to: '2027-03-20' },
  'PATCH /plans/{id}': { target: 12 },
  'PATCH /partners/{id}': { kind: 'community' },
  'POST /projects': projectBody(),
  'POST /drives': { name: 'پویش', startDate: '2026-01-01' },
  'POST /donations': donationBody(UNKNOWN_ID),
  'POST /distributions': distributionBody(UNKNOWN_ID),
  'PATCH /donations/{id}': { amountToman: 1000 },
  'POST /donations/{id}/void': { reason: 'ثبت تکراری' },
  'PATCH /distributions/{id}': { households: 3 },
  'POST /distributions/{id}/void': { reason: 'ثبت تکراری' },
};

/** The ETag of a donation or distribution as an admin reads it, for If-Match. */
async function versionOf(path: string): Promise<string> {
  return (await api(path, { token: admin })).headers.get('etag')!;
}

async function eventually(check: () => Promise<boolean>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a client generated from the document', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'abad-client-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('types every response (strict tsc: reading a field of an `unknown` would fail) and works against the API', async () => {
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(document));
    await createClient({ input: join(dir, 'openapi.json'), output: join(dir, 'client'), logs: { level: 'silent' } });
    await writeFile(join(dir, 'program.ts'), CLIENT_PROGRAM);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          typeRoots: [join(REPO, 'node_modules', '@types')],
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['program.ts', 'client/**/*.ts'],
      }),
    );
    const tsc = await run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')]).catch(
      (error: { stdout?: string }) => ({
        stdout: `tsc failed:\n${error.stdout ?? String(error)}`,
      }),
    );
    expect(tsc.stdout).toBe('');

    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, join(dir, 'program.ts')], {
      env: { ...process.env, API_URL: inject('apiUrl'), TOKENS: JSON.stringify({ admin, editor, operator }), PROGRAMME: unique('برنامه') },
    });
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      health: 'ok',
      openapi: '3.1.0',
      budgetToman: '62000000000',
      jobsAfterPatch: 7,
      previousPercent: 0,
      progressPercent: 40,
      reports: 1,
      drivePhase: 'دوم',
      donationAmount: '5000000',
      phoneForOperator: null,
      phoneForAdmin: '+989123456789',
      packages: 120,
      provinces: 31,
      deleted: 204,
    });
  });
});

/**
 * Uses the generated SDK as a client would: every operation, typed fields read from every
 * response. `@ts-expect-error` lines make `any` fail too (an unused directive is an error).
 */
const CLIENT_PROGRAM = `
import { client } from './client/client.gen.js';
import * as api from './client/sdk.gen.js';
import type { Donation, Project, ProvinceWithCounties } from './client/types.gen.js';

const { admin, editor, operator } = JSON.parse(process.env.TOKENS!) as Record<'admin' | 'editor' | 'operator', string>;
const programme = process.env.PROGRAMME!;
client.setConfig({ baseUrl: process.env.API_URL! });
const ok = { throwOnError: true } as const;

const health = (await api.health(ok)).data;
const doc = (await api.openapi(ok)).data;

const project: Project = (await api.projectsCreate({ ...ok, auth: editor, body: {
  title: 'مدرسهٔ روستا', category: 'school', programme, province: 'IR-13', county: 'همدان', budgetToman: '۶۲٬۰۰۰٬۰۰۰٬۰۰۰',
} })).data;
// @ts-expect-error: a Project has no such field
void project.noSuchField;
const budget: string = project.budgetToman;
const page = (await api.projectsList({ ...ok, query: { programme, limit: 5 } })).data;
const fromList: string | undefined = page.items[0]?.title;
const one = (await api.projectsGet({ ...ok, path: { id: project.id } })).data;
const patched = (await api.projectsUpdate({ ...ok, auth: editor, path: { id: project.id }, headers: { 'If-Match': \`"\${one.version}"\` }, body: { jobsCreated: 7 } })).data;
const reported = (await api.projectsReportProgress({ ...ok, auth: editor, path: { id: project.id }, body: { progressPercent: 40 } })).data;
const reports = (await api.projectsListProgress({ ...ok, path: { id: project.id } })).data;

const drive = (await api.drivesCreate({ ...ok, auth: admin, body: { name: programme, province: 'IR-13', startDate: '2026-01-01' } })).data;
const drives = (await api.drivesList({ ...ok, query: { limit: 1 } })).data;
const driveUpdated = (await api.drivesUpdate({ ...ok, auth: admin, path: { id: drive.id }, headers: { 'If-Match': \`"\${drive.version}"\` }, body: { phase: 'دوم' } })).data;
const withFigures = (await api.drivesGet({ ...ok, path: { id: drive.id } })).data;
const driveTotal: string = withFigures.figures.donations.totalToman;

const donation: Donation = (await api.donationsCreate({ ...ok, auth: operator, body: {
  driveId: drive.id, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: 5000000, channel: 'مسجد', donor: { name: 'علی', phone: '09123456789' },
} })).data;
const listed = (await api.donationsList({ ...ok, auth: operator, query: { drive: drive.id } })).data;
const forAdmin = (await api.donationsGet({ ...ok, auth: admin, path: { id: donation.id } })).data;
const distribution = (await api.distributionsCreate({ ...ok, auth: operator, body: {
  driveId: drive.id, province: 'IR-13', county: 'همدان', kind: 'hygiene_pack', packages: 120, households: 100,
} })).data;
const distributions = (await api.distributionsList({ ...ok, auth: operator, query: { drive: drive.id } })).data;
const oneDistribution = (await api.distributionsGet({ ...ok, auth: operator, path: { id: distribution.id } })).data;

const all = (await api.provincesList(ok)).data;
const nationalBudget: string = all.national.projects.budgetToman;
const province: ProvinceWithCounties = (await api.provincesGet({ ...ok, path: { code: 'IR-13' } })).data;
const counties: string[] = province.counties.map((c) => c.county);
const history = (await api.provincesHistory({ ...ok, path: { code: 'national' } })).data;
const firstDay: string | undefined = history.points[0]?.date;
const removed = await api.projectsRemove({ ...ok, auth: admin, path: { id: project.id } });

console.log(JSON.stringify({
  health: health.status,
  openapi: doc.openapi,
  budgetToman: budget,
  listed: fromList,
  jobsAfterPatch: patched.jobsCreated,
  previousPercent: reported.report.previousPercent,
  progressPercent: reported.project.progressPercent,
  reports: reports.items.length,
  drives: drives.items.length,
  drivePhase: driveUpdated.phase,
  driveTotal,
  donationAmount: donation.amountToman,
  phoneForOperator: listed.items[0]?.donor?.phone ?? null,
  phoneForAdmin: forAdmin.donor?.phone ?? null,
  packages: oneDistribution.packages,
  distributions: distributions.items.map((d) => d.kind),
  provinces: all.provinces.length,
  provinceCode: all.provinces[0]?.province.code,
  nationalBudget,
  counties: counties.length,
  historyFrom: history.from,
  firstDay: firstDay ?? null,
  deleted: removed.response.status,
}));
`;
