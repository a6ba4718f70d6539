import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExportTooLargeError, readAllPages } from '../src/export/collect.ts';
import { toCsv } from '../src/export/csv.ts';
import { column, dateColumns, labelColumns, MAX_EXPORT_ROWS, tableOf } from '../src/export/table.ts';
import { donationColumns, figureColumns, projectColumns } from '../src/export/tables.ts';
import { columnName, toXlsx } from '../src/export/xlsx.ts';
import { PROJECT_STATUS_LABELS } from '../src/schemas/project.ts';
import { openXlsx, parseCsv } from '../../../test/support/files.ts';

interface Row {
  name: string;
  amount: bigint;
  count: number;
  status: string;
  start?: string;
  at?: string;
  ok: boolean;
}

const columns = [
  column<Row>('نام', (r) => r.name),
  column<Row>('مبلغ (تومان)', (r) => r.amount),
  column<Row>('شمار', (r) => r.count),
  ...labelColumns<Row>('وضعیت', (r) => r.status, PROJECT_STATUS_LABELS),
  ...dateColumns<Row>('تاریخ شروع', (r) => r.start),
  ...dateColumns<Row>('زمان ثبت', (r) => r.at, 'moment'),
  column<Row>('درست', (r) => r.ok),
];

const rows: Row[] = [
  {
    name: 'خانهٔ مددجو، روستای «سرکان»',
    amount: 62_000_000_000n,
    count: 12,
    status: 'in_progress',
    start: '2020-03-20',
    at: '2024-03-20T07:00:00.000Z',
    ok: true,
  },
  { name: 'منطقه ۱۹ "شمالی"\nخط دوم', amount: 1_200_000_000_000_000_000_000n, count: 0, status: 'planned', ok: false },
  { name: '=HYPERLINK("x")', amount: 0n, count: 99.99, status: 'completed', ok: true },
];

describe('toCsv', () => {
  const csv = toCsv(tableOf(columns, rows));
  const parsed = parseCsv(csv);

  it('is UTF-8 with a BOM, CRLF line ends and Persian headers: code and label, ISO date and its Jalali twin', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parsed[0]).toEqual(['نام', 'مبلغ (تومان)', 'شمار', 'وضعیت (کد)', 'وضعیت', 'تاریخ شروع', 'تاریخ شروع (شمسی)', 'زمان ثبت', 'زمان ثبت (شمسی)', 'درست']);
    expect(parsed).toHaveLength(rows.length + 1);
  });

  it('quotes what RFC 4180 needs (commas, quotes, line breaks) and reads back exactly', () => {
    expect(parsed[1]).toEqual([
      'خانهٔ مددجو، روستای «سرکان»',
      '62000000000',
      '12',
      'in_progress',
      'در حال اجرا',
      '2020-03-20',
      '1399-01-01',
      '2024-03-20T07:00:00.000Z',
      '1403-01-01 10:30',
      'true',
    ]);
    expect(parsed[2]![0]).toBe('منطقه ۱۹ "شمالی"\nخط دوم');
    expect(csv).toContain('"منطقه ۱۹ ""شمالی""\nخط دوم"');
  });

  it('writes bigint toman exactly, in ASCII digits, never in exponent form; nothing is an empty field', () => {
    expect(parsed[2]![1]).toBe('1200000000000000000000');
    expect(parsed[2]!.slice(5, 9)).toEqual(['', '', '', '']);
    expect(parsed[3]![2]).toBe('99.99');
    expect(csv).not.toMatch(/e\+/);
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(parsed[3]![0]).toBe(`'=HYPERLINK("x")`);
    expect(toCsv(tableOf([column<number>('n', (n) => n)], [-5]))).toBe('\uFEFFn\r\n-5\r\n');
  });
});

