import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentClient, type Store } from '@abad/core';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { demoDataSet } from '@abad/local/demo/dataset';
import { expectedCounts, waitForFigures } from '@abad/local/demo/figures';
import { loadDemo, readDemoMarker } from '@abad/local/demo/load';
import { writeDataSet } from '@abad/local/demo/write';
import { loadIssuer } from '@abad/local/issuer';
import { REPO_ROOT } from '@abad/local/paths';
import { runningStack } from '@abad/local/runtime-file';

/**
 * `npm run demo`: the stack as `npm start` runs it, on a data folder of its own, with the demo
 * data set loaded when the table is empty. Run as a user runs it (the npm script, in a child
 * process, on a free port and a temporary ABAD_DEMO_DIR), then read through the real HTTP API.
 * A table that holds data is left alone; writing the data set again (as a load cut short and
 * taken up again does) adds nothing.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'abad-demo-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
});

interface Demo {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm run -s demo` in its own process group (so Ctrl-C reaches npm, tsx and node alike), until it says it is ready. */
async function startDemo(): Promise<Demo> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ABAD_DEMO_DIR: dataDir,
    PORT: '0',
    REFRESH_INTERVAL_SECONDS: '0',
    TABLE_NAME: 'abad-demo-test',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  // What the test worker's own stack may have set must not leak into the demo's.
  for (const name of ['ABAD_DATA_DIR', 'DYNAMODB_PORT', 'DYNAMODB_ENDPOINT', 'HOST', 'CURSOR_SECRET']) delete env[name];
  const child = spawn('npm', ['run', '-s', 'demo'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const ready = /Demo ready: (http:\/\/localhost:\d+)\//.exec(output);
      if (ready) {
        clearInterval(timer);
        resolve(ready[1]!);
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm run demo exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Ctrl-C to the demo's process group, as a terminal sends it; it stops DynamoDB Local on the way out. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

async function get<T>(url: string, path: string, token?: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** What the test reads of the API's answers. */
interface Figures {
  projects: { total: number; budgetToman: string; byStatus: Record<string, number>; nearCompletion: number; averageProgressPercent: number };
  outputs: Record<string, { target: number; actual: number; planned: number }>;
  donations: { count: number; totalToman: string; cashToman: string; inKindToman: string };
  distributions: { count: number; byKind: Record<string, { count: number }> };
}
type PlaceFigures = Figures & { province: { code: string } };
type Page<T> = { items: T[] };
interface Report {
  reportedAt: string;
  note?: string;
}

/** The figures every page reads, without the time of the last change. */
async function figures(url: string) {
  const body = await get<{ provinces: PlaceFigures[]; country: PlaceFigures; national: Figures }>(url, '/provinces');
  const strip = <T extends object>(figures: T): T => {
    const { updatedAt: _u, updatedAtJalali: _j, ...rest } = figures as T & { updatedAt?: unknown; updatedAtJalali?: unknown };
    return rest as T;
  };
  return { provinces: body.provinces.map(strip), country: strip(body.country), national: strip(body.national) };
}

describe('npm run demo', { timeout: 420_000 }, () => {
  let first: Awaited<ReturnType<typeof figures>>;

  it('starts the stack on its own folder and loads a year of demo records, read back through the API', async () => {
    const started = Date.now();
    const demo = await startDemo();
    const seconds = (Date.now() - started) / 1000;
    const out = demo.output();
    expect(out).toContain('Abad is running');
    expect(out).toMatch(/Demo data loaded in [\d.]+ s/);
    expect(out).toContain(`Demo ready: ${demo.url}/`);
    expect(out).toContain('ABAD_DATA_DIR=');
    const summary = out.split('\n').filter((l) => /Demo data|projects with|donations \(/.test(l));
    console.log(`npm run demo: ready after ${seconds.toFixed(1)} s\n${summary.join('\n')}`);
    const { url } = demo;

    // The data set as written: recomputed from the anchor day the load kept in demo.json.
    const marker = readDemoMarker(dataDir)!;
    expect(marker).toMatchObject({ complete: true });
    const data = demoDataSet(marker.anchor, marker.seed);
    expect(data.projects.length).toBeGreaterThanOrEqual(150);
    expect(data.projects.length).toBeLessThanOrEqual(300);

    // Every place counts exactly what was written; six provinces or more have projects, budgets, donations and distributions.
    first = await figures(url);
    const expected = expectedCounts(data);
    for (const place of [...first.provinces, first.country]) {
      const { code } = place.province;
      const counted = { code, projects: place.projects.total, donations: place.donations.count, distributions: place.distributions.count };
      expect(counted).toEqual({ code, ...expected.get(code) });
    }
    const active = first.provinces.filter(
      (p) =>
        p.projects.total > 0 &&
        BigInt(p.projects.budgetToman) > 0n &&
        p.donations.count > 0 &&
        BigInt(p.donations.totalToman) > 0n &&
        p.distributions.count > 0,
    );
    expect(active.length).toBeGreaterThanOrEqual(6);
    const { national } = first;
    expect(national.projects.byStatus.completed! + national.projects.byStatus.operational!).toBeGreaterThan(10);
    expect(national.projects.byStatus.suspended).toBeGreaterThan(3);
    expect(national.projects.nearCompletion).toBeGreaterThan(5);
    expect(national.donations.cashToman).not.toBe('0');
    expect(national.donations.inKindToman).not.toBe('0');
    expect(Object.values(national.distributions.byKind).filter((k) => k.count > 0).length).toBeGreaterThanOrEqual(5);
    expect(first.country.projects.total).toBeGreaterThanOrEqual(1); // a national (IR) project

    // Counties of the catalogue carry the records.
    const counties = await get<{ counties: Figures[] }>(url, '/provinces/IR-13/counties');
    expect(counties.counties.filter((c) => c.projects.total > 0).length).toBeGreaterThanOrEqual(3);

    // Drives with their figures: one finished, one running.
    const drives = (await get<Page<{ id: string; name: string; endDate?: string }>>(url, '/drives')).items;
    expect(drives.length).toBeGreaterThanOrEqual(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(drives.some((d) => d.endDate && d.endDate < today)).toBe(true);
    expect(drives.some((d) => !d.endDate || d.endDate >= today)).toBe(true);
    for (const drive of drives) {
      const { figures } = await get<{ figures: Figures }>(url, `/drives/${drive.id}`);
      expect(figures.donations.count, drive.name).toBeGreaterThan(0);
      expect(figures.distributions.count, drive.name).toBeGreaterThan(0);
    }

    // Partners, some under a parent, with their work per province.
    const partners = (await get<Page<{ id: string; parent?: string }>>(url, '/partners?limit=100')).items;
    expect(partners.length).toBeGreaterThanOrEqual(8);
    expect(partners.filter((p) => p.parent).length).toBeGreaterThanOrEqual(2);
    const withWork = await Promise.all(partners.map((p) => get<{ provinces: Figures[] }>(url, `/partners/${p.id}`)));
    expect(withWork.filter((p) => p.provinces.some((f) => f.projects.total > 0)).length).toBeGreaterThanOrEqual(5);

    // Programmes: what the plans set out against what the projects did.
    const programmes = (await get<Page<Figures>>(url, '/programmes')).items;
    expect(programmes.length).toBeGreaterThanOrEqual(5);
    const measured = programmes.filter((p) => Object.values(p.outputs).some((o) => o.planned > 0 && o.actual > 0));
    expect(measured.length).toBeGreaterThanOrEqual(5);

    // A project with three reports or more over months, with notes in Persian.
    const projects = (await get<Page<{ id: string }>>(url, '/projects?province=IR-13&limit=30')).items;
    let spanning: Report[] | undefined;
    for (const project of projects) {
      const reports = (await get<Page<Report>>(url, `/projects/${project.id}/progress?limit=20`)).items;
      const times = reports.map((r) => Date.parse(r.reportedAt));
      if (reports.length >= 3 && Math.max(...times) - Math.min(...times) > 60 * 86_400_000) {
        spanning = reports;
        break;
      }
    }
    expect(spanning).toBeDefined();
    expect(spanning!.some((r) => /[\u0600-\u06ff]/.test(r.note ?? ''))).toBe(true);
    expect(spanning!.every((r) => Date.parse(r.reportedAt) <= Date.now())).toBe(true);

    // A year of trend: weekly points recounted as of their day, then today's from the refresh.
    const history = (await get<{ points: (Figures & { date: string })[] }>(url, '/provinces/IR-13/history')).points;
    expect(history.length).toBeGreaterThanOrEqual(10);
    const latest = history.at(-1)!;
    expect(latest.date).toBe(today);
    expect(history[0]!.projects.total).toBeLessThan(latest.projects.total);
    expect(latest.projects.total).toBe(first.provinces.find((p) => p.province.code === 'IR-13')!.projects.total);
    expect(new Set(history.map((p) => p.projects.averageProgressPercent)).size).toBeGreaterThan(5);

    // Donors are made up: names that say so, phones of the 0912000xxxx block (an admin of the demo's issuer reads them).
    const token = await (await loadIssuer(dataDir, url)).mintToken({ subject: 'demo-test', role: 'admin', provinces: '*' });
    const donations = (await get<Page<{ donor?: { name?: string; phone?: string } }>>(url, '/donations?province=IR-23&limit=100', token)).items;
    expect(donations.length).toBeGreaterThan(20);
    for (const d of donations) if (d.donor?.phone) expect(d.donor.phone).toMatch(/^\+98912000\d{4}$/);
    expect(donations.some((d) => /نمونه|فرضی|آزمایشی/.test(d.donor?.name ?? ''))).toBe(true);

    await stop(demo.child);
  });

  it('leaves a table that holds data alone, and writing the data set again adds nothing', async () => {
    const demo = await startDemo();
    expect(demo.output()).toMatch(/already holds data/);
    expect(demo.output()).not.toMatch(/Loading the demo data set/);
    expect(await figures(demo.url)).toEqual(first);

    const runtime = runningStack(dataDir)!;
    const store: Store = {
      doc: createDocumentClient(localDynamoDbClientConfig(runtime.dynamoDbEndpoint)),
      tableName: runtime.tableName,
      cursorSecret: 'unused',
      now: () => new Date(),
    };
    const marker = readDemoMarker(dataDir)!;
    expect(await loadDemo({ store, url: demo.url, dataDir })).toMatchObject({ outcome: 'skipped', anchor: marker.anchor });

    // What a load cut short does when taken up again (demo.json not complete): every write again,
    // answered as a replay by its idempotency key. A slice of each kind, the cancelled projects and
    // the voided duplicates included, keeps it quick.
    const data = demoDataSet(marker.anchor, marker.seed);
    const voided = new Set(data.voids.map((v) => v.body.donation));
    const slice = {
      ...data,
      projects: [...data.projects.filter((p) => p.ending === 'cancelled'), ...data.projects.filter((p) => p.ending !== 'cancelled').slice(0, 6)],
      donations: [...data.donations.slice(0, 10), ...data.donations.filter((d) => voided.has(d.id))],
      distributions: data.distributions.slice(0, 10),
    };
    expect(slice.projects.some((p) => p.ending === 'cancelled')).toBe(true);
    await writeDataSet(store, slice);
    await waitForFigures(store, demo.url, data);
    expect(await figures(demo.url)).toEqual(first);
    await stop(demo.child);
  });
});
