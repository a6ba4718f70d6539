import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ProvinceCode, Role } from '@abad/core';
import { matchCounty } from '@abad/core/places/counties';
import { keys } from '@abad/core/table/keys';
import { ruleMessage } from '@abad/core/validation/messages';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testStore } from '../support/db.ts';
import { createDrive, distributionBody, donationBody } from '../support/fixtures.ts';

/**
 * Corrections (`PATCH` at the version read) and voids of donations and distributions, over
 * real HTTP against DynamoDB Local, with the figures followed through the stream. The table
 * is shared with other files, so figures are compared with those read just before.
 */

/** Longer than the API's one-second memory of the figures and the aggregator's lag: what is read after it has settled. */
const settle = () => new Promise((r) => setTimeout(r, 1_500));

const province = async (code: ProvinceCode) => (await api(`/provinces/${code}`)).body;
const driveFigures = async (id: string) => (await api(`/drives/${id}`)).body.figures;
type CountyFigures = {
  county: string;
  code?: string;
  countyCode?: string;
  donations: { count: number; cashToman: string };
  distributions: { count: number; packages: number };
};
type Figures = { province: { code: ProvinceCode }; counties: CountyFigures[] };
/** A county's figures, whether the reader names counties by name or by their catalogue code; zeros when nothing counted there yet. */
const countyOf = (p: Figures, name: string) => {
  const names = [name, matchCounty(p.province.code, name)?.code, matchCounty(p.province.code, name)?.name].filter(Boolean);
  return (
    p.counties.find((c) => [c.county, c.code, c.countyCode].some((n) => n !== undefined && names.includes(n))) ?? {
      donations: { count: 0, cashToman: '0' },
      distributions: { count: 0, packages: 0 },
    }
  );
};

async function stored(type: 'donation' | 'distribution', id: string) {
  const store = testStore();
  return (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys[type](id), ConsistentRead: true }))).Item!;
}

const json = (ifMatch?: string, extra: Record<string, string> = {}) => ({ ...(ifMatch ? { 'if-match': ifMatch } : {}), ...extra });

let admin: string;
beforeAll(async () => {
  admin = await tokenFor('admin', '*');
});

