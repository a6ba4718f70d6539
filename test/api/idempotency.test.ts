import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { countRequestItems } from '../support/db.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';

/** Runs one request in a handler process that is SIGKILLed right after its write is acknowledged. */
function dieAfterWrite(
  handler: string,
  routeKey: string,
  request: { claims: Record<string, string>; headers: Record<string, string>; body: unknown; path: string },
) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/api/fixtures/die-after-write.ts',
      inject('dynamoDbEndpoint'),
      inject('tableName'),
      handler,
      routeKey,
      JSON.stringify({ ...request, body: JSON.stringify(request.body) }),
    ],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' } },
  );
  return result;
}

describe('Idempotency-Key', () => {
  it('50 concurrent identical requests write exactly one donation and all get the first response', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const body = donationBody(drive);
    const key = `donation-${drive}`;
    const responses = await Promise.all(Array.from({ length: 50 }, () => api('/donations', { token: operator, body, headers: { 'idempotency-key': key } })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.headers.get('location'))).size).toBe(1);
    const admin = await tokenFor('admin', '*');
    expect((await api(`/donations?drive=${drive}&limit=100`, { token: admin })).body.items).toHaveLength(1);
  });

  it('a retry later returns the first response; the same key with another body is 422', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const body = projectBody('IR-13');
    const first = await api('/projects', { token: editor, body, headers: { 'idempotency-key': 'retry-after-timeout' } });
    const again = await api('/projects', { token: editor, body, headers: { 'idempotency-key': 'retry-after-timeout' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await api('/projects', { token: editor, body: { ...body, title: 'دیگر' }, headers: { 'idempotency-key': 'retry-after-timeout' } });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect((await api(`/projects?${new URLSearchParams({ programme: body.programme })}`)).body.items).toHaveLength(1);
  });

  it('keys are per caller and per route; a rejected request can be retried with the same key', async () => {
    const a = await tokenFor('editor', ['IR-13'], 'editor-a');
    const b = await tokenFor('editor', ['IR-13'], 'editor-b');
    const body = projectBody('IR-13');
    const one = await api('/projects', { token: a, body, headers: { 'idempotency-key': 'k1' } });
    const two = await api('/projects', { token: b, body, headers: { 'idempotency-key': 'k1' } });
    expect(one.body.id).not.toBe(two.body.id);

    const invalid = { ...projectBody('IR-13'), status: 'completed' };
    expect((await api('/projects', { token: a, body: invalid, headers: { 'idempotency-key': 'k2' } })).status).toBe(422);
    expect((await api('/projects', { token: a, body: { ...invalid, status: 'planned' }, headers: { 'idempotency-key': 'k2' } })).status).toBe(201);
  });
});

