import type { Cell, Table } from './table.ts';

/** UTF-8's byte order mark: Excel reads a CSV as UTF-8 (Persian intact) only with it. */
export const BOM = '\uFEFF';

/**
 * A table as CSV (RFC 4180): the BOM, a header row, CRLF line ends, a field quoted (its quotes
 * doubled) when it holds a comma, a quote or a line break. Numbers and bigint toman are plain
 * ASCII digits, exact (`62000000000`, never `6.2e10`); booleans `true`/`false`; nothing is an
 * empty field. Text is as stored (Persian digits in a name stay Persian); text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or CR) is
 * prefixed with `'` (OWASP's CSV injection advice): numbers are never text, so no figure changes.
 */
export function toCsv(table: Table): string {
  const lines = [table.headers.map(textField), ...table.rows.map((row) => row.map(csvField))].map((fields) => fields.join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'bigint') return cell.toString();
  if (typeof cell === 'number') return plainNumber(cell);
  if (typeof cell === 'boolean') return String(cell);
  return textField(cell);
}

function textField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A number in plain ASCII digits: integers never in exponent form; other numbers as JavaScript shortest form. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return BigInt(n).toString();
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}
