import { gzipSync } from 'node:zlib';
import { tehranToday } from '@abad/core/dates/jalali';
import { ExportTooLargeError, MAX_EXPORT_ROWS, tableOf, toCsv, toXlsx, type Column } from '@abad/core/export/index';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from './request.ts';

/** The formats a table exports to (open data). */
export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What is exported: the file's ASCII name, its Persian title, the columns and every row of the view. */
export interface TableExport<Row> {
  /** ASCII, for the file name and the sheet: `provinces` → `abad-provinces-2025-03-21.csv`. */
  name: string;
  /** Persian, for `filename*` (`استان‌ها` → `آباد-استان‌ها-2025-03-21.csv`); the name when absent. */
  title?: string;
  /** Persian headers and how each row gives its value: core's `column`, `dateColumns`, `labelColumns` (@abad/core/export/index). */
  columns: readonly Column<Row>[];
  /** Every row of the view, in its order: all pages (core's `readAllPages`), never one page. */
  rows: readonly Row[];
}

/**
 * The format a request asks for: the suffix of its route (`GET /provinces.csv`, `.xlsx`), else
 * its `Accept` header (`text/csv`, the XLSX media type); undefined when it asks for neither
 * (a JSON route answers JSON).
 */
export function exportFormatOf(event: Pick<HttpEvent, 'routeKey' | 'rawPath' | 'headers'>): ExportFormat | undefined {
  const path = event.routeKey?.split(' ')[1] ?? event.rawPath ?? '';
  if (path.endsWith('.csv')) return 'csv';
  if (path.endsWith('.xlsx')) return 'xlsx';
  const accept = (event.headers?.accept ?? '').toLowerCase();
  const asked = accept.split(',').map((part) => part.split(';')[0]!.trim());
  if (asked.includes(EXPORT_MEDIA_TYPES.xlsx)) return 'xlsx';
  if (asked.includes(EXPORT_MEDIA_TYPES.csv)) return 'csv';
  return undefined;
}

/**
 * The largest body one answer carries: a Lambda response is at most 6 MB, headers and base64
 * included. A CSV above COMPRESS_ABOVE_BYTES is sent gzipped to a reader that accepts it (every
 * browser), so about ten times as many rows fit; what still does not fit is 422, as more than
 * MAX_EXPORT_ROWS rows are.
 */
export const MAX_EXPORT_BODY_BYTES = 5_500_000;
const COMPRESS_ABOVE_BYTES = 256 * 1024;

/**
 * A table as a downloadable file, the one way every route exports (open data):
 *
 *     return exportResponse(event, { name: 'provinces', title: 'استان‌ها', columns, rows });
 *
 * in the handler of `GET /provinces.csv` or `GET /provinces.xlsx` (the format is the route's
 * suffix), or in a JSON route's handler when `exportFormatOf(event)` is set (an `Accept:
 * text/csv` reader). `columns` are core's (`column(header, row => value)`, `dateColumns` for a
 * date and its Jalali twin, `labelColumns` for an enum's code and Persian label); `rows` is the
 * whole view. The answer: 200, `content-type` (`text/csv; charset=utf-8`, UTF-8 with a BOM, or
 * the XLSX type, base64 for API Gateway), `content-disposition: attachment` with an ASCII
 * `filename` and a Persian `filename*`, `vary: accept`, and `cache-control` when given (the
 * pipeline makes every route behind the token `no-store` whatever is given). More than
 * MAX_EXPORT_ROWS rows, or a body over MAX_EXPORT_BODY_BYTES, throws ExportTooLargeError (422).
 */
export function exportResponse<Row>(
  event: Pick<HttpEvent, 'routeKey' | 'rawPath' | 'headers'>,
  spec: TableExport<Row>,
  options: { format?: ExportFormat; cacheControl?: string } = {},
): APIGatewayProxyStructuredResultV2 {
  if (spec.rows.length > MAX_EXPORT_ROWS) throw new ExportTooLargeError(MAX_EXPORT_ROWS);
  const format = options.format ?? exportFormatOf(event) ?? 'csv';
  const table = tableOf(spec.columns, spec.rows);
  const headers: Record<string, string> = {
    'content-type': format === 'csv' ? `${EXPORT_MEDIA_TYPES.csv}; charset=utf-8` : EXPORT_MEDIA_TYPES.xlsx,
    'content-disposition': contentDisposition(spec, format),
    'x-content-type-options': 'nosniff',
    vary: 'accept, accept-encoding',
    ...(options.cacheControl ? { 'cache-control': options.cacheControl } : {}),
  };
  let body: string;
  let isBase64Encoded = false;
  if (format === 'xlsx') {
    body = Buffer.from(toXlsx(table, spec.name)).toString('base64');
    isBase64Encoded = true;
  } else {
    body = toCsv(table);
    if (Buffer.byteLength(body) > COMPRESS_ABOVE_BYTES && acceptsGzip(event)) {
      body = gzipSync(body).toString('base64');
      isBase64Encoded = true;
      headers['content-encoding'] = 'gzip';
    }
  }
  if (Buffer.byteLength(body) > MAX_EXPORT_BODY_BYTES) throw new ExportTooLargeError();
  return { statusCode: 200, headers, body, isBase64Encoded };
}

function acceptsGzip(event: Pick<HttpEvent, 'headers'>): boolean {
  return (event.headers?.['accept-encoding'] ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

/** `attachment; filename="abad-projects-2025-03-21.csv"; filename*=UTF-8''…` (RFC 6266, RFC 8187). */
function contentDisposition(spec: Pick<TableExport<unknown>, 'name' | 'title'>, format: ExportFormat): string {
  const day = tehranToday(Date.now());
  const ascii = `abad-${spec.name.replace(/[^A-Za-z0-9_-]+/g, '-')}-${day}.${format}`;
  const utf8 = `${spec.title ? `آباد-${spec.title}` : `abad-${spec.name}`}-${day}.${format}`;
  const encoded = encodeURIComponent(utf8).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
