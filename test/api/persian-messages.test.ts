import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { UNTRANSLATED_FIELD_FA, inLanguage, problem } from '../../packages/functions/src/http/problem.ts';
import { routes, type Route } from '../../packages/functions/src/http/routes.ts';
import { api, tokenFor, type ApiRequest, type ApiResponse } from '../support/api.ts';
import { createDrive, distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';

/**
 * Issue 10: with `Accept-Language: fa` no English reaches the reader. Every POST and PATCH
 * route of the table gets invalid values for every field of its body (top level and one level
 * down), a body missing its required fields and an unknown key; then 401/403/404/409/412/428
 * and the HTTP layer's own problems. No `title`, `detail` or field `message` holds a Latin
 * letter — except a province code given as an example («IR-13 برای همدان»). `field`, `type`
 * and `rule` are keys, not prose, and are not read.
 */

const FA = { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' };
const PROVINCE_EXAMPLE = /IR-\d\d/g;
const FAKE_ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

/** Every prose string of a problem that has Latin letters (or NaN), labelled for the failure message. */
function english(response: ApiResponse, label: string): string[] {
  const body = response.body as { title?: unknown; detail?: unknown; errors?: { field: string; message: unknown }[] };
  if (typeof body !== 'object' || body === null) return [`${label}: not problem+json: ${String(body)}`];
  const said: [string, unknown][] = [
    ['title', body.title],
    ['detail', body.detail],
    ...(body.errors ?? []).map((e): [string, unknown] => [`errors[${e.field}]`, e.message]),
  ];
  const found: string[] = [];
  for (const [where, text] of said) {
    if (typeof text !== 'string' || text === '') found.push(`${label} ${where}: missing`);
    else if (/[A-Za-z]/.test(text.replace(PROVINCE_EXAMPLE, '')) || /ناعدد/.test(text)) found.push(`${label} ${where}: ${text}`);
    // The HTTP layer's safety net (an English message replaced wholesale) means core said it in English.
    else if (text === UNTRANSLATED_FIELD_FA) found.push(`${label} ${where}: untranslated`);
  }
  return found;
}

async function faRequest(path: string, request: ApiRequest): Promise<ApiResponse> {
  return api(path, { ...request, headers: { ...FA, ...request.headers } });
}

/** Runs requests a few at a time: thousands, without swamping the local stack. */
async function inBatches<T>(jobs: (() => Promise<T>)[], size = 6): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += size) results.push(...(await Promise.all(jobs.slice(i, i + size).map((job) => job()))));
  return results;
}

const BAD_VALUES: unknown[] = [null, true, 12_345, -1, 1e15, 1.5, '', '   ', 'no_such_value', 'ب'.repeat(3_000), [], {}, '2026-13-45', 'IR-99'];

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
}

/** Bodies that break one field each: `base` with the field replaced, nested fields inside a one-element object or list. */
function brokenBodies(schema: JsonSchema, base: Record<string, unknown>): { label: string; body: unknown }[] {
  const bodies: { label: string; body: unknown }[] = [
    { label: 'empty body', body: {} },
    { label: 'unknown key', body: { ...base, unknownKey: 'x' } },
    { label: 'two unknown keys', body: { ...base, a: 1, b: 2 } },
    { label: 'not an object', body: [] },
  ];
  for (const required of schema.required ?? []) {
    const { [required]: _dropped, ...missing } = base;
    bodies.push({ label: `missing ${required}`, body: missing });
  }
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    for (const bad of BAD_VALUES) bodies.push({ label: `${field}=${JSON.stringify(bad).slice(0, 20)}`, body: { ...base, [field]: bad } });
    const nested = property.properties ?? property.items?.properties;
    if (!nested) continue;
    const wrap = (inner: unknown) => (property.properties ? inner : [inner]);
    bodies.push({ label: `${field} with unknown key`, body: { ...base, [field]: wrap({ unknownKey: 1 }) } });
    for (const sub of Object.keys(nested)) {
      for (const bad of BAD_VALUES)
        bodies.push({ label: `${field}.${sub}=${JSON.stringify(bad).slice(0, 20)}`, body: { ...base, [field]: wrap({ [sub]: bad }) } });
    }
  }
  return bodies;
}

