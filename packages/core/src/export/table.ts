import { jalaliOfIsoDate, jalaliOfMoment } from '../dates/jalali.ts';

/**
 * An exported table (open data): Persian column headers and rows of plain values, written as
 * CSV (csv.ts) or XLSX (xlsx.ts). Core knows nothing of HTTP: the API's helper
 * (packages/functions/src/http/table-export.ts) picks the format and sets the headers.
 */
export type Cell = string | number | bigint | boolean | null | undefined;

/** One column: its Persian header and how a row gives its value. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => Cell;
}

export interface Table {
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** At most this many rows are exported at once; a larger view is narrowed with filters first. */
export const MAX_EXPORT_ROWS = 50_000;

/** The table of `rows` by `columns`. */
export function tableOf<Row>(columns: readonly Column<Row>[], rows: Iterable<Row>): Table {
  const out: Cell[][] = [];
  for (const row of rows) out.push(columns.map((c) => c.value(row)));
  return { headers: columns.map((c) => c.header), rows: out };
}

/** A column of a plain value. */
export function column<Row>(header: string, value: (row: Row) => Cell): Column<Row> {
  return { header, value };
}

/**
 * A date shown twice, as open data wants it: ISO (`2020-03-20`) and its Jalali twin
 * (`1399-01-01`) in a column headed `<header> (شمسی)`. A moment (`createdAt`) is ISO UTC
 * beside its Jalali Tehran time (`1403-01-01 10:30`).
 */
export function dateColumns<Row>(header: string, value: (row: Row) => string | undefined, kind: 'date' | 'moment' = 'date'): Column<Row>[] {
  const jalali = kind === 'date' ? jalaliOfIsoDate : jalaliOfMoment;
  return [
    { header, value },
    {
      header: `${header} (شمسی)`,
      value: (row) => {
        const iso = value(row);
        return iso ? jalali(iso) : undefined;
      },
    },
  ];
}

/**
 * An enum shown twice: its code (stable, for machines) and its Persian label, from core's label
 * tables (`PROJECT_STATUS_LABELS` …), headed `<header> (کد)` and `<header>`.
 */
export function labelColumns<Row>(header: string, value: (row: Row) => string | undefined, labels: Readonly<Record<string, string>>): Column<Row>[] {
  return [
    { header: `${header} (کد)`, value },
    {
      header,
      value: (row) => {
        const code = value(row);
        return code === undefined ? undefined : (labels[code] ?? code);
      },
    },
  ];
}
