/**
 * Regenerates Iran's official county catalogue in core from the `iran-divisions` CSV files
 * (release 3.0 of the `iran-cities` data set by Ahmad Azizi, MIT License, built from the
 * Statistical Centre of Iran's divisions as of Mordad 1399 / August 2020):
 *
 *   export PATH=$PWD/node_modules/.bin:$PATH
 *   tsx scripts/counties-from-divisions.ts [divisions-dir]     # default ../shared/data/iran-divisions
 *
 * It writes two files, both checked in (do not edit them by hand):
 * - packages/core/src/places/counties-data.ts: `COUNTIES`, one entry per county (`shahrestan.csv`)
 *   with its Statistical Centre code as four digits (province two, county two: `'1305'`, Markazi's
 *   `'0002'`; the CSV writes codes as numbers, `2` and `301`, so they are zero-padded), its ISO
 *   3166-2:IR province, its Persian name as the catalogue spells it (ي/ك written ی/ک) and how many
 *   rural districts (`dehestan.csv`) the catalogue lists for it; sorted by province code, then by
 *   name in Persian collation. Its header carries the data's MIT notice, so a bundle that keeps
 *   legal comments (`/*!`) keeps it too.
 * - packages/core/src/places/COUNTIES-LICENSE: the data set's name, author, release and date with
 *   its LICENSE text, shipped with the source (nothing imports it).
 *
 * It fails, writing nothing, when the data does not fit: a province code missing from
 * provinces.ts, a province without counties, a county code that does not start with its
 * province's number, a duplicate code, two counties of one province with the same name key
 * (matchCounty could not tell them apart), a rural district of an unknown county or outside
 * its county's code, a name that normalization would change, or a CSV that is not the
 * expected plain comma-separated table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVINCES, type ProvinceCode } from '../packages/core/src/places/provinces.ts';
import { nameKey } from '../packages/core/src/text/name-key.ts';
import { normalizePersianText } from '../packages/core/src/text/persian.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIR = process.argv[2] ?? join(ROOT, '..', 'shared', 'data', 'iran-divisions');
const PLACES_DIR = join(ROOT, 'packages', 'core', 'src', 'places');
const DATA_FILE = join(PLACES_DIR, 'counties-data.ts');
const LICENSE_FILE = join(PLACES_DIR, 'COUNTIES-LICENSE');

/** What the README of the data says it is; checked against it, so new data cannot ship under an old attribution. */
const DATA_SET = {
  name: 'iran-cities',
  release: '3.0',
  author: 'Ahmad Azizi',
  date: 'Mordad 1399 (August 2020)',
};

function fail(message: string): never {
  console.error(`counties-from-divisions: ${message}`);
  process.exit(1);
}