describe('toXlsx', () => {
  const bytes = toXlsx(tableOf(columns, rows), 'projects');
  const book = openXlsx(bytes);

  it('is a real workbook: a zip with the parts Excel looks for, one right-to-left sheet', () => {
    const parts = Object.keys(unzipSync(bytes)).sort();
    expect(parts).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(book.sheetName).toBe('projects');
    expect(book.rightToLeft).toBe(true);
    // Well-formed XML: every part parses as XML would (no raw & or < in text).
    for (const [name, data] of Object.entries(unzipSync(bytes))) expect(strFromU8(data), name).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  it('keeps headers and Persian text intact, numbers as numbers, a bigint beyond 2^53 exact as text', () => {
    expect(book.rows[0]).toEqual(parseCsv(toCsv(tableOf(columns, []))).at(0));
    expect(book.rows[1]!.slice(0, 3)).toEqual(['خانهٔ مددجو، روستای «سرکان»', '62000000000', '12']);
    expect(book.types.get('B2')).toBe('n');
    expect(book.rows[2]![0]).toBe('منطقه ۱۹ "شمالی"\nخط دوم');
    expect(book.rows[2]![1]).toBe('1200000000000000000000');
    expect(book.types.get('B3')).toBe('s');
    expect(book.rows[1]![6]).toBe('1399-01-01');
    expect(book.rows[1]![9]).toBe('1');
    expect(book.types.get('J2')).toBe('b');
    // A formula-like text is a plain string cell in a workbook: never a formula.
    expect(book.rows[3]![0]).toBe('=HYPERLINK("x")');
    expect(book.types.get('A4')).toBe('s');
  });

  it('names columns past Z as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const wide = toXlsx({ headers: Array.from({ length: 30 }, (_, i) => `ستون ${i}`), rows: [Array.from({ length: 30 }, (_, i) => i)] });
    expect(openXlsx(wide).rows[1]![29]).toBe('29');
  });

  it('drops what XML cannot hold (controls, lone surrogates) instead of writing a broken file', () => {
    const book = openXlsx(toXlsx({ headers: ['متن'], rows: [['الف\u0001ب\uD800ج <&>']] }));
    expect(book.rows[1]![0]).toBe('الفبج <&>');
  });
});

describe('the export columns', () => {
  it('never carry a donor: no name, no phone, whatever the record holds', () => {
    const donation = {
      id: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST',
      driveId: '01JD5XQ8Y5W6Z8N3K2M1P0R9SV',
      province: 'IR-13',
      county: 'همدان',
      countyCode: '1301',
      kind: 'cash',
      amountToman: 5_000_000n,
      channel: 'مسجد جامع',
      donor: { name: 'علی رضایی', phone: '+989123456789', anonymous: false },
      version: 1,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      createdBy: 'operator-IR-13',
    } as const;
    const csv = toCsv(tableOf(donationColumns(), [donation as never]));
    expect(csv).not.toContain('علی رضایی');
    expect(csv).not.toContain('9123456789');
    expect(csv).not.toContain('operator-IR-13');
    expect(csv).toContain('5000000');
    expect(csv).toContain('همدان');
  });

  it('show a project with its codes and Persian labels, province name, dates in both calendars', () => {
    const project = {
      id: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST',
      title: 'مدرسهٔ روستا',
      category: 'school',
      programme: 'طرح ۴۰ هزار',
      province: 'IR-13',
      status: 'planned',
      progressPercent: 0,
      budgetToman: 62_000_000_000n,
      loansToman: 0n,
      jobsCreated: 0,
      housingUnits: 0,
      beneficiaryHouseholds: 0,
      outputs: [{ indicator: 'workshops', target: 5000, actual: 4482 }],
      startDate: '2020-03-20',
      version: 1,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      createdBy: 'x',
    };
    const [headers, values] = parseCsv(toCsv(tableOf(projectColumns(), [project as never])));
    const cell = (header: string) => values![headers!.indexOf(header)];
    expect(cell('دسته (کد)')).toBe('school');
    expect(cell('دسته')).toBe('مدرسه');
    expect(cell('استان (کد)')).toBe('IR-13');
    expect(cell('استان')).toBe('همدان');
    expect(cell('اعتبار (تومان)')).toBe('62000000000');
    expect(cell('تاریخ شروع (شمسی)')).toBe('1399-01-01');
    expect(cell('شاخص‌ها (هدف / محقق)')).toBe('کارگاه تولیدی: 5000 / 4482');
    expect(new Set(headers).size).toBe(headers!.length);
  });

  it('give a scope figures one column per status and per indicator, with unique headers', () => {
    const columns = figureColumns<{ f: never }>((r) => r.f, [{ code: 'workshops', fa: 'کارگاه تولیدی' }]);
    const headers = columns.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(headers).toContain('کارگاه تولیدی (محقق)');
  });
});

describe('readAllPages', () => {
  const pages = (total: number) => {
    const asked: number[] = [];
    const read = async (limit: number, cursor: string | undefined) => {
      asked.push(limit);
      const start = cursor ? Number(cursor) : 0;
      const end = Math.min(total, start + limit);
      const items = Array.from({ length: end - start }, (_, i) => start + i);
      return end < total ? { items, cursor: String(end) } : { items };
    };
    return { read, asked };
  };

  it('reads every page of the view, in order', async () => {
    const { read, asked } = pages(2_345);
    const items = await readAllPages(read);
    expect(items).toEqual(Array.from({ length: 2_345 }, (_, i) => i));
    expect(asked).toEqual([1_000, 1_000, 1_000]);
  });

  it('stops one row past the cap with a 422 naming the query, in both languages', async () => {
    const { read, asked } = pages(100);
    await expect(readAllPages(read, 10)).rejects.toBeInstanceOf(ExportTooLargeError);
    expect(asked.reduce((a, b) => a + b, 0)).toBe(11);
    const error = new ExportTooLargeError(MAX_EXPORT_ROWS);
    expect(error.kind).toBe('validation');
    expect(error.problems[0]!.field).toBe('(query)');
    expect(error.describe('fa')).toContain('۵۰٬۰۰۰');
    expect(error.describe('fa')).not.toMatch(/[A-Za-z]/);
    expect(error.describe('en')).toContain('50000');
    expect(await readAllPages(pages(10).read, 10)).toHaveLength(10);
  });
});
