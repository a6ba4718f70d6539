import type { ProvinceCode, Role } from '@abad/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { createDrive, distributionBody, donationBody, projectBody } from '../support/fixtures.ts';

/**
 * Every role, acting in its own province and in another, against every write endpoint. The
 * principal's provinces are always [IR-13]; "other" targets IR-19. A refused write leaves
 * the data as it was.
 */
const ROLES: Role[] = ['admin', 'editor', 'operator', 'viewer'];
const OWN: ProvinceCode = 'IR-13';
const OTHER: ProvinceCode = 'IR-19';

interface Endpoint {
  name: string;
  allowed: Role[];
  /** Performs the write in `province`; returns the status and a check that nothing changed when refused. */
  attempt: (token: string, province: ProvinceCode) => Promise<{ status: number; unchanged: () => Promise<boolean> }>;
}

let admin: string;
const drives: Partial<Record<ProvinceCode, string>> = {};

async function newProject(province: ProvinceCode) {
  const { body } = await api('/projects', { token: admin, body: projectBody(province) });
  return body as { id: string; version: number; jobsCreated: number };
}

const endpoints: Endpoint[] = [
  {
    name: 'POST /projects',
    allowed: ['admin', 'editor'],
    attempt: async (token, province) => {
      const body = projectBody(province);
      const r = await api('/projects', { token, body });
      const unchanged = async () => (await api(`/projects?${new URLSearchParams({ programme: body.programme })}`)).body.items.length === 0;
      return { status: r.status, unchanged };
    },
  },
  {
    name: 'PATCH /projects/{id}',
    allowed: ['admin', 'editor'],
    attempt: async (token, province) => {
      const project = await newProject(province);
      const r = await api(`/projects/${project.id}`, { method: 'PATCH', token, body: { jobsCreated: 99 }, headers: { 'if-match': '"1"' } });
      return { status: r.status, unchanged: async () => (await api(`/projects/${project.id}`)).body.version === 1 };
    },
  },
  {
    name: 'POST /projects/{id}/progress',
    allowed: ['admin', 'editor'],
    attempt: async (token, province) => {
      const project = await newProject(province);
      const r = await api(`/projects/${project.id}/progress`, { token, body: { progressPercent: 50 } });
      return { status: r.status, unchanged: async () => (await api(`/projects/${project.id}/progress`)).body.items.length === 0 };
    },
  },
  {
    name: 'DELETE /projects/{id}',
    allowed: ['admin'],
    attempt: async (token, province) => {
      const project = await newProject(province);
      const r = await api(`/projects/${project.id}`, { method: 'DELETE', token });
      return { status: r.status, unchanged: async () => (await api(`/projects/${project.id}`)).status === 200 };
    },
  },
  {
    name: 'POST /drives',
    allowed: ['admin'],
    attempt: async (token, province) => {
      const name = `پویش ${Math.random()}`;
      const r = await api('/drives', { token, body: { name, province, startDate: '2026-01-01' } });
      return { status: r.status, unchanged: async () => !(await api('/drives?limit=100')).body.items.some((d: { name: string }) => d.name === name) };
    },
  },
  {
    name: 'PATCH /drives/{id}',
    allowed: ['admin'],
    attempt: async (token, province) => {
      const id = await createDrive(province);
      const r = await api(`/drives/${id}`, { method: 'PATCH', token, body: { phase: 'مرحلهٔ دوم' }, headers: { 'if-match': '"1"' } });
      return { status: r.status, unchanged: async () => (await api(`/drives/${id}`)).body.version === 1 };
    },
  },
  {
    name: 'POST /donations',
    allowed: ['admin', 'editor', 'operator'],
    attempt: async (token, province) => {
      const r = await api('/donations', { token, body: donationBody(drives[province]!, province) });
      const list = async () => (await api(`/donations?drive=${drives[province]}&limit=100`, { token: admin })).body.items.length;
      const before = r.status === 201 ? (await list()) - 1 : await list();
      return { status: r.status, unchanged: async () => (await list()) === before };
    },
  },
  {
    name: 'POST /distributions',
    allowed: ['admin', 'editor', 'operator'],
    attempt: async (token, province) => {
      const r = await api('/distributions', { token, body: distributionBody(drives[province]!, province) });
      const list = async () => (await api(`/distributions?drive=${drives[province]}&limit=100`, { token: admin })).body.items.length;
      const before = r.status === 201 ? (await list()) - 1 : await list();
      return { status: r.status, unchanged: async () => (await list()) === before };
    },
  },
];