describe('correcting a donation', () => {
  it('a corrected amount moves the figures: the old amount leaves the province, county and drive, the new one counts once', async () => {
    const drive = await createDrive('IR-13');
    const operator = await tokenFor('operator', ['IR-13']);
    const before = await province('IR-13');
    const created = await api('/donations', { token: operator, body: donationBody(drive, 'IR-13', { county: 'نهاوند', amountToman: '۵٬۰۰۰٬۰۰۰' }) });
    expect(created.status).toBe(201);
    const cash = (p: { donations: { cashToman: string } }) => BigInt(p.donations.cashToman) - BigInt(before.donations.cashToman);
    const counted = await eventually(
      () => province('IR-13'),
      (p) => cash(p) === 5_000_000n && countyOf(p, 'نهاوند').donations.count === countyOf(before, 'نهاوند').donations.count + 1,
    );
    expect(cash(counted)).toBe(5_000_000n);

    const patched = await api(`/donations/${created.body.id}`, {
      method: 'PATCH',
      token: operator,
      body: { amountToman: '۷٬۵۰۰٬۰۰۰', channel: 'حساب بانکی پویش' },
      headers: json('"1"'),
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({
      amountToman: '7500000',
      channel: 'حساب بانکی پویش',
      version: 2,
      createdAt: created.body.createdAt,
      createdBy: 'operator-IR-13',
    });
    expect(patched.body.updatedAt >= created.body.updatedAt).toBe(true);

    await eventually(
      () => province('IR-13'),
      (p) => cash(p) === 7_500_000n,
    );
    await settle();
    const after = await province('IR-13');
    expect(cash(after)).toBe(7_500_000n);
    expect(after.donations.count).toBe(before.donations.count + 1);
    expect(countyOf(after, 'نهاوند').donations.count).toBe(countyOf(before, 'نهاوند').donations.count + 1);
    expect(BigInt(countyOf(after, 'نهاوند').donations.cashToman) - BigInt(countyOf(before, 'نهاوند').donations.cashToman)).toBe(7_500_000n);
    expect((await driveFigures(drive)).donations).toMatchObject({ count: 1, cashToman: '7500000', totalToman: '7500000' });

    const read = await api(`/donations/${created.body.id}`, { token: operator });
    expect(read.body).toEqual(patched.body);
    expect(read.headers.get('etag')).toBe('"2"');
  });

  it('a cash donation corrected to goods lists them; `null` removes the goods again; the rules hold after merging', async () => {
    const drive = await createDrive();
    const editor = await tokenFor('editor', ['IR-13']);
    const { body } = await api('/donations', { token: editor, body: donationBody(drive) });
    const noGoods = await api(`/donations/${body.id}`, {
      method: 'PATCH',
      token: editor,
      body: { kind: 'in_kind' },
      headers: json('"1"', { 'accept-language': 'fa' }),
    });
    expect(noGoods.status).toBe(422);
    expect(noGoods.body.errors).toEqual([{ field: 'items', rule: 'inKindNeedsItems', message: ruleMessage('inKindNeedsItems', 'fa') }]);
    const goods = await api(`/donations/${body.id}`, {
      method: 'PATCH',
      token: editor,
      body: { kind: 'in_kind', items: [{ name: 'برنج', quantity: '۲۰', unit: 'کيسه' }] },
      headers: json('"1"'),
    });
    expect(goods.status).toBe(200);
    expect(goods.body.items).toEqual([{ name: 'برنج', quantity: 20, unit: 'کیسه' }]);
    const backToCash = await api(`/donations/${body.id}`, { method: 'PATCH', token: editor, body: { kind: 'cash', items: null }, headers: json('"2"') });
    expect(backToCash.status).toBe(200);
    expect(backToCash.body).not.toHaveProperty('items');
    expect(await stored('donation', body.id)).not.toHaveProperty('items');
    const empty = await api(`/donations/${body.id}`, { method: 'PATCH', token: editor, body: {}, headers: json('"3"') });
    expect(empty.status).toBe(422);
  });

  it('an operator’s correction answers without the donor’s phone, and keeps the phone the operator never saw', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const { body } = await api('/donations', { token: operator, body: donationBody(drive) });
    const patched = await api(`/donations/${body.id}`, { method: 'PATCH', token: operator, body: { donor: { name: 'حسن كريمي' } }, headers: json('"1"') });
    expect(patched.status).toBe(200);
    expect(patched.body.donor).toEqual({ name: 'حسن کریمی', anonymous: false });
    expect(JSON.stringify(patched.body)).not.toContain('+98');
    const asAdmin = await api(`/donations/${body.id}`, { token: admin });
    expect(asAdmin.body.donor).toEqual({ name: 'حسن کریمی', phone: '+989123456789', anonymous: false });

    // An admin may correct the phone, or remove it.
    const corrected = await api(`/donations/${body.id}`, { method: 'PATCH', token: admin, body: { donor: { phone: '۰۹۱۳ ۱۱۱ ۲۲۲۲' } }, headers: json('"2"') });
    expect(corrected.body.donor).toEqual({ name: 'حسن کریمی', phone: '+989131112222', anonymous: false });
    const removed = await api(`/donations/${body.id}`, { method: 'PATCH', token: admin, body: { donor: { phone: null } }, headers: json('"3"') });
    expect(removed.body.donor).toEqual({ name: 'حسن کریمی', anonymous: false });
    expect((await stored('donation', body.id)).donor).toEqual({ name: 'حسن کریمی', anonymous: false });
  });
});

describe('correcting a distribution', () => {
  it('moved to another county, then to another province: the figures move with it', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13', 'IR-19']);
    const [h0, i0] = [await province('IR-13'), await province('IR-19')];
    const created = await api('/distributions', {
      token: operator,
      body: distributionBody(drive, 'IR-13', { county: 'تویسرکان', packages: 40, households: 30, valueToman: '1200000' }),
    });
    expect(created.status).toBe(201);
    const packagesIn = (p: Figures, county: string) => countyOf(p, county).distributions.packages;
    await eventually(
      () => province('IR-13'),
      (p) => p.distributions.packages === h0.distributions.packages + 40 && packagesIn(p, 'تویسرکان') === packagesIn(h0, 'تویسرکان') + 40,
    );

    const otherCounty = await api(`/distributions/${created.body.id}`, { method: 'PATCH', token: operator, body: { county: 'ملاير' }, headers: json('"1"') });
    expect(otherCounty.status).toBe(200);
    expect(otherCounty.body.county).toBe('ملایر');
    const h1 = await eventually(
      () => province('IR-13'),
      (p) => packagesIn(p, 'تویسرکان') === packagesIn(h0, 'تویسرکان') && packagesIn(p, 'ملایر') === packagesIn(h0, 'ملایر') + 40,
    );
    expect(h1.distributions.packages).toBe(h0.distributions.packages + 40);
    expect(packagesIn(h1, 'ملایر')).toBe(packagesIn(h0, 'ملایر') + 40);

    const moved = await api(`/distributions/${created.body.id}`, {
      method: 'PATCH',
      token: operator,
      body: { province: 'IR-19', county: 'ابهر', packages: 45 },
      headers: json('"2"'),
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ province: 'IR-19', county: 'ابهر', packages: 45, version: 3 });
    await eventually(
      () => province('IR-19'),
      (p) => p.distributions.packages === i0.distributions.packages + 45,
    );
    await eventually(
      () => province('IR-13'),
      (p) => p.distributions.count === h0.distributions.count,
    );
    await settle();
    const [h2, i2] = [await province('IR-13'), await province('IR-19')];
    expect(h2.distributions).toEqual(h0.distributions);
    expect(packagesIn(h2, 'ملایر')).toBe(packagesIn(h0, 'ملایر'));
    expect(i2.distributions.count).toBe(i0.distributions.count + 1);
    expect(i2.distributions.packages).toBe(i0.distributions.packages + 45);
    expect(packagesIn(i2, 'ابهر')).toBe(packagesIn(i0, 'ابهر') + 45);
    expect((await driveFigures(drive)).distributions).toMatchObject({ count: 1, packages: 45, households: 30, valueToman: '1200000' });

    // Listed where it now is, no longer where it was.
    const inIlam = await api(`/distributions?province=IR-19&drive=${drive}`, { token: operator });
    expect(inIlam.body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
    expect((await api(`/distributions?province=IR-13&drive=${drive}`, { token: operator })).body.items).toEqual([]);
  });

  it('a record of a provincial drive cannot move to another province: 422, nothing written', async () => {
    const drive = await createDrive('IR-13');
    const operator = await tokenFor('operator', ['IR-13', 'IR-19']);
    const { body } = await api('/distributions', { token: operator, body: distributionBody(drive) });
    const moved = await api(`/distributions/${body.id}`, { method: 'PATCH', token: operator, body: { province: 'IR-19' }, headers: json('"1"') });
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual([expect.objectContaining({ field: 'province', rule: 'driveProvince' })]);
    expect((await stored('distribution', body.id)).version).toBe(1);
    const noDrive = await api(`/distributions/${body.id}`, {
      method: 'PATCH',
      token: operator,
      body: { driveId: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST' },
      headers: json('"1"'),
    });
    expect(noDrive.status).toBe(422);
    expect(noDrive.body.errors).toEqual([expect.objectContaining({ field: 'driveId', rule: 'driveNotFound' })]);
  });
});

describe('a distribution with an unknown package count', () => {
  it('is recorded without `packages` (201), stored without it, not as 0; 0 stays 422', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const { packages: _unknown, ...body } = distributionBody(drive, 'IR-13', { kind: 'livelihood_package', phase: 'سه مرحله', valueToman: '۳۰٬۰۰۰٬۰۰۰٬۰۰۰' });
    const created = await api('/distributions', { token: operator, body });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('packages');
    expect(created.body).toMatchObject({ valueToman: '30000000000', households: 120 });
    const item = await stored('distribution', created.body.id);
    expect(item).not.toHaveProperty('packages');
    expect((await api(`/distributions/${created.body.id}`, { token: operator })).body).toEqual(created.body);

    const zero = await api('/distributions', { token: operator, body: { ...body, packages: 0 }, headers: { 'accept-language': 'fa' } });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toEqual([{ field: 'packages', rule: 'atLeastOne', message: ruleMessage('atLeastOne', 'fa') }]);

    // Learned later, then found wrong again: a count is set, `null` makes it unknown, 0 is refused.
    const counted = await api(`/distributions/${created.body.id}`, { method: 'PATCH', token: operator, body: { packages: '۱٬۵۰۰' }, headers: json('"1"') });
    expect(counted.body.packages).toBe(1500);
    const zeroPatch = await api(`/distributions/${created.body.id}`, { method: 'PATCH', token: operator, body: { packages: 0 }, headers: json('"2"') });
    expect(zeroPatch.status).toBe(422);
    expect(zeroPatch.body.errors).toEqual([expect.objectContaining({ field: 'packages', rule: 'atLeastOne' })]);
    const unknownAgain = await api(`/distributions/${created.body.id}`, { method: 'PATCH', token: operator, body: { packages: null }, headers: json('"2"') });
    expect(unknownAgain.status).toBe(200);
    expect(unknownAgain.body).not.toHaveProperty('packages');
    expect(await stored('distribution', created.body.id)).not.toHaveProperty('packages');
  });

  it('takes the kinds reports name (heating fuel, dowry sets, stationery, cash aid…)', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    for (const kind of ['heating_fuel', 'stationery', 'cash_aid', 'clothing', 'food', 'dowry_set']) {
      const created = await api('/distributions', { token: operator, body: distributionBody(drive, 'IR-13', { kind }) });
      expect(created.status, kind).toBe(201);
      expect(created.body.kind).toBe(kind);
    }
    expect((await api('/distributions', { token: operator, body: distributionBody(drive, 'IR-13', { kind: 'yacht' }) })).status).toBe(422);
  });
});

