import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { api, tokenFor, type ApiResponse } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { createDrive, donationBody } from '../support/fixtures.ts';

/**
 * The public figure reads carry a strong ETag (the body's hash) and a short public
 * Cache-Control; a reader that sends the tag back gets 304 with no body while the figures are
 * the same, and 200 with the new figures (and a new tag) once a write has reached them.
 */
const PROVINCE = 'IR-28'; // North Khorasan: no other test file writes there
const STRONG_TAG = /^"[A-Za-z0-9_-]{16,64}"$/;

function expectCacheable(response: ApiResponse, status: number, path: string) {
  expect(response.status, path).toBe(status);
  expect(response.headers.get('etag'), path).toMatch(STRONG_TAG);
  expect(response.headers.get('cache-control'), path).toBe('public, max-age=5');
}

const PATHS = ['/provinces', `/provinces/${PROVINCE}`, `/provinces/${PROVINCE}/history`, '/provinces/national/history?from=2026-01-01&to=2026-01-31'];

describe('ETag and If-None-Match on the public figures', () => {
  it.each(PATHS)('%s: 200 with a strong ETag, then 304 with no body for that tag (weak or in a list too)', async (path) => {
    const first = await api(path);
    expectCacheable(first, 200, path);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const tag = first.headers.get('etag')!;
    for (const ifNoneMatch of [tag, `W/${tag}`, `"something-else", ${tag}`, '*']) {
      const again = await api(path, { headers: { 'if-none-match': ifNoneMatch } });
      // The figures may move between the two reads (the aggregator runs beside the tests): then 200 with another tag.
      if (again.status === 200) {
        expect(again.headers.get('etag')).not.toBe(tag);
        continue;
      }
      expectCacheable(again, 304, `${path} If-None-Match: ${ifNoneMatch}`);
      expect(again.headers.get('etag')).toBe(tag);
      expect(again.body).toBe('');
    }
    const other = await api(path, { headers: { 'if-none-match': '"not-these-figures"' } });
    expectCacheable(other, 200, path);
    expect(typeof other.body).toBe('object');
  });

  it('a donation that reaches the figures gives 200 with them and a new tag; the same figures keep their tag', async () => {
    const province = async () => api(`/provinces/${PROVINCE}`);
    const before = await province();
    const tag = before.headers.get('etag')!;
    // Same figures, read again after this container's one-second memory of them: the same tag.
    await new Promise((r) => setTimeout(r, 1_100));
    const same = await province();
    expect(same.body).toEqual(before.body);
    expect(same.headers.get('etag')).toBe(tag);
    const all = await api('/provinces');

    const drive = await createDrive();
    const operator = await tokenFor('operator', [PROVINCE]);
    const posted = await api('/donations', { token: operator, body: donationBody(drive, PROVINCE, { county: 'بجنورد' }) });
    expect(posted.status).toBe(201);

    const changed = await eventually(
      () => api(`/provinces/${PROVINCE}`, { headers: { 'if-none-match': tag } }),
      (r) => r.status === 200 && r.body.donations.count === before.body.donations.count + 1,
    );
    expectCacheable(changed, 200, `/provinces/${PROVINCE}`);
    expect(changed.body.donations.count).toBe(before.body.donations.count + 1);
    expect(changed.headers.get('etag')).not.toBe(tag);

    const allChanged = await eventually(
      () => api('/provinces', { headers: { 'if-none-match': all.headers.get('etag')! } }),
      (r) => r.status === 200,
    );
    expectCacheable(allChanged, 200, '/provinces');
    expect(allChanged.headers.get('etag')).not.toBe(all.headers.get('etag'));
    const row = (body: { provinces: { province: { code: string }; donations: { count: number } }[] }) =>
      body.provinces.find((p) => p.province.code === PROVINCE)!;
    expect(row(allChanged.body).donations.count).toBe(row(all.body).donations.count + 1);
  });

  it('an idle poll — the dashboard sending back its last ETag — is under 1 KB on the wire, against about 25 KB for the figures', async () => {
    const first = await bytesOfGet('/provinces');
    expect(first.status).toBe(200);
    expect(first.bytes).toBeGreaterThan(10_000);
    const again = await bytesOfGet('/provinces', first.etag);
    if (again.status === 200) return expect(again.etag).not.toBe(first.etag); // the figures moved in between
    expect(again.status).toBe(304);
    expect(again.bytes).toBeLessThan(1_024);
    expect(again.etag).toBe(first.etag);
  });

  it('errors of those routes are not given a public Cache-Control', async () => {
    const response = await api('/provinces/IR-99', { headers: { 'if-none-match': '*' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBeNull();
  });
});

/** Every byte the client receives for one GET on a fresh connection: status line, headers, body. */
function bytesOfGet(path: string, ifNoneMatch?: string): Promise<{ status: number; bytes: number; etag?: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'accept-language': 'fa', ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) };
    const req = request(new URL(path, inject('apiUrl')), { headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: res.socket.bytesRead, etag: res.headers.etag }));
    });
    req.on('error', reject);
    req.end();
  });
}
