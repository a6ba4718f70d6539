import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '@abad/local/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor, type ApiResponse } from '../support/api.ts';
import { createDrive, distributionBody, donationBody } from '../support/fixtures.ts';

/**
 * Finding 8: what a route behind the token answers is for its caller only (donor names and
 * phones), so no cache may keep it and no other site's script may read it. Every response of
 * such a route — success or error — says `Cache-Control: no-store` and never
 * `Access-Control-Allow-Origin: *`; the public reads keep their wildcard.
 */
const FOREIGN = 'https://evil.example';
const UNKNOWN_ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

function expectPrivate(response: ApiResponse, what: string) {
  expect(response.headers.get('cache-control'), what).toBe('no-store');
  expect(response.headers.get('access-control-allow-origin'), what).toBeNull();
}

describe('responses of routes behind the token (the shared stack: CORS_ORIGINS unset)', () => {
  let admin: string;
  let donationId: string;
  let distributionId: string;

  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
    const drive = await createDrive();
    const donation = await api('/donations', { token: admin, body: donationBody(drive), headers: { origin: FOREIGN } });
    expect(donation.status).toBe(201);
    expectPrivate(donation, 'POST /donations 201');
    donationId = donation.body.id;
    const distribution = await api('/distributions', { token: admin, body: distributionBody(drive) });
    expect(distribution.status).toBe(201);
    distributionId = distribution.body.id;
  });

  it('GET /donations, /donations/{id}, /distributions, /distributions/{id}: no-store, and no wildcard origin', async () => {
    for (const path of ['/donations?province=IR-13', `/donations/${donationId}`, '/distributions?province=IR-13', `/distributions/${distributionId}`]) {
      for (const headers of [{ origin: FOREIGN }, {} as Record<string, string>]) {
        const response = await api(path, { token: admin, headers });
        expect(response.status, path).toBe(200);
        expectPrivate(response, `GET ${path} ${JSON.stringify(headers)}`);
      }
    }
    // The phone is in there: exactly what must not be kept.
    expect(JSON.stringify((await api(`/donations/${donationId}`, { token: admin })).body)).toContain('+989123456789');
  });

  it('errors of those routes too: 403, 404, 422 (problem+json)', async () => {
    const viewer = await tokenFor('viewer', ['IR-13']);
    const cases: [string, Parameters<typeof api>[1], number][] = [
      [`/donations/${donationId}`, { token: viewer, headers: { origin: FOREIGN } }, 403],
      [`/distributions/${UNKNOWN_ID}`, { token: admin, headers: { origin: FOREIGN } }, 404],
      ['/donations?province=IR-99', { token: admin, headers: { origin: FOREIGN } }, 422],
      ['/donations', { token: admin, body: { province: 'IR-13' }, headers: { origin: FOREIGN } }, 422],
    ];
    for (const [path, request, status] of cases) {
      const response = await api(path, request);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toBe('application/problem+json');
      expectPrivate(response, `${request?.body ? 'POST' : 'GET'} ${path} → ${status}`);
    }
  });

  it('public reads are untouched: any origin may read them', async () => {
    const response = await api('/projects?province=IR-13', { headers: { origin: FOREIGN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBeNull();
  });
});

describe('with CORS_ORIGINS configured (its own stack)', { timeout: 120_000 }, () => {
  const ALLOWED = 'https://abad.example.org';
  let stack: LocalStack;
  let dataDir: string;
  const previous = process.env.CORS_ORIGINS;

  beforeAll(async () => {
    // Read when a handler module is built: this worker has built none yet.
    process.env.CORS_ORIGINS = ALLOWED;
    dataDir = await mkdtemp(join(tmpdir(), 'abad-cors-'));
    stack = await startLocalStack({ dataDir, port: 0, tableName: 'abad-cors', log: () => {}, refreshIntervalSeconds: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
    if (previous === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previous;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an authenticated read echoes only the configured origin, and is still no-store', async () => {
    const admin = await stack.issuer.mintToken({ subject: 'cors-admin', role: 'admin', provinces: '*' });
    const get = (origin: string) => fetch(`${stack.url}/donations?province=IR-13`, { headers: { authorization: `Bearer ${admin}`, origin } });
    const allowed = await get(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    const foreign = await get(FOREIGN);
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('cache-control')).toBe('no-store');
  });
});
