import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { scopes } from '@abad/core/aggregation/scopes';
import { keys } from '@abad/core/table/keys';
import { describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testStore } from '../support/db.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';

/**
 * End to end over HTTP: writes through the API, the stream poller and the aggregator, reads
 * through the public figures. The table is shared with other files, so every check compares
 * against the figures read just before.
 */
const REPO = new URL('../..', import.meta.url).pathname;

const province = async (code: string) => (await api(`/provinces/${code}`)).body;

describe('live province figures', () => {
  it('a donation shows in its province, county and drive within 2 seconds', async () => {
    const drive = await createDrive();
    const before = await province('IR-13');
    const operator = await tokenFor('operator', ['IR-13']);
    const started = Date.now();
    expect((await api('/donations', { token: operator, body: donationBody(drive, 'IR-13', { amountToman: '۲٬۵۰۰٬۰۰۰' }) })).status).toBe(201);
    const inHamadan = (p: { counties: { county: string; donations: { count: number } }[] }) =>
      p.counties.find((c) => c.county === 'همدان')?.donations.count ?? 0;
    const after = await eventually(
      () => province('IR-13'),
      (p) => p.donations.count === before.donations.count + 1 && inHamadan(p) === inHamadan(before) + 1,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(BigInt(after.donations.cashToman) - BigInt(before.donations.cashToman)).toBe(2_500_000n);
    expect(BigInt(after.donations.totalToman)).toBe(BigInt(after.donations.cashToman) + BigInt(after.donations.inKindToman));
    expect(inHamadan(after)).toBe(inHamadan(before) + 1);
    const driveRead = await eventually(
      () => api(`/drives/${drive}`),
      (r) => r.body.figures.donations.count === 1,
    );
    expect(driveRead.body.figures.donations).toMatchObject({ count: 1, cashToman: '2500000' });
  });

  it('a project moved to another province leaves both right, and cancelled counts only as cancelled', async () => {
    const editor = await tokenFor('editor', ['IR-24', 'IR-30']);
    const [a0, b0] = [await province('IR-24'), await province('IR-30')];
    const { body: project } = await api('/projects', {
      token: editor,
      body: projectBody('IR-24', { budgetToman: '1,000', jobsCreated: 7, progressPercent: 80, status: 'in_progress' }),
    });
    const a1 = await eventually(
      () => province('IR-24'),
      (p) => p.projects.total === a0.projects.total + 1,
    );
    expect(a1.projects).toMatchObject({ nearCompletion: a0.projects.nearCompletion + 1, jobsCreated: a0.projects.jobsCreated + 7 });

    const moved = await api(`/projects/${project.id}`, {
      method: 'PATCH',
      token: editor,
      body: { province: 'IR-30', county: 'کرج' },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    // The province and its county are separate aggregates (and counties are listed through an index): wait for both.
    const inKaraj = (p: { counties: { county: string; projects: { total: number } }[] }) => p.counties.find((c) => c.county === 'کرج')?.projects.total ?? 0;
    const b2 = await eventually(
      () => province('IR-30'),
      (p) => p.projects.total === b0.projects.total + 1 && inKaraj(p) === inKaraj(b0) + 1,
    );
    const a2 = await province('IR-24');
    expect(a2.projects.total).toBe(a0.projects.total);
    expect(a2.projects.budgetToman).toBe(a0.projects.budgetToman);
    expect(BigInt(b2.projects.budgetToman) - BigInt(b0.projects.budgetToman)).toBe(1000n);
    expect(inKaraj(b2)).toBe(inKaraj(b0) + 1);

    await api(`/projects/${project.id}`, { method: 'PATCH', token: editor, body: { status: 'cancelled' }, headers: { 'if-match': '"2"' } });
    const b3 = await eventually(
      () => province('IR-30'),
      (p) => p.projects.byStatus.cancelled === b0.projects.byStatus.cancelled + 1,
    );
    expect(b3.projects).toMatchObject({
      total: b0.projects.total,
      budgetToman: b0.projects.budgetToman,
      jobsCreated: b0.projects.jobsCreated,
      nearCompletion: b0.projects.nearCompletion,
    });
  });

  it('GET /provinces gives all 31, the country (IR), and a national total that is their sum', async () => {
    const { status, body } = await api('/provinces');
    expect(status).toBe(200);
    expect(body.provinces).toHaveLength(31);
    expect(body.country.province.code).toBe('IR');
    const sum = (f: (p: any) => number | string) => [...body.provinces, body.country].reduce((s: bigint, p: unknown) => s + BigInt(f(p)), 0n);
    expect(BigInt(body.national.projects.total)).toBe(sum((p) => p.projects.total));
    expect(BigInt(body.national.projects.loansToman)).toBe(sum((p) => p.projects.loansToman));
    expect(BigInt(body.national.donations.count)).toBe(sum((p) => p.donations.count));
    expect(JSON.stringify(body)).not.toMatch(/\+98|phone|donor/);
  });

  it('an unknown province is 404 (a path that names nothing), problem+json', async () => {
    const response = await api('/provinces/IR-99');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a corrupted aggregate is repaired by `npm run refresh` and reported; history gets a snapshot', async () => {
    const editor = await tokenFor('editor', ['IR-16']);
    const before = await province('IR-16');
    await api('/projects', { token: editor, body: projectBody('IR-16') });
    const counted = await eventually(
      () => province('IR-16'),
      (p) => p.projects.total === before.projects.total + 1,
    );
    const truth = counted.projects.total;

    const store = testStore();
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.aggregate(scopes.province('IR-16')),
        UpdateExpression: 'SET #c = :wrong',
        ExpressionAttributeNames: { '#c': 'c#projects' },
        ExpressionAttributeValues: { ':wrong': 999 },
      }),
    );
    // The API answers figures it read in the last second (packages/functions/src/http/public-figures.ts).
    expect(
      (
        await eventually(
          () => province('IR-16'),
          (p) => p.projects.total === 999,
        )
      ).projects.total,
    ).toBe(999);

    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'refresh', '--', '--quiet-seconds', '0', '--json'], {
      cwd: REPO,
      env: { ...process.env, ABAD_DATA_DIR: inject('dataDir'), TABLE_NAME: inject('tableName') },
    });
    const report = JSON.parse(stdout);
    const drift = report.drift.find((d: { scope: string }) => d.scope === 'PROVINCE#IR-16');
    expect(drift).toMatchObject({ repaired: true, differences: { projects: ['999', String(truth)] } });
    expect(
      (
        await eventually(
          () => province('IR-16'),
          (p) => p.projects.total === truth,
        )
      ).projects.total,
    ).toBe(truth);

    const today = new Date().toISOString().slice(0, 10);
    const history = await api(`/provinces/IR-16/history?from=${today}&to=${today}`);
    expect(history.status).toBe(200);
    expect(history.body.points).toHaveLength(1);
    expect(history.body.points[0].projects.total).toBe(truth);
  });
});
