import { gunzipSync } from 'node:zlib';
import { column, ExportTooLargeError } from '@abad/core/export/index';
import { describe, expect, it } from 'vitest';
import { EXPORT_MEDIA_TYPES, exportFormatOf, exportResponse } from '../src/http/table-export.ts';
import { openXlsx, parseCsv } from '../../../test/support/files.ts';

const event = (routeKey: string, headers: Record<string, string> = {}) => ({ routeKey, rawPath: routeKey.split(' ')[1]!, headers });
const columns = [column<{ n: number; name: string }>('شماره', (r) => r.n), column<{ n: number; name: string }>('نام', (r) => r.name)];

describe('exportFormatOf', () => {
  it('takes the route suffix first, then Accept; JSON otherwise', () => {
    expect(exportFormatOf(event('GET /projects.csv', { accept: EXPORT_MEDIA_TYPES.xlsx }))).toBe('csv');
    expect(exportFormatOf(event('GET /provinces.xlsx'))).toBe('xlsx');
    expect(exportFormatOf(event('GET /projects', { accept: 'text/csv' }))).toBe('csv');
    expect(exportFormatOf(event('GET /projects', { accept: 'text/html, text/csv;q=0.9' }))).toBe('csv');
    expect(exportFormatOf(event('GET /projects', { accept: `${EXPORT_MEDIA_TYPES.xlsx}` }))).toBe('xlsx');
    expect(exportFormatOf(event('GET /projects', { accept: 'application/json, */*' }))).toBeUndefined();
    expect(exportFormatOf(event('GET /projects'))).toBeUndefined();
  });
});

describe('exportResponse', () => {
  const rows = [
    { n: 1, name: 'همدان' },
    { n: 2, name: 'تویسرکان' },
  ];

  it('answers a CSV attachment with an ASCII filename and a Persian filename*', () => {
    const response = exportResponse(event('GET /provinces.csv'), { name: 'provinces', title: 'استان‌ها', columns, rows });
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(false);
    expect(response.headers!['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(response.headers!['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="abad-provinces-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''[\x21-\x7e]+$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^آباد-استان‌ها-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(parseCsv(String(response.body))).toEqual([
      ['شماره', 'نام'],
      ['1', 'همدان'],
      ['2', 'تویسرکان'],
    ]);
  });

  it('answers an XLSX as base64 for API Gateway, a workbook that opens', () => {
    const response = exportResponse(event('GET /provinces.xlsx'), { name: 'provinces', columns, rows });
    expect(response.isBase64Encoded).toBe(true);
    expect(response.headers!['content-type']).toBe(EXPORT_MEDIA_TYPES.xlsx);
    expect(String(response.headers!['content-disposition'])).toContain('filename="abad-provinces-');
    const book = openXlsx(Buffer.from(String(response.body), 'base64'));
    expect(book.rows).toEqual([
      ['شماره', 'نام'],
      ['1', 'همدان'],
      ['2', 'تویسرکان'],
    ]);
  });

  it('gzips a large CSV for a reader that accepts it, and only then', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ n: i, name: `روستای شمارهٔ ${i}` }));
    const plain = exportResponse(event('GET /projects.csv'), { name: 'projects', columns, rows: many });
    expect(plain.headers!['content-encoding']).toBeUndefined();
    const zipped = exportResponse(event('GET /projects.csv', { 'accept-encoding': 'gzip, deflate, br' }), { name: 'projects', columns, rows: many });
    expect(zipped.headers!['content-encoding']).toBe('gzip');
    expect(zipped.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(String(zipped.body), 'base64')).toString('utf8')).toBe(plain.body);
    expect(String(zipped.body).length).toBeLessThan(String(plain.body).length / 3);
    const refused = exportResponse(event('GET /projects.csv', { 'accept-encoding': 'gzip;q=0' }), { name: 'projects', columns, rows: many });
    expect(refused.headers!['content-encoding']).toBeUndefined();
  });

  it('refuses more rows than one export takes, or a body over what one response carries: 422', () => {
    const tooMany = Array.from({ length: 50_001 }, (_, i) => ({ n: i, name: 'x' }));
    expect(() => exportResponse(event('GET /projects.csv'), { name: 'projects', columns, rows: tooMany })).toThrow(ExportTooLargeError);
    const huge = Array.from({ length: 30_000 }, (_, i) => ({ n: i, name: 'ن'.repeat(100) }));
    expect(() => exportResponse(event('GET /projects.csv'), { name: 'projects', columns, rows: huge })).toThrow(ExportTooLargeError);
  });
});