/** A plain CSV (no quotes, no commas inside fields) as records keyed by the header's column names. */
function readCsv(file: string, columns: string[]): Record<string, string>[] {
  const text = readFileSync(join(SOURCE_DIR, file), 'utf8').replace(/^\ufeff/, '');
  if (/["\r]/.test(text)) fail(`${file} has quotes or CR line ends; this reader takes plain LF CSV only`);
  const [header, ...lines] = text.replace(/\n+$/, '').split('\n');
  const names = header!.split(',');
  for (const column of columns) if (!names.includes(column)) fail(`${file} has no column ${column} (header: ${header})`);
  return lines.map((line, i) => {
    const fields = line.split(',');
    if (fields.length !== names.length) fail(`${file} line ${i + 2} has ${fields.length} fields, the header ${names.length}`);
    return Object.fromEntries(names.map((name, j) => [name, fields[j]!.trim()]));
  });
}

/** A Statistical Centre code written as a number in the CSV, back to its fixed width. */
function code(value: string, width: number, where: string): string {
  if (!/^\d+$/.test(value) || value.length > width) fail(`${where}: amar_code ${JSON.stringify(value)} is not a number of at most ${width} digits`);
  return value.padStart(width, '0');
}

const readme = readFileSync(join(SOURCE_DIR, 'README.md'), 'utf8');
const licence = readFileSync(join(SOURCE_DIR, 'LICENSE'), 'utf8').trim();
for (const fact of [`release ${DATA_SET.release}`, DATA_SET.name, DATA_SET.author, DATA_SET.date, 'MIT']) {
  if (!readme.includes(fact)) fail(`README.md does not say "${fact}": update DATA_SET in this script to what the data is`);
}
if (!licence.startsWith('MIT License') || !licence.includes(DATA_SET.author)) fail(`LICENSE is not the MIT licence of ${DATA_SET.author}`);

const knownProvinces = new Set<string>(PROVINCES.map((p) => p.code));
const provinceOf = new Map<string, ProvinceCode>();
for (const row of readCsv('ostan.csv', ['id', 'name', 'amar_code'])) {
  const iso = `IR-${code(row.amar_code!, 2, `ostan ${row.id}`)}`;
  if (!knownProvinces.has(iso)) fail(`province ${row.name} (ostan id ${row.id}) has code ${iso}, which is not in provinces.ts (PROVINCES)`);
  if (provinceOf.has(row.id!)) fail(`ostan id ${row.id} appears twice`);
  provinceOf.set(row.id!, iso as ProvinceCode);
}

interface Row {
  id: string;
  code: string;
  province: ProvinceCode;
  name: string;
  ruralDistricts: number;
}

const counties = new Map<string, Row>();
const codes = new Set<string>();
for (const row of readCsv('shahrestan.csv', ['id', 'name', 'ostan', 'amar_code'])) {
  const where = `shahrestan ${row.id} (${row.name})`;
  const province = provinceOf.get(row.ostan!) ?? fail(`${where}: ostan id ${row.ostan} is not in ostan.csv`);
  const county = code(row.amar_code!, 4, where);
  if (!county.startsWith(province.slice(3))) fail(`${where}: code ${county} does not start with ${province}'s number`);
  if (codes.has(county)) fail(`${where}: code ${county} appears twice`);
  codes.add(county);
  const name = row.name!.replace(/ي/g, 'ی').replace(/ك/g, 'ک');
  if (normalizePersianText(name) !== name) fail(`${where}: the name changes under normalizePersianText (${JSON.stringify(normalizePersianText(name))})`);
  if (counties.has(row.id!)) fail(`${where}: id appears twice`);
  counties.set(row.id!, { id: row.id!, code: county, province, name, ruralDistricts: 0 });
}

for (const row of readCsv('dehestan.csv', ['id', 'name', 'shahrestan', 'amar_code'])) {
  const where = `dehestan ${row.id} (${row.name})`;
  const county = counties.get(row.shahrestan!) ?? fail(`${where}: shahrestan id ${row.shahrestan} is not in shahrestan.csv`);
  if (!code(row.amar_code!, 10, where).startsWith(county.code)) fail(`${where}: code ${row.amar_code} is not inside its county ${county.code}`);
  county.ruralDistricts++;
}

const collator = new Intl.Collator('fa');
const rows = [...counties.values()].sort((a, b) => a.province.localeCompare(b.province) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code));

for (const province of PROVINCES) {
  const own = rows.filter((r) => r.province === province.code);
  if (own.length === 0) fail(`${province.code} (${province.fa}) has no county in the catalogue`);
  const byKey = new Map<string, Row>();
  for (const r of own) {
    const twin = byKey.get(nameKey(r.name));
    if (twin) fail(`${province.code}: ${twin.name} (${twin.code}) and ${r.name} (${r.code}) share the name key ${nameKey(r.name)}`);
    byKey.set(nameKey(r.name), r);
  }
}

const attribution = [
  `Iran's counties and their rural districts: the "${DATA_SET.name}" data set, release ${DATA_SET.release},`,
  `by ${DATA_SET.author}, built from the Statistical Centre of Iran's official divisions`,
  `as of ${DATA_SET.date}; received as the CSV files of iran-divisions. MIT License.`,
];

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const data = [
  '/*!',
  ' * Generated by scripts/counties-from-divisions.ts; do not edit by hand (see the script to',
  ' * regenerate). The licence and attribution of the data: COUNTIES-LICENSE, next to this file.',
  ' *',
  ...attribution.map((line) => ` * ${line}`),
  ' *',
  ...licence.split('\n').map((line) => ` * ${line}`.trimEnd()),
  ' */',
  "import type { County } from './counties.ts';",
  '',
  `/** Iran's ${rows.length} counties, by province code and then by Persian name. */`,
  'export const COUNTIES: readonly County[] = [',
  ...rows.map((r) => `  { code: ${quote(r.code)}, province: ${quote(r.province)}, name: ${quote(r.name)}, ruralDistricts: ${r.ruralDistricts} },`),
  '];',
  '',
].join('\n');

const licenceFile = [...attribution, '', 'Shipped with packages/core/src/places/counties-data.ts, which is derived from it.', '', licence, ''].join('\n');

writeFileSync(DATA_FILE, data);
writeFileSync(LICENSE_FILE, licenceFile);
const totalRural = rows.reduce((sum, r) => sum + r.ruralDistricts, 0);
console.log(
  `wrote ${relative(ROOT, DATA_FILE)} (${rows.length} counties in ${new Set(rows.map((r) => r.province)).size} provinces, ${totalRural} rural districts) and ${relative(ROOT, LICENSE_FILE)}`,
);