describe('Idempotency-Key: exactly once in one write', () => {
  it('a handler killed after its write and before its response: the retry answers 201 from that write, one item', async () => {
    const drive = await createDrive();
    const body = donationBody(drive);
    const key = `crash-${drive}`;
    const died = dieAfterWrite('donations/create', 'POST /donations', {
      path: '/donations',
      claims: { sub: 'crash-operator', role: 'operator', provinces: 'IR-13' },
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body,
    });
    expect(died.signal, died.stderr).toBe('SIGKILL');
    expect(died.stdout).toContain('written');
    expect(died.stdout).not.toContain('responded');

    const operator = await tokenFor('operator', ['IR-13'], 'crash-operator');
    const retry = await api('/donations', { token: operator, body, headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(201);
    const admin = await tokenFor('admin', '*');
    const items = (await api(`/donations?drive=${drive}&limit=100`, { token: admin })).body.items;
    expect(items).toHaveLength(1);
    expect(items[0].id).toBe(retry.body.id);
  });

  it('the same for a progress report, whose key rides in its transaction', async () => {
    const editor = await tokenFor('editor', ['IR-13'], 'crash-editor');
    const project = (await api('/projects', { token: editor, body: projectBody('IR-13') })).body;
    const body = { progressPercent: 40, note: 'سقف زده شد' };
    const died = dieAfterWrite('projects/report-progress', 'POST /projects/{id}/progress', {
      path: `/projects/${project.id}/progress`,
      claims: { sub: 'crash-editor', role: 'editor', provinces: 'IR-13' },
      headers: { 'content-type': 'application/json', 'idempotency-key': 'progress-crash' },
      body,
    });
    expect(died.signal, died.stderr).toBe('SIGKILL');
    const retry = await api(`/projects/${project.id}/progress`, { token: editor, body, headers: { 'idempotency-key': 'progress-crash' } });
    expect(retry.status).toBe(201);
    expect(retry.body.project.progressPercent).toBe(40);
    const history = (await api(`/projects/${project.id}/progress`)).body.items;
    expect(history).toHaveLength(1);
    expect(history[0].id).toBe(retry.body.report.id);
  });

  it('20 racing identical progress reports write one report; the same key with another body is 422', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const project = (await api('/projects', { token: editor, body: projectBody('IR-13') })).body;
    const body = { progressPercent: '۵۵' };
    const key = `race-${project.id}`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api(`/projects/${project.id}/progress`, { token: editor, body, headers: { 'idempotency-key': key } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.report.id)).size).toBe(1);
    expect((await api(`/projects/${project.id}/progress`)).body.items).toHaveLength(1);
    const other = await api(`/projects/${project.id}/progress`, { token: editor, body: { progressPercent: 60 }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  it('writes no separate idempotency record', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const before = await countRequestItems();
    expect((await api('/donations', { token: operator, body: donationBody(drive), headers: { 'idempotency-key': `only-item-${drive}` } })).status).toBe(201);
    expect(await countRequestItems()).toBe(before + 1); // the donation, and nothing beside it
  });

  it('a replay of a project create after the project was edited still answers 201 with that project', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const body = projectBody('IR-13');
    const key = `edit-then-replay-${Date.now()}`;
    const first = await api('/projects', { token: editor, body, headers: { 'idempotency-key': key } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const edited = await api(`/projects/${first.body.id}`, { method: 'PATCH', token: editor, body: { title: 'عنوان تازه' }, headers: { 'if-match': '"1"' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const replay = await api('/projects', { token: editor, body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
  });
});

describe("Idempotency-Key: a replay is authorized like a first request and answered in the caller's view", () => {
  it('an IR-19 operator with the same subject as an IR-13 operator cannot replay the IR-13 record (403, nothing new)', async () => {
    const drive = await createDrive();
    const body = donationBody(drive, 'IR-13');
    const key = `cross-province-${drive}`;
    const ir13 = await tokenFor('operator', ['IR-13'], 'local-operator');
    const ir19 = await tokenFor('operator', ['IR-19'], 'local-operator');
    expect((await api('/donations', { token: ir13, body, headers: { 'idempotency-key': key } })).status).toBe(201);
    const replay = await api('/donations', { token: ir19, body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(403);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(replay.body)).not.toContain('912');
    const admin = await tokenFor('admin', '*');
    expect((await api(`/donations?drive=${drive}`, { token: admin })).body.items).toHaveLength(1);
  });

  it("an operator replaying an admin's key gets the operator's view: no donor phone, no anonymous donor's name", async () => {
    const drive = await createDrive();
    const body = donationBody(drive, 'IR-13', { donor: { name: 'ناشناس مؤمن', phone: '09121112233', anonymous: true } });
    const key = `admin-then-operator-${drive}`;
    const admin = await tokenFor('admin', '*', 'same-person');
    const operator = await tokenFor('operator', ['IR-13'], 'same-person');
    const first = await api('/donations', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body.donor.phone).toBe('+989121112233');
    const replay = await api('/donations', { token: operator, body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.donor).toEqual({ anonymous: true });
  });

  it("POST /donations answers an operator without the donor phone, and without an anonymous donor's name", async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const named = await api('/donations', { token: operator, body: donationBody(drive) });
    expect(named.status).toBe(201);
    expect(named.body.donor).toEqual({ name: 'علی رضایی', anonymous: false });
    const anonymous = await api('/donations', {
      token: operator,
      body: donationBody(drive, 'IR-13', { donor: { name: 'نیکوکار', phone: '09120000000', anonymous: true } }),
    });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body.donor).toEqual({ anonymous: true });
    expect(JSON.stringify(anonymous.body)).not.toMatch(/نیکوکار|0912|\+98/);
  });
});
