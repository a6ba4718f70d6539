import { backfillProjectRegister } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { countRequestItems, testStore } from '../support/db.ts';
import { projectBody, unique } from '../support/fixtures.ts';

/**
 * The project register (`GET /projects`): search by title or village in any spelling, a county
 * of the province in any spelling, a period of start dates in either calendar, the order; 422s
 * naming the field; cursors bound to the query.
 */
let editor: string;

beforeAll(async () => {
  editor = await tokenFor('editor', ['IR-13', 'IR-19']);
});

async function create(extra: Record<string, unknown>, province: 'IR-13' | 'IR-19' = 'IR-13'): Promise<{ id: string; version: number }> {
  const response = await api('/projects', { token: editor, body: projectBody(province, extra) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function ids(query: string): Promise<string[]> {
  const response = await api(`/projects?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((p: { id: string }) => p.id);
}

const q = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();

describe('search (q)', () => {
  it('finds a project by its title in any spelling: ی/ي, ک/ك, ZWNJ or space, ezafe, digits in any script', async () => {
    const programme = unique('مسکن روستایی');
    const wanted = await create({ programme, title: 'بازسازی خانهٔ مددجوی کبودرآهنگ ۱۴', village: 'روستای سرکان' });
    const other = await create({ programme, title: 'مدرسهٔ روستای دیگر', village: 'آق‌بلاغ' });
    for (const spelling of ['خانه‌ی مددجوي', 'خانه ی مددجوی', 'خانهمددجوی', 'كبودراهنگ', 'كبودر آهنگ ١٤', 'مددجوی کبودرآهنگ 14', 'بازسازي']) {
      expect(await ids(q({ programme, q: spelling })), spelling).toEqual([wanted.id]);
    }
    expect(await ids(q({ programme, q: 'مدرسه‌ی' }))).toEqual([other.id]);
    expect(await ids(q({ programme, q: 'روستا' }))).toEqual([wanted.id, other.id].reverse());
    expect(await ids(q({ programme, q: 'کبودرآهنگ ۱۵' }))).toEqual([]);
  });

  it('finds a project by its village too, in any spelling', async () => {
    const programme = unique('آبرسانی');
    const wanted = await create({ programme, title: 'لوله‌کشی آب', village: 'روستای سرکان' });
    await create({ programme, title: 'لوله‌کشی آب', village: 'روستای آق‌بلاغ' });
    expect(await ids(q({ programme, q: 'سركان' }))).toEqual([wanted.id]);
    expect(await ids(q({ programme, q: 'اق بلاغ' }))).toHaveLength(1);
    // The join between title and village matches nothing: no search spans both.
    expect(await ids(q({ programme, q: 'آبروستای' }))).toEqual([]);
  });

  it('searches the title a patch gave, and projects stored before the search existed once backfilled', async () => {
    const programme = unique('مسکن');
    const project = await create({ programme, title: 'عنوان نخست' });
    const patched = await api(`/projects/${project.id}`, {
      method: 'PATCH',
      token: editor,
      body: { title: 'عنوان تازهٔ پروژه' },
      headers: { 'if-match': `"${project.version}"` },
    });
    expect(patched.status).toBe(200);
    expect(await ids(q({ programme, q: 'تازه' }))).toEqual([project.id]);
    expect(await ids(q({ programme, q: 'نخست' }))).toEqual([]);

    // An item as stored before: no search key, no period date.
    const store = testStore();
    await store.doc.send(new UpdateCommand({ TableName: store.tableName, Key: keys.project(project.id), UpdateExpression: 'REMOVE searchKey, periodDate' }));
    expect(await ids(q({ programme, q: 'تازه' }))).toEqual([]);
    expect(await backfillProjectRegister(store)).toBeGreaterThanOrEqual(1);
    expect(await ids(q({ programme, q: 'تازه' }))).toEqual([project.id]);
    const item = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.project(project.id) }))).Item!;
    expect(item.version).toBe(2);
    expect(await backfillProjectRegister(store)).toBe(0);
    // The entity never shows the filter attributes.
    const read = await api(`/projects/${project.id}`);
    expect(read.body).not.toHaveProperty('searchKey');
    expect(read.body).not.toHaveProperty('periodDate');
  });
});

describe('county', () => {
  it('lists the projects of one county of the province, named in any spelling', async () => {
    const programme = unique('کارگاه');
    const inTuyserkan = await create({ programme, county: 'تويسركان' });
    const inHamadan = await create({ programme, county: 'همدان' });
    await create({ programme, county: undefined });
    expect(await ids(q({ programme, province: 'IR-13', county: 'تویسرکان' }))).toEqual([inTuyserkan.id]);
    expect(await ids(q({ programme, province: 'IR-13', county: 'تويسركان' }))).toEqual([inTuyserkan.id]);
    expect(await ids(q({ province: 'IR-13', county: 'همدان', q: 'مددجو', programme }))).toEqual([inHamadan.id]);
    // Without a programme, through the province's index.
    expect(await ids(q({ province: 'IR-13', county: 'تویسرکان', limit: '100' }))).toContain(inTuyserkan.id);
    expect(await ids(q({ province: 'IR-13', county: 'تویسرکان', limit: '100' }))).not.toContain(inHamadan.id);
  });

  it('is 422 naming county for a county the province lacks, and province when it is missing; nothing is written', async () => {
    const before = await countRequestItems();
    const unknown = await api(`/projects?${q({ province: 'IR-13', county: 'مشگین شهر' })}`, { headers: { 'accept-language': 'fa' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['county']);
    expect(unknown.body.errors[0].message).not.toMatch(/[A-Za-z]/);
    const noProvince = await api(`/projects?${q({ county: 'همدان' })}`, { headers: { 'accept-language': 'fa' } });
    expect(noProvince.status).toBe(422);
    expect(noProvince.body.errors.map((e: { field: string }) => e.field)).toEqual(['province']);
    expect(noProvince.body.errors[0].message).toContain('استان');
    expect(await countRequestItems()).toBe(before);
  });
});

describe('period (from, to)', () => {
  it('lists the projects whose start date, or else registration day, falls in the period; Jalali bounds and months too', async () => {
    const programme = unique('مدرسه‌سازی');
    const nowruz1399 = await create({ programme, startDate: '2020-03-20' });
    const summer1400 = await create({ programme, startDate: '۱۴۰۰/۰۴/۱۰' });
    const unstarted = await create({ programme });
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids(q({ programme, from: '1399-01-01', to: '1399-12-30' }))).toEqual([nowruz1399.id]);
    expect(await ids(q({ programme, from: 'فروردین ۱۳۹۹', to: 'فروردین ۱۳۹۹' }))).toEqual([nowruz1399.id]);
    expect(await ids(q({ programme, from: '2020-03-21' }))).toEqual([unstarted.id, summer1400.id]);
    expect(await ids(q({ programme, to: '2020-03-20' }))).toEqual([nowruz1399.id]);
    expect(await ids(q({ programme, from: '2020-03-20', to: '2020-03-20' }))).toEqual([nowruz1399.id]);
    expect(await ids(q({ programme, from: '2021-07-01', to: '2021-07-01' }))).toEqual([summer1400.id]);
    // A project without a start date stands at its registration day (Tehran).
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await ids(q({ programme, from: yesterday }))).toEqual([unstarted.id]);
    expect(await ids(q({ programme, to: yesterday }))).not.toContain(unstarted.id);
    expect(today >= yesterday).toBe(true);
  });

  it('is 422 naming the field for an end before the start or a date the calendar lacks', async () => {
    const reversed = await api(`/projects?${q({ from: '2021-01-01', to: '2020-01-01' })}`);
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    const badDay = await api(`/projects?${q({ from: '1400-12-30' })}`);
    expect(badDay.status).toBe(422);
    expect(badDay.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
  });
});

describe('order', () => {
  it('is newest first by default, oldest first on request; anything else is 422 naming order', async () => {
    const programme = unique('قنات');
    const first = await create({ programme });
    const second = await create({ programme });
    const third = await create({ programme });
    expect(await ids(q({ programme }))).toEqual([third.id, second.id, first.id]);
    expect(await ids(q({ programme, order: 'newest' }))).toEqual([third.id, second.id, first.id]);
    expect(await ids(q({ programme, order: 'oldest' }))).toEqual([first.id, second.id, third.id]);
    // Paging oldest first goes on where it stopped.
    const page = await api(`/projects?${q({ programme, order: 'oldest', limit: '2' })}`);
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([first.id, second.id]);
    expect(await ids(q({ programme, order: 'oldest', limit: '2', cursor: page.body.cursor }))).toEqual([third.id]);
    const bad = await api(`/projects?${q({ programme, order: 'alphabetical' })}`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['order']);
  });

  it('binds the cursor to its query: another q, period or order makes it 400', async () => {
    const programme = unique('بهداشت');
    for (let i = 0; i < 3; i++) await create({ programme, title: `خانهٔ بهداشت ${i}` });
    const page = await api(`/projects?${q({ programme, q: 'بهداشت', limit: '1' })}`);
    expect(page.body.cursor).toBeTruthy();
    expect((await api(`/projects?${q({ programme, q: 'بهداشت', limit: '1', cursor: page.body.cursor })}`)).status).toBe(200);
    for (const other of [{ q: 'خانه' }, { q: 'بهداشت', order: 'oldest' }, { q: 'بهداشت', from: '2020-01-01' }]) {
      const response = await api(`/projects?${q({ programme, limit: '1', cursor: page.body.cursor, ...other })}`);
      expect(response.status, JSON.stringify(other)).toBe(400);
    }
  });
});