describe('voiding', () => {
  it('a voided donation counts nowhere, stays readable with when, who and why, and cannot be corrected or voided again (409)', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const before = await province('IR-13');
    const created = await api('/donations', { token: operator, body: donationBody(drive, 'IR-13', { amountToman: 3_000_000 }) });
    const cash = (p: { donations: { cashToman: string } }) => BigInt(p.donations.cashToman) - BigInt(before.donations.cashToman);
    await eventually(
      () => province('IR-13'),
      (p) => cash(p) === 3_000_000n,
    );
    expect(
      (
        await eventually(
          () => driveFigures(drive),
          (f) => f.donations.count === 1,
        )
      ).donations.count,
    ).toBe(1);

    const noVersion = await api(`/donations/${created.body.id}/void`, { token: operator, body: { reason: 'ثبت تکراری' } });
    expect(noVersion.status).toBe(428);
    const noReason = await api(`/donations/${created.body.id}/void`, { token: operator, body: { reason: ' \u200c ' }, headers: json('"1"') });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const voided = await api(`/donations/${created.body.id}/void`, { token: operator, body: { reason: 'ثبت تكراري' }, headers: json('"1"') });
    expect(voided.status).toBe(200);
    expect(voided.headers.get('etag')).toBe('"2"');
    expect(voided.body).toMatchObject({ version: 2, voidedBy: 'operator-IR-13', voidReason: 'ثبت تکراری', amountToman: '3000000' });
    expect(Date.parse(voided.body.voidedAt)).toBeGreaterThan(Date.parse(created.body.createdAt) - 1);
    expect(voided.body.donor).toEqual({ name: 'علی رضایی', anonymous: false });

    await eventually(
      () => driveFigures(drive),
      (f) => f.donations.count === 0,
    );
    await eventually(
      () => province('IR-13'),
      (p) => cash(p) === 0n,
    );
    await settle();
    const after = await province('IR-13');
    expect(after.donations).toEqual(before.donations);
    expect((await driveFigures(drive)).donations).toMatchObject({ count: 0, cashToman: '0', inKindToman: '0', totalToman: '0' });

    const read = await api(`/donations/${created.body.id}`, { token: operator });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(voided.body);
    const listed = await api(`/donations?drive=${drive}`, { token: operator });
    expect(listed.body.items).toEqual([voided.body]);

    for (const [what, request] of [
      ['patch', { method: 'PATCH', body: { amountToman: 1 } }],
      ['void again', { method: 'POST', body: { reason: 'دوباره' }, path: '/void' }],
    ] as const) {
      for (const version of ['"1"', '"2"']) {
        const refused = await api(`/donations/${created.body.id}${'path' in request ? request.path : ''}`, {
          method: request.method,
          token: operator,
          body: request.body,
          headers: json(version, { 'accept-language': 'fa' }),
        });
        expect(refused.status, `${what} at ${version}`).toBe(409);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.body.errors).toEqual([{ field: 'voidedAt', rule: 'recordVoided', message: ruleMessage('recordVoided', 'fa') }]);
        expect(refused.body.errors[0].message).toMatch(/باطل/);
      }
    }
    const item = await stored('donation', created.body.id);
    expect(item).toMatchObject({ version: 2, amountToman: 3_000_000, voidReason: 'ثبت تکراری' });
  });

  it('a voided distribution counts nowhere and stays listed, marked', async () => {
    const drive = await createDrive();
    const editor = await tokenFor('editor', ['IR-19']);
    const created = await api('/distributions', { token: editor, body: distributionBody(drive, 'IR-19', { packages: 7, households: 7 }) });
    await eventually(
      () => driveFigures(drive),
      (f) => f.distributions.packages === 7,
    );
    const voided = await api(`/distributions/${created.body.id}/void`, { token: editor, body: { reason: 'پویش اشتباه انتخاب شده بود' }, headers: json('"1"') });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ voidedBy: 'editor-IR-19', voidReason: 'پویش اشتباه انتخاب شده بود', packages: 7, version: 2 });
    const figures = await eventually(
      () => driveFigures(drive),
      (f) => f.distributions.count === 0,
    );
    expect(figures.distributions).toMatchObject({ count: 0, packages: 0, households: 0, valueToman: '0' });
    const listed = await api(`/distributions?province=IR-19&drive=${drive}`, { token: editor });
    expect(listed.body.items).toEqual([voided.body]);
    expect(listed.body.items[0].voidedAt).toBe(voided.body.voidedAt);
    expect((await api(`/distributions/${created.body.id}`, { method: 'PATCH', token: editor, body: { households: 8 }, headers: json('"2"') })).status).toBe(
      409,
    );
  });

  it('a retried void with the same Idempotency-Key gets the voided record again; another key is 409; another reason under the key is 422', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const { body } = await api('/donations', { token: operator, body: donationBody(drive) });
    const request = { token: operator, body: { reason: 'ثبت آزمایشی' }, headers: json('"1"', { 'idempotency-key': 'void-1' }) };
    const first = await api(`/donations/${body.id}/void`, request);
    expect(first.status).toBe(200);
    const retry = await api(`/donations/${body.id}/void`, request);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(JSON.stringify(retry.body)).not.toContain('voidRequest');
    expect((await api(`/donations/${body.id}/void`, { ...request, headers: json('"1"', { 'idempotency-key': 'void-2' }) })).status).toBe(409);
    expect((await api(`/donations/${body.id}/void`, { ...request, body: { reason: 'دلیل دیگر' } })).status).toBe(422);
    // Another caller's same key is not this void.
    expect((await api(`/donations/${body.id}/void`, { ...request, token: await tokenFor('editor', ['IR-13']) })).status).toBe(409);
    const item = await stored('donation', body.id);
    expect(item.version).toBe(2);
    expect(item.voidedAt).toBe(first.body.voidedAt);
    expect((await api(`/donations/${body.id}`, { token: admin })).body).not.toHaveProperty('voidRequest');
  });
});

