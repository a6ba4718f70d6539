import { refreshAggregates, type Store } from '@abad/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor, type ApiResponse } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { eventually } from '../support/eventually.ts';
import { createDrive, distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';
import { OpenApiContract } from '../support/openapi-contract.ts';
import { download, openXlsx, parseCsv } from '../support/files.ts';

/**
 * Slices of the province figures (`GET /provinces?…`, `GET /provinces/{code}?…`): by programme,
 * category and drive from the aggregates the stream keeps, by period from the daily snapshots;
 * what cannot be combined is 422 naming the parameter; and the slice is part of the cache key.
 * Provinces no other test file writes to: Qazvin (IR-26), Golestan (IR-27), Qom (IR-25).
 */
const A = 'IR-26';
const B = 'IR-27';
const PERIOD_PROVINCE = 'IR-25';

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON bodies, read field by field
type Figures = Record<string, any>;
let admin: string;
let contract: OpenApiContract;

beforeAll(async () => {
  admin = await tokenFor('admin', '*');
  contract = new OpenApiContract((await api('/openapi.json')).body);
});

async function create(path: string, body: unknown): Promise<ApiResponse> {
  const response = await api(path, { token: admin, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response;
}

/** A figure read, checked against the API's own OpenAPI document. */
async function read(path: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const response = await api(path, { headers });
  const template = path.startsWith('/provinces/') ? '/provinces/{code}' : '/provinces';
  expect(contract.problems('GET', template, response), path).toEqual([]);
  return response;
}

const row = (body: Figures, code: string): Figures => (code === 'IR' ? body.country : body.provinces.find((p: Figures) => p.province.code === code)!);

/** The flows of two figures' difference that the period test checks. */
function flows(f: Figures): Record<string, number | bigint> {
  return {
    projects: f.projects.total,
    budgetToman: BigInt(f.projects.budgetToman),
    jobsCreated: f.projects.jobsCreated,
    donations: f.donations.count,
    donationsToman: BigInt(f.donations.totalToman),
    distributions: f.distributions.count,
    packages: f.distributions.packages,
  };
}
const minus = (a: Record<string, number | bigint>, b: Record<string, number | bigint>) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'bigint' ? v - (b[k] as bigint) : v - (b[k] as number)]));

