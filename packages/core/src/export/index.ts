// Exports (open data): a table of Persian headers and rows, as CSV or XLSX. Imported as
// `@abad/core/export/index`, apart from core's index, so only the routes that export bundle the zip writer.
export * from './table.ts';
export * from './csv.ts';
export * from './xlsx.ts';
export * from './collect.ts';
export * from './tables.ts';
