import { strFromU8, unzipSync } from 'fflate';
import { inject } from 'vitest';

/**
 * Opens an .xlsx as a spreadsheet program would read its first sheet: unzips it, checks the
 * package's parts are where the relationships say, and reads the cells (shared strings, inline
 * strings, numbers, booleans) into rows by their references. For tests of the exports.
 */
export interface OpenedWorkbook {
  sheetName: string;
  rightToLeft: boolean;
  /** Row by row, each cell as its text (a number's digits as stored). */
  rows: string[][];
  /** Cell types by reference (`s` shared string, `n` number, `b` boolean, `inlineStr`). */
  types: Map<string, string>;
}

export function openXlsx(bytes: Uint8Array): OpenedWorkbook {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('not a zip');
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`missing part ${name}`);
    return strFromU8(file);
  };
  const types = text('[Content_Types].xml');
  if (!types.includes('spreadsheetml.sheet.main+xml')) throw new Error('no workbook content type');
  const rootRels = text('_rels/.rels');
  const workbookPath = /Target="([^"]+)"/.exec(rootRels)![1]!.replace(/^\//, '');
  const workbook = text(workbookPath);
  const sheet = /<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]+)"/.exec(workbook)!;
  const rels = text(workbookPath.replace(/([^/]+)$/, '_rels/$1.rels'));
  const target = new RegExp(`Id="${sheet[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${sheet[2]}"`).exec(rels)![1]!;
  const base = workbookPath.replace(/[^/]+$/, '');
  const sheetXml = text(base + target);
  const shared = files[`${base}sharedStrings.xml`]
    ? [...strFromU8(files[`${base}sharedStrings.xml`]!).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!))
    : [];

  const rows: string[][] = [];
  const cellTypes = new Map<string, string>();
  for (const row of sheetXml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, col, line, attributes, inner = ''] = cell;
      const type = /t="(\w+)"/.exec(attributes!)?.[1] ?? 'n';
      cellTypes.set(`${col}${line}`, type);
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const shown = type === 's' ? shared[Number(value)]! : type === 'inlineStr' ? textOf(inner) : unescapeXml(value ?? '');
      cells[columnIndex(col!)] = shown;
    }
    rows[Number(/r="(\d+)"/.exec(row[0])![1]) - 1] = Array.from(cells, (c) => c ?? '');
  }
  return { sheetName: unescapeXml(sheet[1]!), rightToLeft: /rightToLeft="1"/.test(sheetXml), rows, types: cellTypes };
}

function textOf(xml: string): string {
  return [...xml.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');
}

function unescapeXml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}

function columnIndex(name: string): number {
  let n = 0;
  for (const c of name) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A CSV as RFC 4180 reads it: the BOM checked and dropped, fields split on commas outside
 * quotes, doubled quotes undone, records ended by CRLF (a bare LF inside quotes stays in its field).
 */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM');
  const body = text.slice(1);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`a bare line break outside quotes at ${i}`);
    else field += c;
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  return records;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The bytes as UTF-8, the BOM kept (fetch's text() would drop it). */
  text: string;
}

/** A file from the running API over real HTTP, as bytes. */
export async function download(path: string, init: { token?: string; headers?: Record<string, string> } = {}): Promise<Download> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(new URL(path, inject('apiUrl')), { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
