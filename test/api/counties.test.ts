import { aggregateIndexKeys } from '@abad/core/aggregation/aggregate-item';
import { figuresFrom } from '@abad/core/aggregation/figures';
import { scopes } from '@abad/core/aggregation/scopes';
import { countiesOf } from '@abad/core/places/counties';
import { keys } from '@abad/core/table/keys';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testStore } from '../support/db.ts';
import { createDrive, donationBody, projectBody, unique } from '../support/fixtures.ts';

/**
 * `GET /provinces/{code}/counties` over HTTP: every county of the province's catalogue in
 * catalogue order, zeros where nothing is recorded, and a record's figures under the county its
 * name means (in any spelling, by an alias, or for a record stored before counties had codes).
 */
type County = {
  code: string;
  name: string;
  ruralDistricts: number;
  updatedAt: string | null;
  projects: { total: number; budgetToman: string };
  donations: { count: number };
};
type Counties = { province: { code: string; fa: string }; counties: County[] };

/** What the API sends for a scope where nothing is recorded: figuresFrom(no counters), money as decimal strings. */
const ZEROS = JSON.parse(JSON.stringify(figuresFrom(new Map()), (_key, value) => (typeof value === 'bigint' ? String(value) : value)));

const counties = async (code: string) => (await api<Counties>(`/provinces/${code}/counties`)).body;
const inCounty = (body: Counties, code: string) => body.counties.find((c) => c.code === code)!;

const store = testStore();
const written: { pk: string; sk: string }[] = [];

/** Puts an item straight into the table, as records were stored before they carried county codes. */
async function putDirectly(item: Record<string, unknown> & { pk: string; sk: string }) {
  written.push({ pk: item.pk, sk: item.sk });
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: item }));
}

afterAll(async () => {
  for (const key of written) await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: key }));
});

