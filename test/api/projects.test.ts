import { describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { projectBody, unique } from '../support/fixtures.ts';

describe('projects', () => {
  it('creates a project: 201, Location, ETag, normalized names, money as decimal strings', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const created = await api('/projects', { token: editor, body: projectBody('IR-13') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/projects/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      county: 'تویسرکان',
      village: 'روستای سرکان',
      budgetToman: '62000000000',
      loansToman: '1500000000',
      jobsCreated: 12,
      status: 'planned',
      progressPercent: 0,
      version: 1,
      createdBy: 'editor-IR-13',
    });

    const read = await api(`/projects/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps amounts beyond 2^53 exact', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const created = await api('/projects', { token: editor, body: projectBody('IR-13', { budgetToman: '123,456,789,012,345,678,901' }) });
    expect(created.status).toBe(201);
    expect((await api(`/projects/${created.body.id}`)).body.budgetToman).toBe('123456789012345678901');
  });

  it('answers 404 as problem+json for an unknown project', async () => {
    const response = await api('/projects/01JD5XQ8Y5W6Z8N3K2M1P0R9ST');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('rejects a finished project below 100% with the field named, in Persian on request', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const response = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', { status: 'completed', progressPercent: 80 }),
      headers: { 'accept-language': 'fa-IR,fa;q=0.9' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'progressPercent', rule: 'finishedNeeds100', message: expect.stringMatching(/۱۰۰ درصد/) }]);
  });

  it('answers 413, 415 and 400 for oversized, non-JSON and malformed bodies', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const huge = await api('/projects', { token: editor, body: projectBody('IR-13', { title: 'ا'.repeat(70_000) }) });
    expect(huge.status).toBe(413);
    const text = await api('/projects', { token: editor, rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(text.status).toBe(415);
    const malformed = await api('/projects', { token: editor, rawBody: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    for (const r of [huge, text, malformed]) expect(r.headers.get('content-type')).toBe('application/problem+json');
  });

  it('requires a token to write: 401', async () => {
    const response = await api('/projects', { body: projectBody() });
    expect(response.status).toBe(401);
  });

  describe('PATCH with optimistic locking', () => {
    it('needs If-Match (428), refuses a stale one (412), applies a current one', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      const path = `/projects/${project.id}`;
      expect((await api(path, { method: 'PATCH', token: editor, body: { jobsCreated: 20 } })).status).toBe(428);
      const ok = await api(path, {
        method: 'PATCH',
        token: editor,
        body: { jobsCreated: '۲۰', status: 'in_progress', progressPercent: 35 },
        headers: { 'if-match': '"1"' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ jobsCreated: 20, status: 'in_progress', progressPercent: 35, version: 2 });
      expect(ok.headers.get('etag')).toBe('"2"');
      const stale = await api(path, { method: 'PATCH', token: editor, body: { jobsCreated: 21 }, headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect((await api(path)).body.jobsCreated).toBe(20);
    });

    it('checks the merged project: finishing needs 100%', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      const response = await api(`/projects/${project.id}`, { method: 'PATCH', token: editor, body: { status: 'completed' }, headers: { 'if-match': '1' } });
      expect(response.status).toBe(422);
      expect(response.body.errors[0]).toMatchObject({ field: 'progressPercent' });
      expect((await api(`/projects/${project.id}`)).body.version).toBe(1);
    });

    it('lets exactly one of many concurrent patches at the same version win', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          api(`/projects/${project.id}`, { method: 'PATCH', token: editor, body: { jobsCreated: i + 1 }, headers: { 'if-match': '"1"' } }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(11);
      const winner = results.find((r) => r.status === 200)!;
      expect((await api(`/projects/${project.id}`)).body).toMatchObject({ version: 2, jobsCreated: winner.body.jobsCreated });
    });

    it('moving a project to another province needs both provinces', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      const moved = await api(`/projects/${project.id}`, { method: 'PATCH', token: editor, body: { province: 'IR-19' }, headers: { 'if-match': '1' } });
      expect(moved.status).toBe(403);
      const both = await tokenFor('editor', ['IR-13', 'IR-19']);
      const ok = await api(`/projects/${project.id}`, { method: 'PATCH', token: both, body: { province: 'IR-19' }, headers: { 'if-match': '1' } });
      expect(ok.status).toBe(200);
      expect(ok.body.province).toBe('IR-19');
    });
  });

  describe('progress reports', () => {
    it('update the project and are kept as history, newest first', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      const first = await api(`/projects/${project.id}/progress`, {
        token: editor,
        body: { progressPercent: '۴۰', note: 'فونداسیون تمام شد', reportedAt: '2026-04-01T08:00:00+03:30' },
      });
      expect(first.status).toBe(201);
      expect(first.body.project).toMatchObject({ progressPercent: 40, status: 'in_progress', version: 2 });
      const done = await api(`/projects/${project.id}/progress`, { token: editor, body: { progressPercent: 100, reportedAt: '2026-06-01T08:00:00Z' } });
      expect(done.body.project).toMatchObject({ progressPercent: 100, status: 'completed' });
      // A late report of an earlier visit is history, not the project's state.
      const late = await api(`/projects/${project.id}/progress`, { token: editor, body: { progressPercent: 70, reportedAt: '2026-05-01T08:00:00Z' } });
      expect(late.status).toBe(201);
      expect((await api(`/projects/${project.id}`)).body).toMatchObject({ progressPercent: 100, status: 'completed' });

      const history = await api(`/projects/${project.id}/progress`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((r: { progressPercent: number }) => r.progressPercent)).toEqual([100, 70, 40]);
      expect(history.body.items[2]).toMatchObject({ note: 'فونداسیون تمام شد', reportedAt: '2026-04-01T04:30:00.000Z' });
    });

    it('a cancelled project takes no report: 409', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13', { status: 'cancelled' }) });
      const response = await api(`/projects/${project.id}/progress`, { token: editor, body: { progressPercent: 10 } });
      expect(response.status).toBe(409);
      expect((await api(`/projects/${project.id}/progress`)).body.items).toEqual([]);
    });

    it('404 for a report on an unknown project', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      expect((await api('/projects/01JD5XQ8Y5W6Z8N3K2M1P0R9ST/progress', { token: editor, body: { progressPercent: 10 } })).status).toBe(404);
    });
  });

  describe('DELETE', () => {
    it('is for admins; a stale If-Match is 412; a deleted project is 404', async () => {
      const editor = await tokenFor('editor', ['IR-13']);
      const admin = await tokenFor('admin', '*');
      const { body: project } = await api('/projects', { token: editor, body: projectBody('IR-13') });
      expect((await api(`/projects/${project.id}`, { method: 'DELETE', token: editor })).status).toBe(403);
      expect((await api(`/projects/${project.id}`, { method: 'DELETE', token: admin, headers: { 'if-match': '"7"' } })).status).toBe(412);
      expect((await api(`/projects/${project.id}`, { method: 'DELETE', token: admin, headers: { 'if-match': '"1"' } })).status).toBe(204);
      expect((await api(`/projects/${project.id}`)).status).toBe(404);
      expect((await api(`/projects/${project.id}`, { method: 'DELETE', token: admin })).status).toBe(404);
    });
  });

  describe('listing', () => {
    it('pages through every match exactly once, newest first, with filters', async () => {
      const editor = await tokenFor('editor', ['IR-24']);
      const programme = unique('اشتغال');
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        const category = i % 3 === 0 ? 'workshop' : 'agriculture';
        const { body } = await api('/projects', { token: editor, body: projectBody('IR-24', { programme, category }) });
        ids.push(body.id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query = new URLSearchParams({ province: 'IR-24', programme, limit: '5', ...(cursor ? { cursor } : {}) });
        const page = await api(`/projects?${query}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.cursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual([...ids].reverse());

      const workshops = await api(`/projects?${new URLSearchParams({ programme, category: 'workshop', limit: '100' })}`);
      expect(workshops.body.items.map((p: { id: string }) => p.id)).toEqual(ids.filter((_, i) => i % 3 === 0).reverse());
    });

    it('a cursor cannot be replayed against another query; bad query values are 422', async () => {
      const editor = await tokenFor('editor', ['IR-24']);
      const programme = unique('آب');
      for (let i = 0; i < 3; i++) await api('/projects', { token: editor, body: projectBody('IR-24', { programme }) });
      const page = await api(`/projects?${new URLSearchParams({ programme, limit: '1' })}`);
      expect(page.body.cursor).toEqual(expect.any(String));
      const replay = await api(`/projects?${new URLSearchParams({ province: 'IR-13', limit: '1', cursor: page.body.cursor })}`);
      expect(replay.status).toBe(400);
      expect(replay.body.type).toBe('/problems/invalid-cursor');
      const bad = await api('/projects?limit=1000&status=done');
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
    });
  });
});
