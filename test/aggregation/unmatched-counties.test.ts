import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { refreshAggregates, type UnmatchedCounty } from '@abad/core';
import { keys } from '@abad/core/table/keys';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { testStore } from '../support/db.ts';
import { runRefreshSteps } from '@abad/local/refresh-steps';
import { setHandlerEnv } from '@abad/local/handler-env';
import { unique } from '../support/fixtures.ts';

/**
 * The refresh reports records stored before counties had catalogue codes (a free-text
 * `county`, no `countyCode`) whose name matches no county of their province, with how many
 * records carry each name — and leaves those records as they are. Against DynamoDB Local: the
 * legacy items are put straight into the table, as the old write path stored them.
 */
const REPO = new URL('../..', import.meta.url).pathname;
const store = testStore();
const now = new Date().toISOString();
const id = () => `LEGACY${unique('').trim().replace(/\s/g, '')}`;
const DRIVE = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';

const project = (province: string, county: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...keys.project(id()),
  type: 'Project',
  province,
  ...(county === undefined ? {} : { county }),
  programme: unique('مسکن'),
  title: 'بازسازی خانه',
  status: 'in_progress',
  category: 'housing',
  progressPercent: 10,
  budgetToman: 1000,
  loansToman: 0,
  jobsCreated: 0,
  housingUnits: 1,
  beneficiaryHouseholds: 1,
  version: 1,
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const donation = (province: string, county: string, extra: Record<string, unknown> = {}) => ({
  ...keys.donation(id()),
  type: 'Donation',
  driveId: DRIVE,
  province,
  county,
  kind: 'cash',
  amountToman: 5000,
  version: 1,
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const distribution = (province: string, county: string) => ({
  ...keys.distribution(id()),
  type: 'Distribution',
  driveId: DRIVE,
  province,
  county,
  kind: 'food',
  packages: 3,
  households: 3,
  valueToman: 9000,
  version: 1,
  createdAt: now,
  updatedAt: now,
});

/** South Khorasan (IR-29): no other test records there, so what the report says of it is these items alone. */
const items = {
  typo: project('IR-29', 'بیرجندد'),
  typoAgain: donation('IR-29', 'بیرجندد'),
  spaced: distribution('IR-29', 'شهرک نو'),
  zwnj: project('IR-29', 'شهرک‌نو'),
  arabicLetters: donation('IR-29', 'شهرك نو'),
  // Not reported: a name the catalogue knows (in any spelling, by an alias), the whole-province
  // label, no county at all, a record with a code, a voided record, another province's county.
  matched: project('IR-29', 'بيرجند'),
  alias: donation('IR-11', 'چابهار'),
  whole: donation('IR-29', 'کل استان'),
  none: project('IR-29', undefined),
  coded: project('IR-29', 'بیرجند', { countyCode: '2901' }),
  voided: donation('IR-29', 'روستای گمشده', { voidedAt: now, voidReason: 'ثبت تکراری' }),
  elsewhere: project('IR-13', 'بیرجند'),
};

beforeAll(async () => {
  for (const item of Object.values(items)) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: item }));
});

afterAll(async () => {
  for (const item of Object.values(items)) await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: { pk: item.pk, sk: item.sk } }));
});

const ofProvince = (list: UnmatchedCounty[], province: string) => list.filter((u) => u.province === province);

describe('the refresh reports county names that match no catalogue county', () => {
  it('per province, each distinct name (by name key) once, with its records and the nearest catalogue names', async () => {
    const report = await refreshAggregates(store, { quietMs: 24 * 3600_000 });
    expect(ofProvince(report.unmatchedCounties, 'IR-29')).toEqual([
      // Most records first. Of the spellings sharing a name key, the first in code-point order: Arabic ك (U+0643) before ک.
      { province: 'IR-29', county: 'شهرك نو', records: 3, suggestions: [] },
      { province: 'IR-29', county: 'بیرجندد', records: 2, suggestions: ['بیرجند'] },
    ]);
    // Bīrjand is a county of South Khorasan, not of Hamadan: there it matches nothing.
    expect(ofProvince(report.unmatchedCounties, 'IR-13')).toContainEqual({ province: 'IR-13', county: 'بیرجند', records: 1, suggestions: [] });
    expect(report.unmatchedCounties.some((u) => u.county === 'چابهار' || u.county === 'کل استان' || u.county === 'روستای گمشده')).toBe(false);
  });

  it('never rewrites the records it reports', async () => {
    await refreshAggregates(store, { quietMs: 24 * 3600_000 });
    for (const [name, item] of Object.entries(items)) {
      const stored = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }))).Item;
      expect(stored, name).toEqual(item);
    }
  });

  it('is logged by the scheduled refresh: one warning per name, and their count in its summary', async () => {
    setHandlerEnv({ tableName: inject('tableName'), dynamoDbEndpoint: inject('dynamoDbEndpoint'), cursorSecret: 'test' });
    const { handler } = await import('../../packages/functions/src/cron/refresh.ts');
    const { logger } = await import('../../packages/functions/src/shared/logger.ts');
    const warn = vi.spyOn(logger, 'warn');
    const info = vi.spyOn(logger, 'info');
    let report: Awaited<ReturnType<typeof runRefreshSteps>>;
    let logs: Record<string, unknown>[];
    try {
      // The state machine's steps (plan, the parts, merge) through the handler, as `npm start` runs them.
      report = await runRefreshSteps(handler, { quietSeconds: 86_400 });
      logs = [...warn.mock.calls, ...info.mock.calls].map(([message, fields]) => ({ message, ...(fields as object) }));
    } finally {
      warn.mockRestore();
      info.mockRestore();
    }
    const warnings = logs.filter((l) => l.message === 'county matches no catalogue county' && l.province === 'IR-29');
    expect(warnings).toEqual([
      { message: 'county matches no catalogue county', province: 'IR-29', county: 'شهرك نو', records: 3, suggestions: [] },
      { message: 'county matches no catalogue county', province: 'IR-29', county: 'بیرجندد', records: 2, suggestions: ['بیرجند'] },
    ]);
    const summary = logs.find((l) => l.message === 'refresh done')!;
    expect(summary.unmatchedCounties).toBe(report.unmatchedCounties.length);
    expect(summary.unmatchedCounties).toBeGreaterThanOrEqual(2);
  });

  it('is in the report of the scheduled refresh (npm run refresh -- --json runs its handler)', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'refresh', '--', '--quiet-seconds', '86400', '--json'], {
      cwd: REPO,
      env: { ...process.env, ABAD_DATA_DIR: inject('dataDir'), TABLE_NAME: inject('tableName') },
    });
    const report = JSON.parse(stdout);
    expect(ofProvince(report.unmatchedCounties, 'IR-29')).toEqual([
      { province: 'IR-29', county: 'شهرك نو', records: 3, suggestions: [] },
      { province: 'IR-29', county: 'بیرجندد', records: 2, suggestions: ['بیرجند'] },
    ]);
    // The readable report says it too, with the nearest catalogue name.
    const readable = await promisify(execFile)('npm', ['run', '-s', 'refresh', '--', '--quiet-seconds', '86400'], {
      cwd: REPO,
      env: { ...process.env, ABAD_DATA_DIR: inject('dataDir'), TABLE_NAME: inject('tableName') },
    });
    expect(readable.stdout).toMatch(/county names outside the catalogue/);
    expect(readable.stdout).toContain('county «بیرجندد» in IR-29 is not in the catalogue (2 records, counted for the province only; nearest: بیرجند)');
  });
});
