import { describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';

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
