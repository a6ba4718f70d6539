import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { countRequestItems } from '../support/db.ts';
import { createDrive, distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';
import { download, openXlsx, parseCsv } from '../support/files.ts';

/**
 * The exports (open data): every list the pages show, as CSV and XLSX, of exactly the filtered
 * view (every page), with Persian headers; never a donor's name or phone; the same roles and
 * provinces as the JSON lists.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every item of a JSON list, page after page (the view the export must equal). */
async function allPages(path: string, token?: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(`${path}${sep}limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.cursor;
  } while (cursor);
  return items;
}

function columnOf(rows: string[][], header: string): string[] {
  const index = rows[0]!.indexOf(header);
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[index] ?? '');
}

const q = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();

let admin: string;
let editor: string;
const programme = unique('برنامهٔ خروجی');
let projectIds: string[] = [];

beforeAll(async () => {
  admin = await tokenFor('admin', '*');
  editor = await tokenFor('editor', ['IR-13']);
  // More projects than one JSON page (20), in one programme: the view under test.
  for (let i = 0; i < 24; i++) {
    const response = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', {
        programme,
        title: i % 2 ? `خانهٔ مددجوی شمارهٔ ${i}` : `مدرسهٔ روستایی ${i}، "نمونه"`,
        status: i % 3 ? 'planned' : 'in_progress',
        progressPercent: i % 3 ? 0 : '۹۹٫۹۹',
        budgetToman: i === 0 ? '1200000000000000000000' : `${i}000000000`,
        startDate: `2021-0${(i % 9) + 1}-15`,
        outputs: [{ indicator: 'workshops', target: 10, actual: i }],
      }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    projectIds.push(response.body.id);
  }
  projectIds = projectIds.reverse();
});

describe('GET /projects.csv', () => {
  it('is UTF-8 with a BOM, Persian headers, every row of the view (more than a page), as the JSON list has them', async () => {
    const before = await countRequestItems();
    const file = await download(`/projects.csv?${q({ programme })}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="abad-projects-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(file.text);
    expect(rows[0]!.slice(0, 5)).toEqual(['شناسه', 'عنوان', 'دسته (کد)', 'دسته', 'زیردسته']);
    expect(rows[0]).toContain('تاریخ شروع (شمسی)');
    const json = await allPages(`/projects?${q({ programme })}`);
    expect(json.map((p) => p.id)).toEqual(projectIds);
    expect(columnOf(rows, 'شناسه')).toEqual(projectIds);
    expect(columnOf(rows, 'عنوان')).toEqual(json.map((p) => p.title));
    expect(columnOf(rows, 'اعتبار (تومان)')).toEqual(json.map((p) => p.budgetToman));
    expect(columnOf(rows, 'اعتبار (تومان)').at(-1)).toBe('1200000000000000000000');
    expect(columnOf(rows, 'درصد پیشرفت')).toEqual(json.map((p) => String(p.progressPercent)));
    expect(columnOf(rows, 'وضعیت')).toEqual(json.map((p) => (p.status === 'planned' ? 'در دست برنامه' : 'در حال اجرا')));
    expect(columnOf(rows, 'تاریخ شروع')).toEqual(json.map((p) => p.startDate));
    expect(columnOf(rows, 'تاریخ شروع (شمسی)')).toEqual(json.map((p) => p.startDateJalali));
    expect(columnOf(rows, 'زمان ثبت (شمسی)')).toEqual(json.map((p) => p.createdAtJalali));
    expect(columnOf(rows, 'استان')).toEqual(json.map(() => 'همدان'));
    expect(columnOf(rows, 'شهرستان')).toEqual(json.map(() => 'تویسرکان'));
    expect(await countRequestItems()).toBe(before);
  });

  it('is exactly the filtered view: q, status, period and order as GET /projects applies them', async () => {
    for (const filter of [
      { programme, q: 'خانه‌ی مددجوي' },
      { programme, status: 'in_progress' },
      { programme, from: '1400-03-01', to: '1400-05-31' },
      { programme, order: 'oldest' },
      { programme, province: 'IR-13', county: 'تويسركان', q: 'مدرسه' },
    ]) {
      const json = await allPages(`/projects?${q(filter)}`);
      expect(json.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const rows = parseCsv((await download(`/projects.csv?${q(filter)}`)).text);
      expect(columnOf(rows, 'شناسه'), JSON.stringify(filter)).toEqual(json.map((p) => p.id));
    }
    expect(parseCsv((await download(`/projects.csv?${q({ programme, q: 'هیچ‌چیز' })}`)).text)).toHaveLength(1);
  });

  it('rejects what GET /projects rejects, naming the field, and takes no limit or cursor', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ county: 'همدان' }, 'province'],
      [{ province: 'IR-13', county: 'اردبیل' }, 'county'],
      [{ from: '2022-01-01', to: '2021-01-01' }, 'to'],
      [{ limit: '10' }, 'limit'],
      [{ status: 'done' }, 'status'],
    ];
    for (const [filter, field] of cases) {
      const response = await api(`/projects.csv?${q(filter)}`, { headers: { 'accept-language': 'fa' } });
      expect(response.status, JSON.stringify(filter)).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe('GET /projects.xlsx', () => {
  it('opens as a workbook whose cells are the CSV’s: Persian intact, bigint exact', async () => {
    const file = await download(`/projects.xlsx?${q({ programme })}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX);
    expect(file.headers.get('content-disposition')).toMatch(/filename="abad-projects-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const book = openXlsx(file.bytes);
    expect(book.rightToLeft).toBe(true);
    const csv = parseCsv((await download(`/projects.csv?${q({ programme })}`)).text);
    const width = csv[0]!.length;
    expect(book.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''))).toEqual(csv);
    expect(columnOf(book.rows, 'عنوان')).toContain('مدرسهٔ روستایی 0، "نمونه"');
    expect(columnOf(book.rows, 'اعتبار (تومان)').at(-1)).toBe('1200000000000000000000');
  });
});

describe('Accept on GET /projects', () => {
  it('answers the CSV or the workbook of the whole view to Accept: text/csv or the XLSX type; JSON otherwise', async () => {
    const csv = await download(`/projects?${q({ programme, limit: '5' })}`, { headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('vary')).toMatch(/accept/i);
    expect(columnOf(parseCsv(csv.text), 'شناسه')).toEqual(projectIds);
    const xlsx = await download(`/projects?${q({ programme })}`, { headers: { accept: XLSX } });
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(columnOf(openXlsx(xlsx.bytes).rows, 'شناسه')).toEqual(projectIds);
    const json = await api(`/projects?${q({ programme })}`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.headers.get('vary')).toMatch(/accept/i);
    expect(json.body.items).toHaveLength(20);
  });
});

describe('donations and distributions', () => {
  let drive: string;
  let donationIds: string[];
  beforeAll(async () => {
    drive = await createDrive('IR-13');
    const operator = await tokenFor('operator', ['IR-13']);
    donationIds = [];
    for (let i = 0; i < 9; i++) {
      const response = await api('/donations', {
        token: operator,
        body: donationBody(drive, 'IR-13', { donor: { name: `اهداکنندهٔ محرمانه ${i}`, phone: `0912345670${i}` }, channel: 'مسجد جامع، شبستان' }),
      });
      expect(response.status).toBe(201);
      donationIds.unshift(response.body.id);
    }
    for (let i = 0; i < 3; i++) expect((await api('/distributions', { token: operator, body: distributionBody(drive) })).status).toBe(201);
  });

  it('exports a drive’s donations to an admin with no donor name or phone, in either format', async () => {
    const csv = await download(`/donations.csv?drive=${drive}`, { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsv(csv.text);
    expect(columnOf(rows, 'شناسه')).toEqual(donationIds);
    expect(columnOf(rows, 'محل دریافت')).toEqual(donationIds.map(() => 'مسجد جامع، شبستان'));
    expect(columnOf(rows, 'مبلغ یا ارزش (تومان)')).toEqual(donationIds.map(() => '5000000'));
    // The JSON list shows an admin the donor; the export never does.
    const json = await api(`/donations?drive=${drive}`, { token: admin });
    expect(json.body.items[0].donor.phone).toMatch(/^\+98/);
    for (const text of [csv.text, JSON.stringify(openXlsx((await download(`/donations.xlsx?drive=${drive}`, { token: admin })).bytes).rows)]) {
      expect(text).not.toContain('اهداکننده');
      expect(text).not.toMatch(/912345670\d/);
      expect(text).not.toContain('+98');
    }
    expect(rows[0]!.join()).not.toMatch(/اهداکننده|تلفن|نام اهدا/);
  });

  it('follows the list’s roles and provinces: 401 without a token, 403 for another province, none of them otherwise', async () => {
    expect((await download(`/donations.csv?drive=${drive}`)).status).toBe(401);
    const elsewhere = await tokenFor('operator', ['IR-19']);
    const forbidden = await api('/donations.csv?province=IR-13', { token: elsewhere });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toBe('application/problem+json');
    expect((await api('/distributions.xlsx?province=IR-13', { token: elsewhere })).status).toBe(403);
    const mine = parseCsv((await download(`/donations.csv?drive=${drive}`, { token: elsewhere })).text);
    expect(mine).toHaveLength(1);
    const viewer = await tokenFor('viewer', ['IR-13']);
    expect((await api(`/donations.csv?drive=${drive}`, { token: viewer })).status).toBe(403);
  });

  it('exports distributions of a drive as the JSON list has them', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const json = await allPages(`/distributions?drive=${drive}`, operator);
    const rows = parseCsv((await download(`/distributions.csv?drive=${drive}`, { token: operator })).text);
    expect(columnOf(rows, 'شناسه')).toEqual(json.map((d) => d.id));
    expect(columnOf(rows, 'نوع توزیع')).toEqual(json.map(() => 'بستهٔ معیشتی'));
    expect(columnOf(rows, 'خانوارها')).toEqual(json.map((d) => String(d.households)));
    expect(columnOf(openXlsx((await download(`/distributions.xlsx?drive=${drive}`, { token: operator })).bytes).rows, 'شناسه')).toEqual(json.map((d) => d.id));
  });
});

describe('the public lists', () => {
  it('exports drives, partners (filtered) and programmes as their JSON lists have them', async () => {
    const drives = await allPages('/drives');
    expect(columnOf(parseCsv((await download('/drives.csv')).text), 'شناسه')).toEqual(drives.map((d) => d.id));

    const name = unique('خيريه امام علي');
    const created = await api('/partners', { token: admin, body: { name, kind: 'charity' } });
    expect(created.status).toBe(201);
    const partners = parseCsv((await download(`/partners.csv?${q({ q: name.replace('ي', 'ی'), kind: 'charity' })}`)).text);
    expect(columnOf(partners, 'شناسه')).toEqual([created.body.id]);
    expect(columnOf(partners, 'نوع')).toEqual(['خیریه']);
    expect(columnOf(partners, 'نوع (کد)')).toEqual(['charity']);

    const programmes = await download('/programmes.xlsx');
    expect(programmes.status).toBe(200);
    expect(programmes.headers.get('cache-control')).toBe('public, max-age=5');
    const book = openXlsx(programmes.bytes);
    expect(book.rows[0]).toContain('برنامه');
    expect(book.rows[0]).toContain('اعتبار (تومان)');
    const json = (await api('/programmes')).body.items as { name: string }[];
    expect(columnOf(book.rows, 'برنامه')).toEqual(json.map((p) => p.name));
  });

  it('exports every county of a province’s catalogue with its figures; 404 for a code that names none', async () => {
    const json = (await api('/provinces/IR-13/counties')).body;
    const file = await download('/provinces/IR-13/counties.csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('filename="abad-counties-IR-13-');
    const rows = parseCsv(file.text);
    expect(columnOf(rows, 'کد شهرستان')).toEqual(json.counties.map((c: { code: string }) => c.code));
    expect(columnOf(rows, 'شهرستان')).toEqual(json.counties.map((c: { name: string }) => c.name));
    expect(columnOf(rows, 'استان')[0]).toBe('همدان');
    expect(columnOf(rows, 'پروژه‌ها (بی لغوشده)')).toEqual(json.counties.map((c: { projects: { total: number } }) => String(c.projects.total)));
    expect((await api('/provinces/IR-99/counties.csv')).status).toBe(404);
    expect((await api('/provinces/IR/counties.xlsx')).status).toBe(404);
  });
});