describe('GET /provinces/{code}/counties', () => {
  it('lists the ten counties of Hamadan (IR-13) in catalogue order with their rural districts, zeros where nothing is recorded', async () => {
    const response = await api<Counties>('/provinces/IR-13/counties');
    expect(response.status).toBe(200);
    expect(response.body.province).toEqual({ code: 'IR-13', fa: 'همدان', en: 'Hamadan' });
    expect(response.body.counties.map((c) => c.name)).toEqual([
      'اسدآباد',
      'بهار',
      'تویسرکان',
      'درگزین',
      'رزن',
      'فامنین',
      'کبودرآهنگ',
      'ملایر',
      'نهاوند',
      'همدان',
    ]);
    expect(response.body.counties.map((c) => c.code)).toEqual(countiesOf('IR-13').map((c) => c.code));
    expect(response.body.counties.map((c) => c.ruralDistricts)).toEqual(countiesOf('IR-13').map((c) => c.ruralDistricts));
    expect(inCounty(response.body, '1305')).toMatchObject({ name: 'کبودرآهنگ', ruralDistricts: 10 });
    expect(inCounty(response.body, '1302')).toMatchObject({ name: 'ملایر', ruralDistricts: 15 });
    // Other files write to Hamadan (همدان, تویسرکان) in the shared table; no test records in these.
    for (const name of ['درگزین', 'رزن', 'فامنین']) {
      const county = response.body.counties.find((c) => c.name === name)!;
      expect(county, name).toEqual({ code: county.code, name, ruralDistricts: county.ruralDistricts, ...ZEROS, updatedAt: null, updatedAtJalali: null });
    }
    // Whatever has nothing counted is exactly zeros.
    for (const county of response.body.counties.filter((c) => c.updatedAt === null)) {
      const { code, name, ruralDistricts, updatedAt, updatedAtJalali, ...figures } = county as County & { updatedAtJalali: null };
      expect(figures, name).toEqual(ZEROS);
    }
  });

  it('lists every county of a province where nothing is recorded, all zeros (Kohgiluyeh and Boyer-Ahmad, IR-17: no test records there)', async () => {
    const body = await counties('IR-17');
    expect(body.counties).toHaveLength(countiesOf('IR-17').length);
    expect(body.counties).toEqual(
      countiesOf('IR-17').map((c) => ({ code: c.code, name: c.name, ruralDistricts: c.ruralDistricts, ...ZEROS, updatedAt: null, updatedAtJalali: null })),
    );
  });

  it('shows a project recorded in «کبودراهنگ» under کبودرآهنگ, and in no other county', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const before = await counties('IR-13');
    const created = await api('/projects', { token: editor, body: projectBody('IR-13', { county: 'کبودراهنگ', budgetToman: '7,000,000' }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ county: 'کبودرآهنگ', countyCode: '1305' });
    const after = await eventually(
      () => counties('IR-13'),
      (b) => inCounty(b, '1305').projects.total === inCounty(before, '1305').projects.total + 1,
    );
    const kabudarahang = inCounty(after, '1305');
    expect(kabudarahang.name).toBe('کبودرآهنگ');
    expect(kabudarahang.projects.total).toBe(inCounty(before, '1305').projects.total + 1);
    expect(BigInt(kabudarahang.projects.budgetToman) - BigInt(inCounty(before, '1305').projects.budgetToman)).toBe(7_000_000n);
    expect(kabudarahang.updatedAt).not.toBeNull();
    // Every other county moved only by what other files record meanwhile: nothing of this project.
    for (const county of after.counties.filter((c) => c.code !== '1305')) {
      const was = inCounty(before, county.code);
      expect(BigInt(county.projects.budgetToman) - BigInt(was.projects.budgetToman), county.name).not.toBe(7_000_000n);
    }
  });

  it('shows a donation recorded under an alias («چابهار») under the catalogue county (چاه بهار)', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-11']);
    const before = await counties('IR-11');
    const created = await api('/donations', { token: operator, body: donationBody(drive, 'IR-11', { county: 'چابهار' }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const after = await eventually(
      () => counties('IR-11'),
      (b) => inCounty(b, '1102').donations.count === inCounty(before, '1102').donations.count + 1,
    );
    expect(inCounty(after, '1102')).toMatchObject({ name: 'چاه بهار', donations: { count: inCounty(before, '1102').donations.count + 1 } });
  });

  it('counts a record stored before counties had codes under the county its name matches; an unmatched name in no county', async () => {
    const before = await counties('IR-13');
    const province = async () => (await api(`/provinces/IR-13`)).body;
    const provinceBefore = await province();
    const legacy = (county: string) => ({
      ...keys.project(`LEGACY${unique('').trim()}`),
      type: 'Project',
      province: 'IR-13',
      county,
      programme: unique('مسکن'),
      title: 'بازسازی خانه',
      status: 'in_progress',
      category: 'housing',
      progressPercent: 10,
      budgetToman: 1000n,
      loansToman: 0n,
      jobsCreated: 0n,
      housingUnits: 1n,
      beneficiaryHouseholds: 1n,
      version: 1,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    await putDirectly(legacy('كبودراهنگ')); // Arabic kaf, no madda
    await putDirectly(legacy('شهرک بی‌نام'));
    const after = await eventually(
      () => counties('IR-13'),
      (b) => inCounty(b, '1305').projects.total === inCounty(before, '1305').projects.total + 1,
    );
    expect(inCounty(after, '1305').projects.total).toBe(inCounty(before, '1305').projects.total + 1);
    // The province counts both; the counties only the matched one.
    const provinceAfter = await eventually(province, (p) => p.projects.total === provinceBefore.projects.total + 2);
    expect(provinceAfter.projects.total).toBe(provinceBefore.projects.total + 2);
    const countySum = (b: Counties) => b.counties.reduce((sum, c) => sum + BigInt(c.projects.budgetToman), 0n);
    expect(countySum(after) - countySum(before)).toBe(1000n);
  });

  it('lists only catalogue counties: an aggregate whose code is not in the catalogue is left out', async () => {
    const scope = scopes.county('IR-13', '1399');
    await putDirectly({
      ...keys.aggregate(scope),
      ...aggregateIndexKeys(scope),
      type: 'Aggregate',
      scope,
      'c#projects': 5n,
      updatedAt: new Date().toISOString(),
    });
    // The API answers figures it read in the last second.
    await new Promise((r) => setTimeout(r, 1_100));
    const body = await counties('IR-13');
    expect(body.counties).toHaveLength(10);
    expect(body.counties.map((c) => c.code)).not.toContain('1399');
  });

  it('answers with a strong ETag and public caching; 304 for the same tag', async () => {
    const first = await api('/provinces/IR-29/counties');
    expect(first.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{16,64}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');
    const again = await api('/provinces/IR-29/counties', { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('takes a province code as the other province routes do (lower case, Persian digits)', async () => {
    for (const code of ['ir-13', 'IR-۱۳']) {
      const response = await api<Counties>(`/provinces/${encodeURIComponent(code)}/counties`);
      expect(response.status, code).toBe(200);
      expect(response.body.province.code).toBe('IR-13');
      expect(response.body.counties).toHaveLength(10);
    }
  });

  it.each(['IR', 'IR-99', 'national', 'x'])(
    '/provinces/%s/counties is 404 (the country has no counties; a bogus code names nothing), problem+json',
    async (code) => {
      const response = await api(`/provinces/${code}/counties`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    },
  );
});
