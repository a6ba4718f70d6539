import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { createDrive, distributionBody, donationBody } from '../support/fixtures.ts';

describe('donations and distributions', () => {
  let drive: string;
  let hamadanDrive: string;
  beforeAll(async () => {
    drive = await createDrive();
    hamadanDrive = await createDrive('IR-13');
  });

  it('records a cash donation with normalized values; the phone is for admins only', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const created = await api('/donations', { token: operator, body: donationBody(drive) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/donations/${created.body.id}`);
    expect(created.body).toMatchObject({ amountToman: '5000000', county: 'همدان', kind: 'cash', createdBy: 'operator-IR-13' });

    const asOperator = await api(`/donations/${created.body.id}`, { token: operator });
    expect(asOperator.status).toBe(200);
    expect(asOperator.body.donor).toEqual({ name: 'علی رضایی', anonymous: false });

    const asAdmin = await api(`/donations/${created.body.id}`, { token: await tokenFor('admin', '*') });
    expect(asAdmin.body.donor).toEqual({ name: 'علی رضایی', phone: '+989123456789', anonymous: false });
  });

  it('hides an anonymous donor’s name from everyone but admins', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const { body } = await api('/donations', {
      token: editor,
      body: donationBody(drive, 'IR-13', { donor: { name: 'نیکوکار', phone: '09120000000', anonymous: true } }),
    });
    expect((await api(`/donations/${body.id}`, { token: editor })).body.donor).toEqual({ anonymous: true });
    expect((await api(`/donations/${body.id}`, { token: await tokenFor('admin', '*') })).body.donor.name).toBe('نیکوکار');
  });

  it('records in-kind goods with their estimated value', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const { status, body } = await api('/donations', {
      token: operator,
      body: donationBody(drive, 'IR-13', { kind: 'in_kind', amountToman: '12,000,000', items: [{ name: 'برنج', quantity: '۵۰', unit: 'کيلوگرم' }] }),
    });
    expect(status).toBe(201);
    expect(body.items).toEqual([{ name: 'برنج', quantity: 50, unit: 'کیلوگرم' }]);
  });

  it('a donation names an existing drive of its province: 422 otherwise, nothing written', async () => {
    const operator = await tokenFor('operator', ['IR-13', 'IR-19']);
    const missing = await api('/donations', { token: operator, body: donationBody('01JD5XQ8Y5W6Z8N3K2M1P0R9ST') });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'driveId' })]);
    const wrongProvince = await api('/donations', { token: operator, body: donationBody(hamadanDrive, 'IR-19'), headers: { 'accept-language': 'fa' } });
    expect(wrongProvince.status).toBe(422);
    expect(wrongProvince.body.errors).toEqual([{ field: 'province', rule: 'driveProvince', message: 'این پویش متعلق به استان دیگری است' }]);
    const admin = await tokenFor('admin', '*');
    expect((await api(`/donations?drive=${hamadanDrive}`, { token: admin })).body.items).toEqual([]);
  });

  it('reading is for staff of the province: another province is 403, a viewer is 403', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const { body } = await api('/donations', { token: operator, body: donationBody(drive) });
    expect((await api(`/donations/${body.id}`, { token: await tokenFor('operator', ['IR-19']) })).status).toBe(403);
    expect((await api(`/donations/${body.id}`, { token: await tokenFor('viewer', '*') })).status).toBe(403);
    expect((await api(`/donations?province=IR-19`, { token: operator })).status).toBe(403);
  });

  it('lists by drive only within the caller’s provinces, and pages', async () => {
    const ownDrive = await createDrive();
    const both = await tokenFor('operator', ['IR-13', 'IR-19']);
    for (const province of ['IR-13', 'IR-19', 'IR-13', 'IR-19', 'IR-13'] as const) {
      expect((await api('/donations', { token: both, body: donationBody(ownDrive, province) })).status).toBe(201);
    }
    const hamadanOnly = await tokenFor('operator', ['IR-13']);
    const mine = await api(`/donations?drive=${ownDrive}`, { token: hamadanOnly });
    expect(mine.body.items).toHaveLength(3);
    expect(mine.body.items.every((d: { province: string }) => d.province === 'IR-13')).toBe(true);

    const admin = await tokenFor('admin', '*');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api(`/donations?${new URLSearchParams({ drive: ownDrive, limit: '2', ...(cursor ? { cursor } : {}) })}`, { token: admin });
      ids.push(...page.body.items.map((d: { id: string }) => d.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toHaveLength(5);
    expect(JSON.stringify((await api(`/donations?drive=${ownDrive}`, { token: admin })).body)).toContain('+9891');
    expect(JSON.stringify(mine.body)).not.toContain('+98');
  });

  it('records and reads distributions', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const created = await api('/distributions', { token: operator, body: distributionBody(hamadanDrive, 'IR-13', { phase: 'مرحلهٔ سوم' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ packages: 120, households: 120, valueToman: '360000000', kind: 'livelihood_package' });
    expect((await api(`/distributions/${created.body.id}`, { token: operator })).body).toEqual(created.body);
    const list = await api(`/distributions?province=IR-13&drive=${hamadanDrive}`, { token: operator });
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
  });
});

describe('drives', () => {
  it('creates, reads, lists and patches a drive with If-Match', async () => {
    const admin = await tokenFor('admin', '*');
    const created = await api('/drives', {
      token: admin,
      body: { name: 'پویش ایران همدل', province: 'IR-05', phase: 'مرحلهٔ اول', startDate: '۲۰۲۶-۰۳-۰۱', endDate: '2026-04-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ startDate: '2026-03-01', province: 'IR-05', version: 1 });
    expect((await api(`/drives/${created.body.id}`)).body).toMatchObject(created.body);
    expect((await api('/drives?limit=100')).body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
    expect((await api(`/drives/${created.body.id}`, { method: 'PATCH', token: admin, body: { phase: 'دوم' } })).status).toBe(428);
    const bad = await api(`/drives/${created.body.id}`, { method: 'PATCH', token: admin, body: { endDate: '2026-01-01' }, headers: { 'if-match': '"1"' } });
    expect(bad.status).toBe(422);
    const ok = await api(`/drives/${created.body.id}`, { method: 'PATCH', token: admin, body: { phase: 'مرحلهٔ دوم' }, headers: { 'if-match': '"1"' } });
    expect(ok.body).toMatchObject({ phase: 'مرحلهٔ دوم', version: 2 });
  });
});