describe('programme, category and drive slices', () => {
  const programme = unique('آبرسانی روستایی');
  let drive: string;
  let otherDrive: string;
  let categoryBefore: Figures;

  beforeAll(async () => {
    categoryBefore = (await read('/provinces?category=qanat')).body;
    drive = await createDrive();
    otherDrive = await createDrive();
    const project = (province: string, extra: Record<string, unknown>) => create('/projects', projectBody(province as never, { programme, ...extra }));
    await project(A, { category: 'qanat', budgetToman: 100, jobsCreated: 3, status: 'in_progress', progressPercent: 50 });
    await project(A, { category: 'housing', budgetToman: 200, jobsCreated: 4, outputs: [{ indicator: 'workshops', target: 10, actual: 6 }] });
    await project(B, { category: 'qanat', budgetToman: 50, jobsCreated: 1, status: 'completed', progressPercent: 100 });
    await project(A, { programme: unique('دیگر'), category: 'qanat', budgetToman: 7, jobsCreated: 2 });
    await create('/donations', donationBody(drive, A, { amountToman: 1_000 }));
    await create('/donations', donationBody(drive, A, { amountToman: 300 }));
    await create('/donations', donationBody(drive, B, { amountToman: 500 }));
    await create('/donations', donationBody(otherDrive, A, { amountToman: 9 }));
    await create('/distributions', distributionBody(drive, A, { packages: 10, households: 8, valueToman: 2_000 }));
    // Every record has reached the figures when the last of each kind has.
    await eventually(
      async () => (await api(`/provinces?programme=${encodeURIComponent(programme)}`)).body,
      (b) => row(b, A).projects.total === 2 && row(b, B).projects.total === 1,
      30_000, // a loaded machine can take more than the default 5 s to aggregate
    );
    await eventually(
      async () => (await api(`/provinces?drive=${drive}`)).body,
      (b) => row(b, A).donations.count === 2 && row(b, A).distributions.count === 1 && row(b, B).donations.count === 1,
      30_000, // a loaded machine can take more than the default 5 s to aggregate
    );
    await eventually(
      async () => (await api(`/provinces?category=qanat`)).body,
      (b) => b.national.projects.total === categoryBefore.national.projects.total + 3,
      30_000, // a loaded machine can take more than the default 5 s to aggregate
    );
    await eventually(
      async () => (await api(`/provinces?drive=${otherDrive}`)).body,
      (b) => row(b, A).donations.count === 1,
      30_000, // a loaded machine can take more than the default 5 s to aggregate
    );
  });

  it("a programme: each place's figures are the sum of that programme's records there, by any spelling of its name", async () => {
    const { body } = await read(`/provinces?programme=${encodeURIComponent(programme)}`);
    expect(row(body, A).projects).toMatchObject({ total: 2, budgetToman: '300', jobsCreated: 7, byCategory: { qanat: 1, housing: 1 } });
    expect(row(body, A).outputs.workshops).toEqual({ target: 10, actual: 6, planned: 0 });
    expect(row(body, B).projects).toMatchObject({ total: 1, budgetToman: '50', jobsCreated: 1, byStatus: { completed: 1 } });
    expect(body.national.projects).toMatchObject({ total: 3, budgetToman: '350', jobsCreated: 8 });
    // Donations name no programme; nothing else counts.
    expect(body.national.donations.count).toBe(0);
    for (const other of [...body.provinces, body.country].filter((p: Figures) => p.province.code !== A && p.province.code !== B)) {
      expect(other.projects.total, other.province.code).toBe(0);
      expect(other.updatedAt, other.province.code).toBeNull();
    }
    expect(body.slice).toMatchObject({
      from: null,
      to: null,
      drive: null,
      category: null,
      programme,
      without: ['counties', 'programmes'],
    });

    // Another spelling (Arabic ي), one province: the same figures; counties and programmes are not sliced.
    const one = (await read(`/provinces/${A}?programme=${encodeURIComponent(programme.replaceAll('ی', 'ي'))}`)).body;
    expect(one.projects).toEqual(row(body, A).projects);
    expect(one).toMatchObject({ province: { code: A }, counties: [], programmes: [] });
    expect(one.slice.programme).toEqual(body.slice.programme);
  });

  it('a category: the projects of that category in each place (every programme), without outputs', async () => {
    // Other test files (the fuzz test among them) write projects of any category in any province
    // at the same time, so the slice is checked against the projects of that category listed now:
    // read both until they agree (the figures follow the writes through the stream).
    const listed = async (province: string) => {
      const found: { budgetToman: string; jobsCreated: number; status: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = (await api(`/projects?province=${province}&category=qanat&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
        found.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      const counted = found.filter((p) => p.status !== 'cancelled');
      return {
        total: counted.length,
        budget: counted.reduce((sum, p) => sum + BigInt(p.budgetToman), 0n),
        jobs: counted.reduce((sum, p) => sum + p.jobsCreated, 0),
      };
    };
    const summary = (f: Figures) => ({ total: f.projects.total, budget: BigInt(f.projects.budgetToman), jobs: f.projects.jobsCreated });
    const same = (x: object, y: object) =>
      JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? String(v) : v)) === JSON.stringify(y, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    const seen = await eventually(
      async () => {
        const [body, a, b] = await Promise.all([read('/provinces?category=qanat').then((r) => r.body), listed(A), listed(B)]);
        return { body, a, b };
      },
      ({ body, a, b }) => same(summary(row(body, A)), a) && same(summary(row(body, B)), b),
      30_000,
    );
    expect(summary(row(seen.body, A))).toEqual(seen.a);
    expect(summary(row(seen.body, B))).toEqual(seen.b);
    // This file's own qanat projects are among them (two in A, one in B).
    expect(seen.a.total - row(categoryBefore, A).projects.total).toBeGreaterThanOrEqual(2);
    expect(seen.b.total - row(categoryBefore, B).projects.total).toBeGreaterThanOrEqual(1);
    const body = seen.body;
    expect(row(body, A).projects.byCategory.qanat).toBe(row(body, A).projects.total);
    expect(row(body, A).projects.byCategory.housing).toBe(0);
    expect(row(body, A).outputs).toEqual({});
    expect(body.slice).toMatchObject({ category: 'qanat', programme: null, without: ['counties', 'programmes', 'outputs'] });

    const oneOfA = await eventually(
      async () => {
        const [one, a] = await Promise.all([read(`/provinces/${A}?category=qanat`).then((r) => r.body), listed(A)]);
        return { one, a };
      },
      ({ one, a }) => same(summary(one), a),
      30_000,
    );
    expect(summary(oneOfA.one)).toEqual(oneOfA.a);
    expect(oneOfA.one.donations.count).toBe(0);
  });

  it("a drive: its donations and distributions in each place; their sum is the drive's own figures", async () => {
    const { body } = await read(`/provinces?drive=${drive}`);
    expect(row(body, A).donations).toEqual({ count: 2, cashToman: '1300', inKindToman: '0', totalToman: '1300' });
    expect(row(body, A).distributions).toMatchObject({ count: 1, packages: 10, households: 8, valueToman: '2000' });
    expect(row(body, B).donations).toMatchObject({ count: 1, totalToman: '500' });
    expect(body.national.donations).toMatchObject({ count: 3, totalToman: '1800' });
    expect(body.national.projects.total).toBe(0);
    const own = (await api(`/drives/${drive}`)).body;
    expect(body.national.donations).toEqual(own.figures.donations);
    expect(body.national.distributions).toEqual(own.figures.distributions);
    expect(body.slice).toMatchObject({ drive, programme: null, category: null });
    expect((await read(`/provinces/${B}?drive=${drive}`)).body.donations.totalToman).toBe('500');
    // A drive nothing was recorded for: zeros everywhere.
    const none = (await read(`/provinces?drive=${DRIVE_ID}`)).body;
    expect(none.national.donations.count).toBe(0);
  });

  it('GET /provinces.csv and .xlsx: the figures table of the same slice, every province, the country and the national total', async () => {
    const query = `programme=${encodeURIComponent(programme)}`;
    const json = (await read(`/provinces?${query}`)).body;
    const csv = await download(`/provinces.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="abad-provinces-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(csv.text);
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(['استان (کد)', 'استان', 'نام انگلیسی', 'برنامه']);
    expect(rows).toHaveLength(1 + 31 + 2);
    const cell = (code: string, name: string) => rows.find((r) => r[0] === code)![header.indexOf(name)];
    expect(cell(A, 'استان')).toBe('قزوین');
    expect(cell(A, 'برنامه')).toBe(programme);
    expect(cell(A, 'اعتبار (تومان)')).toBe(row(json, A).projects.budgetToman);
    expect(cell(B, 'پروژه‌ها (بی لغوشده)')).toBe('1');
    expect(cell('national', 'اعتبار (تومان)')).toBe('350');
    expect(cell('IR', 'اعتبار (تومان)')).toBe('0');

    const xlsx = await download(`/provinces.xlsx?drive=${drive}`);
    expect(xlsx.status).toBe(200);
    const sheet = openXlsx(xlsx.bytes).rows;
    const column = sheet[0]!.indexOf('جمع کمک‌ها (تومان)');
    expect(sheet.find((r) => r[0] === A)![column]).toBe('1300');
    expect(sheet.find((r) => r[0] === 'national')![column]).toBe('1800');
    expect(sheet[0]).toContain('پویش (شناسه)');

    const wrong = await api(`/provinces.csv?${query}&category=qanat`, { headers: { 'accept-language': 'fa' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['category']);
  });

  it('the slice is part of the cache key: two slices read back to back within the second a container keeps figures', async () => {
    const [all, byDrive, byOther] = await Promise.all([api('/provinces'), api(`/provinces?drive=${drive}`), api(`/provinces?drive=${otherDrive}`)]);
    expect(all.body.slice.drive).toBeNull();
    expect(byDrive.body.slice.drive).toBe(drive);
    expect(byOther.body.slice.drive).toBe(otherDrive);
    expect(row(byDrive.body, A).donations.count).toBe(2);
    expect(row(byOther.body, A).donations.count).toBe(1);
    expect(new Set([all, byDrive, byOther].map((r) => r.headers.get('etag'))).size).toBe(3);
    // The tag of one slice is not a 304 for another.
    const other = await api(`/provinces?drive=${otherDrive}`, { headers: { 'if-none-match': byDrive.headers.get('etag')! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('cache-control')).toBe('public, max-age=5');
    // One province, two categories at once; the same programme in two spellings shares its answer.
    const [qanat, housing] = await Promise.all([api(`/provinces/${A}?category=qanat`), api(`/provinces/${A}?category=housing`)]);
    expect(qanat.body.slice.category).toBe('qanat');
    expect(housing.body.slice.category).toBe('housing');
    expect(housing.body.projects.byCategory.housing).toBe(housing.body.projects.total);
    const spelled = await api(`/provinces/${A}?programme=${encodeURIComponent(programme.replaceAll('ی', 'ي'))}`);
    const plain = await api(`/provinces/${A}?programme=${encodeURIComponent(programme)}`, { headers: { 'if-none-match': spelled.headers.get('etag')! } });
    expect([200, 304]).toContain(plain.status);
    if (plain.status === 200) expect(plain.body.projects).toEqual(spelled.body.projects);
  });
});

describe('period slices: the difference of daily snapshots', () => {
  /** End of Dey 1399 and of Bahman 1399 (UTC days, as the refresh dates its snapshots). */
  const END_OF_DEY = '2021-01-19';
  const END_OF_BAHMAN = '2021-02-18';
  let store: Store;
  const province = (path = '') => api(`/provinces/${PERIOD_PROVINCE}${path}`).then((r) => r.body);

  /** The refresh, as if run at the end of `day`: it writes that day's snapshot of every province and of the nation. */
  async function snapshotAt(day: string) {
    const report = await refreshAggregates({ ...store, now: () => new Date(`${day}T23:30:00Z`) }, { quietMs: 900_000 });
    expect(report.historyDate).toBe(day);
  }

  let before: Figures;
  let atDey: Figures;
  let atBahman: Figures;

  beforeAll(async () => {
    store = testStore();
    before = await province();
    // Recorded before the period: a project and a donation (voided in the period).
    await create('/projects', projectBody(PERIOD_PROVINCE, { budgetToman: 1_000, jobsCreated: 5, status: 'in_progress', progressPercent: 20 }));
    const early = await create('/donations', donationBody(await createDrive(), PERIOD_PROVINCE, { amountToman: 100 }));
    atDey = await eventually(province, (p) => p.projects.total === before.projects.total + 1 && p.donations.count === before.donations.count + 1, 30_000);
    await snapshotAt(END_OF_DEY);

    // In the period: another project (finished), a distribution, a donation, and the early donation voided.
    await create('/projects', projectBody(PERIOD_PROVINCE, { budgetToman: 300, jobsCreated: 2, status: 'completed', progressPercent: 100 }));
    await create('/distributions', distributionBody(await createDrive(), PERIOD_PROVINCE, { packages: 4, households: 4, valueToman: 80 }));
    await create('/donations', donationBody(await createDrive(), PERIOD_PROVINCE, { amountToman: 40 }));
    const voided = await api(`/donations/${early.body.id}/void`, {
      token: admin,
      body: { reason: 'ثبت آزمایشی' },
      headers: { 'if-match': early.headers.get('etag')! },
    });
    expect(voided.status).toBe(200);
    atBahman = await eventually(
      province,
      (p) =>
        p.projects.total === atDey.projects.total + 1 &&
        p.distributions.count === atDey.distributions.count + 1 &&
        p.donations.totalToman === String(BigInt(atDey.donations.totalToman) - 60n),
      30_000,
    );
    await snapshotAt(END_OF_BAHMAN);

    // After the period (live only).
    await create('/donations', donationBody(await createDrive(), PERIOD_PROVINCE, { amountToman: 5 }));
    await eventually(province, (p) => p.donations.count === atBahman.donations.count + 1);
  });

  it('a Jalali month: flows are the end of its last day minus the end of the day before it; states as of the end', async () => {
    const path = `?from=${encodeURIComponent('بهمن ۱۳۹۹')}&to=${encodeURIComponent('بهمن ۱۳۹۹')}`;
    const one = (await read(`/provinces/${PERIOD_PROVINCE}${path}`)).body;
    expect(one.slice).toMatchObject({
      from: '2021-01-20',
      fromJalali: '1399-11-01',
      to: END_OF_BAHMAN,
      toJalali: '1399-11-30',
      fromSnapshot: END_OF_DEY,
      fromSnapshotJalali: '1399-10-30',
      toSnapshot: END_OF_BAHMAN,
      toSnapshotJalali: '1399-11-30',
      without: ['counties', 'programmes'],
    });
    // What was recorded in the period: one project, one distribution, one donation of 40 and the void of one of 100.
    expect(flows(one)).toEqual({ projects: 1, budgetToman: 300n, jobsCreated: 2, donations: 0, donationsToman: -60n, distributions: 1, packages: 4 });
    expect(flows(one)).toEqual(minus(flows(atBahman), flows(atDey)));
    // States as of the end of the period: by status, near completion, average progress.
    expect(one.projects.byStatus).toEqual(atBahman.projects.byStatus);
    expect(one.projects.averageProgressPercent).toBe(atBahman.projects.averageProgressPercent);
    expect(one.counties).toEqual([]);

    // Every province at once: the same for this one; the nation is the difference of the national snapshots.
    const all = (await read(`/provinces${path}`)).body;
    expect(row(all, PERIOD_PROVINCE).projects).toEqual(one.projects);
    expect(all.slice).toMatchObject({ fromSnapshot: END_OF_DEY, toSnapshot: END_OF_BAHMAN });
    const national = (await api(`/provinces/national/history?from=${END_OF_DEY}&to=${END_OF_BAHMAN}`)).body.points;
    expect(national.map((p: Figures) => p.date)).toEqual([END_OF_DEY, END_OF_BAHMAN]);
    expect(flows(all.national)).toEqual(minus(flows(national[1]), flows(national[0])));
    expect(all.national.projects.byStatus).toEqual(national[1].projects.byStatus);
  });

  it('a period that reaches today ends at the live figures', async () => {
    const one = (await read(`/provinces/${PERIOD_PROVINCE}?from=2021-01-20`)).body;
    const live = await province();
    expect(one.slice).toMatchObject({ from: '2021-01-20', to: null, fromSnapshot: END_OF_DEY, toSnapshot: null });
    expect(flows(one)).toEqual(minus(flows(live), flows(atDey)));
    const today = new Date().toISOString().slice(0, 10);
    expect((await read(`/provinces/${PERIOD_PROVINCE}?from=2021-01-20&to=${today}`)).body.projects).toEqual(one.projects);
    // Without `from`: everything up to the end of `to`.
    const upTo = (await read(`/provinces/${PERIOD_PROVINCE}?to=${END_OF_DEY}`)).body;
    expect(upTo.slice).toMatchObject({ fromSnapshot: null, toSnapshot: END_OF_DEY });
    expect(flows(upTo)).toEqual(flows(atDey));
  });

  it('a bound with no snapshot at or before it takes the earliest one after, and says so', async () => {
    // Before the first snapshot: both bounds fall on it, and nothing is counted in between.
    const early = (await read(`/provinces/${PERIOD_PROVINCE}?from=2020-06-01&to=2020-12-31`)).body;
    expect(early.slice).toMatchObject({ fromSnapshot: END_OF_DEY, toSnapshot: END_OF_DEY });
    expect(flows(early)).toEqual(minus(flows(atDey), flows(atDey)));
    // A day between the snapshots: the nearest earlier one.
    const between = (await read(`/provinces?from=2021-02-01&to=2021-02-10`)).body;
    expect(between.slice).toMatchObject({ fromSnapshot: END_OF_DEY, toSnapshot: END_OF_DEY });
  });
});

const DRIVE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
/** A month from now: a period that has not begun. */
const NEXT_MONTH = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);

describe('what cannot be sliced is 422, naming the parameter', () => {
  it.each([
    ['/provinces?programme=مسکن&category=housing', 'category', 'برنامه'],
    [`/provinces?drive=${DRIVE_ID}&programme=مسکن`, 'drive', 'پویش'],
    [`/provinces?from=2021-01-01&drive=${DRIVE_ID}`, 'drive', 'بازهٔ زمانی'],
    ['/provinces/IR-13?to=2021-01-01&category=housing', 'category', 'بازهٔ زمانی'],
    ['/provinces/IR-13?from=2021-02-01&to=2021-01-01', 'to', 'تاریخ پایان'],
    [`/provinces?from=${NEXT_MONTH}`, 'from', 'پس از امروز'],
    ['/provinces?category=castle', 'category', ''],
    ['/provinces?province=IR-13', 'province', ''],
  ])('%s: 422 on %s', async (path, field, persian) => {
    const response = await api(encodeURI(path), { headers: { 'accept-language': 'fa' } });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('cache-control')).toBeNull();
    const problem = response.body.errors.find((e: { field: string }) => e.field === field);
    expect(problem, JSON.stringify(response.body.errors)).toBeDefined();
    expect(problem.message).toContain(persian);
    expect(contract.problems('GET', path.startsWith('/provinces/') ? '/provinces/{code}' : '/provinces', response)).toEqual([]);
  });
});