describe('optimistic locking', () => {
  it('a stale If-Match is 412 and a missing one 428, for corrections and voids alike; nothing is written', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const donation = (await api('/donations', { token: operator, body: donationBody(drive) })).body;
    const distribution = (await api('/distributions', { token: operator, body: distributionBody(drive) })).body;
    for (const [type, record, patch] of [
      ['donation', donation, { amountToman: 9 }],
      ['distribution', distribution, { households: 9 }],
    ] as const) {
      const path = `/${type}s/${record.id}`;
      expect((await api(path, { method: 'PATCH', token: operator, body: patch, headers: json('"1"') })).status).toBe(200);
      const stale = await api(path, { method: 'PATCH', token: operator, body: patch, headers: json('"1"') });
      expect(stale.status).toBe(412);
      expect(stale.body.type).toBe('/problems/version-mismatch');
      expect((await api(path, { method: 'PATCH', token: operator, body: patch })).status).toBe(428);
      expect((await api(`${path}/void`, { token: operator, body: { reason: 'اشتباه' }, headers: json('"1"') })).status).toBe(412);
      expect((await api(`${path}/void`, { token: operator, body: { reason: 'اشتباه' } })).status).toBe(428);
      expect((await api(path, { method: 'PATCH', token: operator, body: patch, headers: json('W/"9"') })).status).toBe(412);
      const item = await stored(type, record.id);
      expect(item.version).toBe(2);
      expect(item).not.toHaveProperty('voidedAt');
    }
  });

  it('of two concurrent corrections at the same version, one wins and the other is 412', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const { body } = await api('/donations', { token: operator, body: donationBody(drive) });
    const results = await Promise.all(
      [1_000, 2_000, 3_000, 4_000].map((amountToman) =>
        api(`/donations/${body.id}`, { method: 'PATCH', token: operator, body: { amountToman }, headers: json('"1"') }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await stored('donation', body.id)).amountToman).toBe(Number(winner.body.amountToman));
  });
});

