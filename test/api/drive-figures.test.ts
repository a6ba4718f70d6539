import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { donationBody, unique } from '../support/fixtures.ts';

/**
 * Issue 11: every open drive page polled `GET /drives/{id}`, which is read uncached (editors
 * need its version), so a national drive's page open on a tenth of a million screens read one
 * item 25,000 times a second. `GET /drives/{id}/figures` is the same drive and figures as a
 * public figure: cached a few seconds by the container and CloudFront, with an ETag of the body.
 */
let admin: string;
let driveId: string;

beforeAll(async () => {
  admin = await tokenFor('admin', '*');
  const drive = await api<{ id: string }>('/drives', { token: admin, body: { name: unique('پویش ارقام'), startDate: '2026-01-01' } });
  expect(drive.status).toBe(201);
  driveId = drive.body.id;
  expect((await api('/donations', { token: admin, body: donationBody(driveId, 'IR-13', { amountToman: 4_000_000 }) })).status).toBe(201);
});

describe('GET /drives/{id}/figures', () => {
  it('is the drive and its figures, as GET /drives/{id} has them, cached publicly with an ETag of the body', async () => {
    const figures = await eventually(
      () => api(`/drives/${driveId}/figures`),
      (r) => r.status === 200 && r.body.figures.donations.count === 1,
      15_000,
    );
    expect(figures.body.figures.donations.count).toBe(1);
    expect(figures.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const resource = await api(`/drives/${driveId}`);
    expect(resource.status).toBe(200);
    // The resource stays what editors read: its version as ETag, no public caching.
    expect(resource.headers.get('etag')).toBe(`"${resource.body.version}"`);
    expect(resource.headers.get('cache-control') ?? '').not.toMatch(/public/);
    expect(figures.body).toEqual(resource.body);
    expect(figures.headers.get('etag')).not.toBe(resource.headers.get('etag'));

    const again = await api(`/drives/${driveId}/figures`, { headers: { 'if-none-match': figures.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers an unknown drive with a Persian 404 problem', async () => {
    const missing = await api('/drives/01JD5XQ8Y5W6Z8N3K2M1P0R9ST/figures', { headers: { 'accept-language': 'fa' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.body.title).toMatch(/[\u0600-\u06ff]/);
  });
});