describe('Accept-Language: fa — every error wholly in Persian', () => {
  let admin: string;
  let projectId: string;
  let driveId: string;
  let donationId: string;
  let distributionId: string;
  let partnerId: string;
  let planId: string | undefined;

  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
    projectId = (await api('/projects', { token: admin, body: projectBody('IR-13') })).body.id;
    driveId = await createDrive('IR-13');
    donationId = (await api('/donations', { token: admin, body: donationBody(driveId) })).body.id;
    distributionId = (await api('/distributions', { token: admin, body: distributionBody(driveId) })).body.id;
    partnerId = (await api('/partners', { token: admin, body: { name: unique('نهاد آزمون'), kind: 'charity' } })).body.id;
    planId = (await api('/plans', { token: admin })).body?.items?.[0]?.id;
  });

  /** A valid body per route, so that the one broken field is what fails (and rules across fields run). */
  function baseOf(route: Route): Record<string, unknown> {
    switch (`${route.method} ${route.path}`) {
      case 'POST /projects':
        return projectBody('IR-13');
      case 'POST /drives':
        return { name: unique('پویش آزمون'), startDate: '2026-03-01', province: 'IR-13' };
      case 'POST /partners':
        return { name: unique('نهاد آزمون'), kind: 'charity' };
      case 'POST /donations':
        return donationBody(driveId);
      case 'POST /distributions':
        return distributionBody(driveId);
      case 'POST /projects/{id}/progress':
        return { progressPercent: 10 };
      default:
        return {};
    }
  }

  function pathOf(route: Route): string {
    const id = route.path.startsWith('/projects')
      ? projectId
      : route.path.startsWith('/drives')
        ? driveId
        : route.path.startsWith('/donations')
          ? donationId
          : route.path.startsWith('/distributions')
            ? distributionId
            : route.path.startsWith('/partners')
              ? partnerId
              : (planId ?? FAKE_ID);
    return route.path.replace('{id}', id).replace('{code}', 'no_such_indicator');
  }

  const bodyRoutes = (routes as readonly Route[]).filter((r) => (r.method === 'POST' || r.method === 'PATCH') && r.body !== undefined);

  it('the route table has POST and PATCH routes with bodies', () => {
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(15);
  });

  for (const route of bodyRoutes) {
    it(`${route.method} ${route.path}: invalid values of every field, missing and unknown fields`, async () => {
      const schema = z.toJSONSchema(route.body!, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const bodies = brokenBodies(schema, baseOf(route));
      const path = pathOf(route);
      const responses = await inBatches(
        bodies.map(({ label, body }) => async () => {
          // If-Match "1" matches nothing written twice here; a stale one is 412, said in Persian too.
          const response = await faRequest(path, { method: route.method, token: admin, body, headers: { 'if-match': '"1"' } });
          return { label, response };
        }),
      );
      const rejected = responses.filter(({ response }) => response.status >= 400);
      expect(rejected.length).toBeGreaterThan(bodies.length / 2);
      expect(rejected.filter(({ response }) => response.status >= 500).map(({ label }) => label)).toEqual([]);
      expect(rejected.flatMap(({ label, response }) => english(response, label))).toEqual([]);
      // The 422s name their fields: the check above read real field messages.
      expect(rejected.some(({ response }) => response.status === 422 && response.body.errors?.length)).toBe(true);
    });
  }

  it('names types and enums in Persian: required, text, number, the labels of an enum and a province by example', async () => {
    const response = await faRequest('/projects', {
      token: admin,
      body: { title: 5, category: 'villa', province: 'IR-99', status: 'done', jobsCreated: '-۵', partners: [{ partner: FAKE_ID, role: 'boss' }] },
    });
    expect(response.status).toBe(422);
    const message = (field: string) => (response.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message;
    expect(message('programme')).toBe('این فیلد لازم است');
    expect(message('title')).toBe('باید متن باشد');
    expect(message('category')).toContain('«مسکن محرومان»');
    expect(message('status')).toContain('«در حال اجرا»');
    expect(message('partners.0.role')).toContain('«تأمین‌کننده مالی»');
    expect(message('province')).toBe('کد استان معتبر نیست؛ مثلاً IR-13 برای همدان');
    expect(message('jobsCreated')).toMatch(/^باید عددی صحیح از ۰ تا [۰-۹٬]+ باشد$/);
  });

  it('401, 403 (role, province, the country), 404, 409, 412, 428 and the HTTP layer’s own problems', async () => {
    const noClaims = await tokenFor('admin', ['IR-13'], 'x'.repeat(300));
    const operator = await tokenFor('operator', ['IR-13']);
    const editor19 = await tokenFor('editor', ['IR-19']);
    const editor13 = await tokenFor('editor', ['IR-13']);
    const admin13 = await tokenFor('admin', ['IR-13']);
    const cancelled = (await api('/projects', { token: admin, body: projectBody('IR-13', { status: 'cancelled' }) })).body.id;
    const idemKey = unique('key').replace(/\s/g, '-');
    await faRequest('/partners', { token: admin, body: { name: unique('نهاد'), kind: 'charity' }, headers: { 'idempotency-key': idemKey } });

    const cases: [string, number, Promise<ApiResponse>][] = [
      ['401 claims without a principal', 401, faRequest('/projects', { token: noClaims, body: projectBody() })],
      ['403 role', 403, faRequest('/projects', { token: operator, body: projectBody() })],
      ['403 province', 403, faRequest('/projects', { token: editor19, body: projectBody('IR-13') })],
      ['403 country', 403, faRequest('/projects', { token: editor13, body: { ...projectBody('IR-13'), province: 'IR', county: undefined } })],
      ['403 national drive', 403, faRequest('/drives', { token: admin13, body: { name: unique('پویش'), startDate: '2026-03-01' } })],
      ['404 id', 404, faRequest(`/projects/${FAKE_ID}`, {})],
      ['404 not an id', 404, faRequest('/projects/not-an-id', {})],
      ['404 path', 404, faRequest('/provinces/IR-99', {})],
      ['404 programme', 404, faRequest(`/programmes/${encodeURIComponent('برنامه‌ای که نیست')}`, {})],
      ['404 patch', 404, faRequest(`/drives/${FAKE_ID}`, { method: 'PATCH', token: admin, body: { name: 'پویش' }, headers: { 'if-match': '"1"' } })],
      ['409 cancelled project', 409, faRequest(`/projects/${cancelled}/progress`, { token: admin, body: { progressPercent: 50 } })],
      [
        '409 shipped indicator',
        409,
        faRequest('/indicators/rural_water_coverage_percent', { method: 'PATCH', token: admin, body: { fa: 'نام' }, headers: { 'if-match': '"1"' } }),
      ],
      [
        '412 stale version',
        412,
        faRequest(`/projects/${projectId}`, { method: 'PATCH', token: admin, body: { title: 'عنوان تازه' }, headers: { 'if-match': '"99"' } }),
      ],
      [
        '412 not a version',
        412,
        faRequest(`/projects/${projectId}`, { method: 'PATCH', token: admin, body: { title: 'عنوان تازه' }, headers: { 'if-match': 'abc' } }),
      ],
      ['428 no If-Match', 428, faRequest(`/projects/${projectId}`, { method: 'PATCH', token: admin, body: { title: 'عنوان تازه' } })],
      ['400 malformed JSON', 400, faRequest('/projects', { token: admin, rawBody: '{"title":', headers: { 'content-type': 'application/json' } })],
      ['400 no body', 400, faRequest('/projects', { method: 'POST', token: admin, headers: { 'content-type': 'application/json' } })],
      ['400 bad Idempotency-Key', 400, faRequest('/projects', { token: admin, body: projectBody(), headers: { 'idempotency-key': 'a key with spaces' } })],
      ['400 bad cursor', 400, faRequest('/projects?cursor=abc', {})],
      ['413 too large', 413, faRequest('/projects', { token: admin, body: { title: 'ب'.repeat(70_000) } })],
      ['415 not JSON', 415, faRequest('/projects', { token: admin, rawBody: 'title=x', headers: { 'content-type': 'text/plain' } })],
      [
        '422 Idempotency-Key reused',
        422,
        faRequest('/partners', { token: admin, body: { name: unique('نهاد دیگر'), kind: 'charity' }, headers: { 'idempotency-key': idemKey } }),
      ],
      ['422 unknown county', 422, faRequest('/projects', { token: admin, body: projectBody('IR-13', { county: 'شهرستانی که نیست' }) })],
    ];
    const found: string[] = [];
    for (const [label, status, pending] of cases) {
      const response = await pending;
      expect(response.status, label).toBe(status);
      found.push(...english(response, label));
    }
    expect(found).toEqual([]);
  });

  it('a 403 names the province and the role in Persian', async () => {
    const inHamadan = await faRequest('/projects', { token: await tokenFor('editor', ['IR-19']), body: projectBody('IR-13') });
    expect(inHamadan.body.detail).toBe('اجازهٔ کار در استان همدان را ندارید');
    const national = await faRequest('/drives', { token: await tokenFor('admin', ['IR-13']), body: { name: unique('پویش'), startDate: '2026-03-01' } });
    expect(national.body.detail).toBe('اجازهٔ کار در «کل کشور» را ندارید');
    const operator = await faRequest('/projects', { token: await tokenFor('operator', ['IR-13']), body: projectBody() });
    expect(operator.body.detail).toBe('نقش «اپراتور» اجازهٔ ثبت و ویرایش پروژه را ندارد');
    expect(operator.body.title).toBe('دسترسی مجاز نیست');
  });

  it('English stays English without Accept-Language: fa', async () => {
    const response = await api('/projects', { token: await tokenFor('editor', ['IR-19']), body: projectBody('IR-13') });
    expect(response.body).toMatchObject({ title: 'Forbidden', detail: 'Not allowed to act in province IR-13' });
  });

  it('an unexpected error (500) says in Persian what to do', () => {
    const said = inLanguage(problem('internal', 'An unexpected error occurred; it has been logged'), 'fa');
    expect(said.title).toBe('خطای داخلی');
    expect(said.detail).toMatch(/دوباره بفرستید/);
    expect(`${said.title}${said.detail}`).not.toMatch(/[A-Za-z]/);
    // A detail nothing translated is never passed through in English.
    expect(inLanguage(problem('bad-request', 'Something new went wrong'), 'fa').detail).not.toMatch(/[A-Za-z]/);
  });
});
