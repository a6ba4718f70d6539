import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor, type ApiResponse } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { createDrive, distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';

/** Items in the table whose `attribute` is `value`, read through the real DynamoDB API. */
async function storedWith(attribute: string, value: string): Promise<number> {
  const store = testStore();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({
        TableName: store.tableName,
        Select: 'COUNT',
        FilterExpression: '#a = :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), detail: expect.any(String) });
}

function fieldsOf(response: ApiResponse): string[] {
  return (response.body.errors as { field: string }[]).map((e) => e.field);
}

const FA = { 'accept-language': 'fa-IR,fa;q=0.9' };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('dates: nothing happens in the future, every date is plausible', () => {
  let admin: string;
  let projectId: string;
  let driveId: string;
  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
    projectId = (await api('/projects', { token: admin, body: projectBody('IR-13') })).body.id;
    driveId = await createDrive('IR-13');
  });

  it('a progress report dated 9999 is 422 naming reportedAt (fa and en) and does not freeze the project', async () => {
    const future = await api(`/projects/${projectId}/progress`, {
      token: admin,
      body: { progressPercent: 40, reportedAt: '9999-12-31T00:00:00Z' },
      headers: FA,
    });
    expectProblem(future, 422);
    expect(future.body.errors).toEqual([{ field: 'reportedAt', rule: 'momentInFuture', message: expect.stringMatching(/[\u0600-\u06ff]/) }]);
    const english = await api(`/projects/${projectId}/progress`, { token: admin, body: { progressPercent: 40, reportedAt: inMinutes(60) } });
    expectProblem(english, 422);
    expect(english.body.errors).toEqual([{ field: 'reportedAt', rule: 'momentInFuture', message: expect.stringMatching(/future/) }]);
    expect((await api(`/projects/${projectId}/progress`)).body.items).toEqual([]);
    expect((await api(`/projects/${projectId}`)).body.progressPercent).toBe(0);

    // Within the clock skew, and the report after it, are both taken.
    expect((await api(`/projects/${projectId}/progress`, { token: admin, body: { progressPercent: 10, reportedAt: inMinutes(2) } })).status).toBe(201);
    expect((await api(`/projects/${projectId}/progress`, { token: admin, body: { progressPercent: 20, reportedAt: inMinutes(3) } })).status).toBe(201);
    expect((await api(`/projects/${projectId}`)).body.progressPercent).toBe(20);
  });

  it('year 0000 is 422 for a moment, a donation or distribution received in the future is 422; nothing written', async () => {
    const old = await api(`/projects/${projectId}/progress`, { token: admin, body: { progressPercent: 50, reportedAt: '0000-01-01T00:00:00Z' } });
    expectProblem(old, 422);
    expect(old.body.errors).toEqual([expect.objectContaining({ field: 'reportedAt', rule: 'dateTooEarly' })]);
    const drive = await createDrive('IR-13');
    const donation = await api('/donations', { token: admin, body: donationBody(drive, 'IR-13', { receivedAt: '9999-12-31T00:00:00Z' }) });
    expectProblem(donation, 422);
    expect(fieldsOf(donation)).toEqual(['receivedAt']);
    const distribution = await api('/distributions', { token: admin, body: distributionBody(drive, 'IR-13', { distributedAt: inMinutes(10) }) });
    expectProblem(distribution, 422);
    expect(fieldsOf(distribution)).toEqual(['distributedAt']);
    expect((await api(`/donations?drive=${drive}`, { token: admin })).body.items).toEqual([]);
    expect((await api(`/distributions?drive=${drive}`, { token: admin })).body.items).toEqual([]);
  });

  it('planned dates: before 1921 or more than 30 years ahead is 422 naming the field; nothing written', async () => {
    const programme = unique('مسکن');
    const project = await api('/projects', {
      token: admin,
      body: projectBody('IR-13', { programme, startDate: '0000-01-01', targetDate: '9999-12-31' }),
      headers: FA,
    });
    expectProblem(project, 422);
    expect(project.body.errors).toEqual([
      { field: 'startDate', rule: 'dateTooEarly', message: expect.stringMatching(/۱۹۲۱/) },
      { field: 'targetDate', rule: 'dateTooFarAhead', message: expect.stringMatching(/۳۰/) },
    ]);
    expect((await api(`/projects?programme=${encodeURIComponent(programme)}`)).body.items).toEqual([]);

    const name = unique('پویش');
    const drive = await api('/drives', { token: admin, body: { name, startDate: '1920-12-31', endDate: '9999-12-31' } });
    expectProblem(drive, 422);
    expect(fieldsOf(drive).sort()).toEqual(['endDate', 'startDate']);
    expect(await storedWith('name', name)).toBe(0);

    const patch = await api(`/drives/${driveId}`, { method: 'PATCH', token: admin, body: { endDate: '9999-12-31' }, headers: { 'if-match': '"1"' } });
    expectProblem(patch, 422);
    expect(fieldsOf(patch)).toEqual(['endDate']);
    expect((await api(`/drives/${driveId}`)).body.version).toBe(1);

    const planned = new Date();
    planned.setUTCFullYear(planned.getUTCFullYear() + 29);
    expect(
      (await api('/projects', { token: admin, body: projectBody('IR-13', { startDate: '1921-01-01', targetDate: planned.toISOString().slice(0, 10) }) }))
        .status,
    ).toBe(201);
  });
});

describe('path parameters: a malformed id is 404, never 5xx', () => {
  const LONG = 'A'.repeat(3_000);
  const BOGUS = ['not-a-ulid', LONG, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', '01JD5XQ8Y5W6Z8N3K2M1P0R9S\u202e', '81JD5XQ8Y5W6Z8N3K2M1P0R9ST', 'آباد'];
  const encoded = encodeURIComponent;

  const idRoutes: { method: string; path: (id: string) => string; auth: 'public' | 'jwt'; body?: unknown; headers?: Record<string, string> }[] = [
    { method: 'GET', path: (id) => `/projects/${id}`, auth: 'public' },
    { method: 'PATCH', path: (id) => `/projects/${id}`, auth: 'jwt', body: { jobsCreated: 3 }, headers: { 'if-match': '"1"' } },
    { method: 'DELETE', path: (id) => `/projects/${id}`, auth: 'jwt' },
    { method: 'POST', path: (id) => `/projects/${id}/progress`, auth: 'jwt', body: { progressPercent: 10 } },
    { method: 'GET', path: (id) => `/projects/${id}/progress`, auth: 'public' },
    { method: 'GET', path: (id) => `/drives/${id}`, auth: 'public' },
    { method: 'PATCH', path: (id) => `/drives/${id}`, auth: 'jwt', body: { phase: 'دوم' }, headers: { 'if-match': '"1"' } },
    { method: 'GET', path: (id) => `/donations/${id}`, auth: 'jwt' },
    { method: 'GET', path: (id) => `/distributions/${id}`, auth: 'jwt' },
  ];

  for (const route of idRoutes) {
    it(`${route.method} ${route.path('{id}')}: 404 problem+json for every malformed id${route.auth === 'jwt' ? '; 401 without a token' : ', with no token'}`, async () => {
      const admin = await tokenFor('admin', '*');
      for (const id of BOGUS) {
        const request = { method: route.method, body: route.body, headers: route.headers };
        const anonymous = await api(route.path(encoded(id)), request);
        expect(anonymous.status, id.slice(0, 30)).toBeLessThan(500);
        if (route.auth === 'public') expectProblem(anonymous, 404);
        else expect(anonymous.status).toBe(401);
        const signedIn = await api(route.path(encoded(id)), { ...request, token: admin });
        expect(signedIn.status, id.slice(0, 30)).toBeLessThan(500);
        expectProblem(signedIn, 404);
      }
    });
  }

  it('/provinces/{code} and its history: a bogus or 3,000-character code is 404 problem+json', async () => {
    for (const code of ['IR-99', 'XX', LONG, 'national\u202e']) {
      expectProblem(await api(`/provinces/${encoded(code)}`), 404);
      expectProblem(await api(`/provinces/${encoded(code)}/history`), 404);
    }
    expect((await api('/provinces/ir-13')).status).toBe(200);
    expect((await api('/provinces/national/history')).status).toBe(200);
  });
});

describe('invisible characters: stripped, never a second key', () => {
  let editor: string;
  beforeAll(async () => {
    editor = await tokenFor('editor', ['IR-11']);
  });

  it('a county with U+202E and other invisibles is stored as the plain county', async () => {
    const programme = unique('آب');
    const plain = await api('/projects', { token: editor, body: projectBody('IR-11', { programme, county: 'زاهدان', village: undefined }) });
    const spoofed = await api('/projects', {
      token: editor,
      body: projectBody('IR-11', {
        programme,
        county: '\u2067زاه\u200eدان\u202e\u0000\u001b\u0085\u00ad\ufe0f',
        village: undefined,
        title: 'خانه\u202a\u061cٔ ما',
      }),
    });
    expect(plain.status).toBe(201);
    expect(spoofed.status).toBe(201);
    expect(spoofed.body.county).toBe('زاهدان');
    expect(spoofed.body.title).toBe('خانهٔ ما');
    expect((await api(`/projects/${spoofed.body.id}`)).body.county).toBe(plain.body.county);
  });

  it('a title of only invisible characters is 422 naming it, in Persian on request; nothing written', async () => {
    const programme = unique('مسکن');
    const response = await api('/projects', {
      token: editor,
      body: projectBody('IR-11', { programme, title: '\u202e\u200f\u2066\u00a0\u200b\u0007' }),
      headers: FA,
    });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([{ field: 'title', rule: 'emptyText', message: expect.stringMatching(/[\u0600-\u06ff]/) }]);
    expect((await api(`/projects?programme=${encodeURIComponent(programme)}`)).body.items).toEqual([]);
  });

  it('a lone surrogate is dropped, not a crash; a note keeps its line breaks', async () => {
    const body = JSON.stringify(projectBody('IR-11', { county: 'زاهدان', title: 'خانه' })).replace('"خانه"', '"خانه\\ud800"');
    const created = await api('/projects', { token: editor, rawBody: body, headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('خانه');
    const report = await api(`/projects/${created.body.id}/progress`, {
      token: editor,
      body: { progressPercent: 5, note: ' خط اول\u202e\r\nخط\tدوم \n\n\n\nخط سوم\u0000 ' },
    });
    expect(report.status).toBe(201);
    expect(report.body.report.note).toBe('خط اول\nخط دوم\n\nخط سوم');
  });
});

describe('messages keep their parameters in Persian', () => {
  it('a count out of range says its bound in Persian digits, never «ناعدد» (NaN)', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const response = await api('/projects', { token: editor, body: projectBody('IR-13', { jobsCreated: -5 }), headers: { 'accept-language': 'fa' } });
    expect(response.status).toBe(422);
    const problem = response.body.errors.find((e: { field: string }) => e.field === 'jobsCreated');
    expect(problem.message).not.toMatch(/ناعدد|NaN/);
    expect(problem.message).toMatch(/[۰-۹]/);
  });
});