describe('who may correct and void', () => {
  let drives: Record<'IR-13' | 'IR-19', string>;
  beforeAll(async () => {
    drives = { 'IR-13': await createDrive(), 'IR-19': await createDrive() };
  });

  async function record(type: 'donation' | 'distribution', where: 'IR-13' | 'IR-19') {
    const body = type === 'donation' ? donationBody(drives[where], where) : distributionBody(drives[where], where);
    const created = await api(`/${type}s`, { token: admin, body });
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  }

  /** Nothing changed: the stored item is the one just created. */
  async function unchanged(type: 'donation' | 'distribution', id: string) {
    const item = await stored(type, id);
    return item.version === 1 && item.voidedAt === undefined;
  }

  const attempts = {
    patch: (type: string, id: string, token?: string, body: object = { county: 'اسدآباد' }) =>
      api(`/${type}s/${id}`, { method: 'PATCH', token, body, headers: json('"1"') }),
    void: (type: string, id: string, token?: string) => api(`/${type}s/${id}/void`, { token, body: { reason: 'اشتباه' }, headers: json('"1"') }),
  };

  for (const type of ['donation', 'distribution'] as const) {
    for (const action of ['patch', 'void'] as const) {
      for (const role of ['admin', 'editor', 'operator', 'viewer'] as Role[]) {
        for (const where of ['IR-13', 'IR-19'] as const) {
          const allowed = role !== 'viewer' && where === 'IR-13';
          it(`${action} a ${type} of ${where} by ${role} of IR-13 → ${allowed ? 200 : 403}`, async () => {
            const { id } = await record(type, where);
            const response = await attempts[action](type, id, await tokenFor(role, ['IR-13']));
            expect(response.status).toBe(allowed ? 200 : 403);
            if (!allowed) expect(await unchanged(type, id)).toBe(true);
          });
        }
      }

      it(`${action} a ${type} without a token → 401, nothing written`, async () => {
        const { id } = await record(type, 'IR-13');
        expect((await attempts[action](type, id)).status).toBe(401);
        expect(await unchanged(type, id)).toBe(true);
      });
    }

    it(`an IR-13 operator may not move a ${type} into IR-19 (403, nothing written); one of both provinces may`, async () => {
      const { id } = await record(type, 'IR-13');
      const moved = await attempts.patch(type, id, await tokenFor('operator', ['IR-13']), { province: 'IR-19', county: 'ابهر' });
      expect(moved.status).toBe(403);
      expect(await unchanged(type, id)).toBe(true);
      const both = await attempts.patch(type, id, await tokenFor('operator', ['IR-13', 'IR-19']), { province: 'IR-19', county: 'ابهر' });
      expect(both.status).toBe(200);
      expect(both.body.province).toBe('IR-19');
    });

    it(`a ${type} that does not exist is 404`, async () => {
      const operator = await tokenFor('operator', ['IR-13']);
      expect((await attempts.patch(type, '01JD5XQ8Y5W6Z8N3K2M1P0R9ST', operator)).status).toBe(404);
      expect((await attempts.void(type, '01JD5XQ8Y5W6Z8N3K2M1P0R9ST', operator)).status).toBe(404);
    });
  }
});