describe('authorization matrix: role × own/other province × write endpoint', () => {
  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
    drives[OWN] = await createDrive(OWN);
    drives[OTHER] = await createDrive(OTHER);
  });

  for (const endpoint of endpoints) {
    for (const role of ROLES) {
      for (const [where, province] of [
        ['own', OWN],
        ['other', OTHER],
      ] as const) {
        const allowed = endpoint.allowed.includes(role) && where === 'own';
        it(`${endpoint.name} by ${role} in ${where} province → ${allowed ? 'allowed' : '403'}`, async () => {
          const token = await tokenFor(role, [OWN]);
          const { status, unchanged } = await endpoint.attempt(token, province);
          if (allowed) {
            expect(status).toBeGreaterThanOrEqual(200);
            expect(status).toBeLessThan(300);
          } else {
            expect(status).toBe(403);
            expect(await unchanged()).toBe(true);
          }
        });
      }
    }
  }

  it('no token or a forged one is 401 on every write endpoint', async () => {
    const forged = (await tokenFor('admin', '*')).replace(/\.[^.]+$/, '.AAAA');
    for (const [method, path] of [
      ['POST', '/projects'],
      ['PATCH', '/projects/x'],
      ['DELETE', '/projects/x'],
      ['POST', '/drives'],
      ['POST', '/donations'],
      ['POST', '/distributions'],
      ['GET', '/donations'],
    ]) {
      expect((await api(path!, { method, body: method === 'POST' || method === 'PATCH' ? {} : undefined })).status, `${method} ${path}`).toBe(401);
      expect(
        (await api(path!, { method, token: forged, body: method === 'POST' || method === 'PATCH' ? {} : undefined })).status,
        `${method} ${path} forged`,
      ).toBe(401);
    }
  });

  it('a national drive needs an admin of all provinces', async () => {
    const provincial = await tokenFor('admin', [OWN]);
    expect((await api('/drives', { token: provincial, body: { name: 'پویش ملی', startDate: '2026-01-01' } })).status).toBe(403);
    expect((await api('/drives', { token: admin, body: { name: 'پویش ملی', startDate: '2026-01-01' } })).status).toBe(201);
  });
});

/**
 * A project's move is a write in two provinces: the one it leaves and the one it enters. The
 * caller must be allowed in both (and `IR`, the country, needs `*`); a refused move writes
 * nothing, and an allowed one moves the project's figures from one province to the other.
 */
describe('authorization matrix: moving a project between provinces', () => {
  type Place = ProvinceCode | 'IR';
  const patchProvince = (token: string, id: string, province: Place) =>
    api(`/projects/${id}`, { method: 'PATCH', token, body: { province }, headers: { 'if-match': '"1"' } });
  const project = async (id: string) => (await api(`/projects/${id}`)).body as { province: Place; version: number };
  const projectFigures = async (code: Place) => (await api(`/provinces/${code}`)).body.projects as { total: number; budgetToman: string };
  /** Longer than the API's one-second memory of the figures and the aggregator's lag: earlier writes have landed. */
  const settle = () => new Promise((r) => setTimeout(r, 1_500));

  /** Moves a new project of `from` into `to` as `token`, and checks the figures of both follow. */
  async function moveAndFollow(token: string, from: ProvinceCode, to: Place) {
    const budget = 7_000_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    const created = await api('/projects', { token: admin, body: projectBody(from, { budgetToman: String(budget) }) });
    expect(created.status).toBe(201);
    await settle();
    const before = { from: await projectFigures(from), to: await projectFigures(to) };
    const moved = await patchProvince(token, created.body.id, to);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ province: to, version: 2 });
    const delta = (now: { total: number; budgetToman: string }, then: { total: number; budgetToman: string }) => ({
      total: now.total - then.total,
      budgetToman: BigInt(now.budgetToman) - BigInt(then.budgetToman),
    });
    const after = await eventually(
      async () => ({ from: await projectFigures(from), to: await projectFigures(to) }),
      (a) => delta(a.from, before.from).total === -1 && delta(a.to, before.to).total === 1,
      10_000,
    );
    expect(delta(after.from, before.from)).toEqual({ total: -1, budgetToman: -budget });
    expect(delta(after.to, before.to)).toEqual({ total: 1, budgetToman: budget });
  }

  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
  });

  it('an editor of IR-13 may not move a project of IR-13 into IR-19, nor one of IR-19 into IR-13: 403, nothing written', async () => {
    const editor = await tokenFor('editor', [OWN]);
    for (const [from, to] of [
      [OWN, OTHER],
      [OTHER, OWN],
    ] as const) {
      const { id } = await newProject(from);
      const refused = await patchProvince(editor, id, to);
      expect(refused.status, `${from} → ${to}`).toBe(403);
      expect(await project(id), `${from} → ${to}`).toMatchObject({ province: from, version: 1 });
    }
  });

  it('an editor of both may, and the figures of both provinces follow the move', async () => {
    await moveAndFollow(await tokenFor('editor', [OWN, OTHER]), OWN, OTHER);
  });

  it('into the country (IR) only with *: an editor of both provinces may not, an editor of * may', async () => {
    const { id } = await newProject(OWN);
    expect((await patchProvince(await tokenFor('editor', [OWN, OTHER]), id, 'IR')).status).toBe(403);
    expect(await project(id)).toMatchObject({ province: OWN, version: 1 });
    await moveAndFollow(await tokenFor('editor', '*'), OWN, 'IR');
  });
});
