import { describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { createDrive, projectBody, unique } from '../support/fixtures.ts';

/**
 * What a provincial report says, recorded and read back: outputs in the catalogue's units with
 * targets, programme plans, national scope (IR), the real counties, partners. Over real HTTP,
 * through the stream and the aggregator. The table is shared: each check compares with what
 * was read just before, or uses names no other test uses.
 */
const province = async (code: string) => (await api(`/provinces/${code}`)).body;
const output = (figures: { outputs: Record<string, { target: number; actual: number; planned: number }> }, code: string) =>
  figures.outputs[code] ?? { target: 0, actual: 0, planned: 0 };

describe('the indicator catalogue', () => {
  it('lists every kind of output reports name, each with its unit in Persian and whether it adds up', async () => {
    const { status, body } = await api('/indicators');
    expect(status).toBe(200);
    const byCode = new Map(body.items.map((i: { code: string }) => [i.code, i]));
    for (const code of [
      'housing_units_built',
      'housing_units_repaired',
      'workshops',
      'jobs',
      'schools',
      'classrooms',
      'mosques',
      'health_houses',
      'water_tanks',
      'qanats',
      'villages_supplied_water',
      'rural_road_km',
      'water_pipe_km',
      'green_space_m2',
      'flood_walls_m',
      'body_washing_houses',
      'martyrs_cemeteries',
      'cultural_complexes',
      'sports_venues',
      'beneficiary_households',
    ]) {
      expect(byCode.has(code), code).toBe(true);
    }
    expect(byCode.get('green_space_m2')).toMatchObject({ unit: 'square_metre', unitLabel: { fa: 'متر مربع' }, additive: true, builtIn: true });
    expect(byCode.get('qanats')).toMatchObject({ unitLabel: { fa: 'رشته' } });
    expect(byCode.get('rural_water_coverage_percent')).toMatchObject({ additive: false });
    expect(byCode.get('jobs')).toMatchObject({ field: 'jobsCreated' });
  });

  it('admins add indicators; nobody else may; a code is taken once; the unit cannot change once a figure counts it', async () => {
    const admin = await tokenFor('admin', '*');
    const code = `village_baths_${Date.now().toString(36)}`;
    const body = { code, fa: 'حمام روستایی', en: 'Village baths', unit: 'building' };
    for (const role of ['editor', 'operator', 'viewer'] as const) {
      expect((await api('/indicators', { token: await tokenFor(role, '*'), body })).status, role).toBe(403);
    }
    expect((await api('/indicators', { body })).status).toBe(401);
    expect((await api('/indicators')).body.items.some((i: { code: string }) => i.code === code)).toBe(false);

    const created = await api('/indicators', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, builtIn: false, additive: true, version: 1, unitLabel: { fa: 'باب' } });
    expect((await api('/indicators', { token: admin, body: { ...body, fa: 'دیگر' } })).status).toBe(409);
    expect((await api('/indicators', { token: admin, body: { ...body, code: 'qanats' } })).status).toBe(409);
    expect((await api('/indicators', { token: admin, body: { ...body, code: 'x y' } })).body.errors[0].field).toBe('code');

    // Not yet in use: the unit may change.
    const renamed = await api(`/indicators/${code}`, { method: 'PATCH', token: admin, body: { unit: 'item' }, headers: { 'if-match': '"1"' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.unit).toBe('item');

    const editor = await tokenFor('editor', ['IR-13']);
    expect((await api('/projects', { token: editor, body: projectBody('IR-13', { outputs: [{ indicator: code, actual: 2 }] }) })).status).toBe(201);
    await eventually(
      () => province('IR-13'),
      (p) => output(p, code).actual >= 2,
    );
    const refused = await api(`/indicators/${code}`, { method: 'PATCH', token: admin, body: { unit: 'building' }, headers: { 'if-match': '"2"' } });
    expect(refused.status).toBe(409);
    expect((await api(`/indicators/${code}`, { method: 'PATCH', token: admin, body: { fa: 'حمام عمومی روستا' }, headers: { 'if-match': '"2"' } })).status).toBe(
      200,
    );
  });
});

describe('outputs', () => {
  it('«۴٬۴۸۲ کارگاه، ۶۲ میلیارد تومان تسهیلات، ۹٬۳۰۰ شغل» is one record, and reads back exactly in province, county and programme', async () => {
    const editor = await tokenFor('editor', ['IR-24']);
    const programme = unique('اشتغال روستایی');
    const before = await province('IR-24');
    const recorded = await api('/projects', {
      token: editor,
      body: {
        title: 'کارگاه‌های تولیدی مشاغل خانگی',
        category: 'workshop',
        programme,
        province: 'IR-24',
        county: 'مشكين شهر', // an alias of the catalogue's «مشگین شهر», in Arabic letters
        status: 'operational',
        progressPercent: 100,
        loansToman: '۶۲٬۰۰۰٬۰۰۰٬۰۰۰',
        jobsCreated: '۹٬۳۰۰',
        outputs: [{ indicator: 'workshops', target: '۵٬۰۰۰', actual: '۴٬۴۸۲' }],
      },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      county: 'مشگین شهر',
      countyCode: expect.stringMatching(/^24\d\d$/),
      outputs: [{ indicator: 'workshops', target: 5000, actual: 4482 }],
    });

    const inCounty = (p: { counties: { code: string }[] }) =>
      p.counties.find((c) => c.code === recorded.body.countyCode) as Parameters<typeof output>[0] | undefined;
    const after = await eventually(
      () => province('IR-24'),
      (p) => output(p, 'workshops').actual === output(before, 'workshops').actual + 4482 && output(inCounty(p) ?? { outputs: {} }, 'workshops').actual >= 4482,
    );
    expect(output(after, 'workshops').target - output(before, 'workshops').target).toBe(5000);
    expect(output(after, 'jobs').actual - output(before, 'jobs').actual).toBe(9300);
    expect(BigInt(after.projects.loansToman) - BigInt(before.projects.loansToman)).toBe(62_000_000_000n);
    expect(output(inCounty(after)!, 'workshops').actual).toBeGreaterThanOrEqual(4482);

    const programmeRead = await eventually(
      () => api(`/programmes/${encodeURIComponent(programme)}`),
      (r) => r.status === 200 && output(r.body, 'workshops').actual === 4482,
    );
    expect(programmeRead.body).toMatchObject({ name: programme, outputs: { workshops: { target: 5000, actual: 4482, planned: 0 } } });
    expect(programmeRead.body.provinces).toEqual([expect.objectContaining({ province: expect.objectContaining({ code: 'IR-24' }) })]);
  });

  it('a progress report updates actuals; an unknown indicator, a duplicate or an actual of a fixed counter is a 422 naming the field, and nothing is written', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const project = (await api('/projects', { token: editor, body: projectBody('IR-13', { outputs: [{ indicator: 'water_tanks', target: 220 }] }) })).body;
    const reported = await api(`/projects/${project.id}/progress`, {
      token: editor,
      body: {
        progressPercent: 60,
        outputs: [
          { indicator: 'water_tanks', actual: '۱۳۰' },
          { indicator: 'qanats', actual: 12 },
        ],
      },
    });
    expect(reported.status).toBe(201);
    expect(reported.body.project.outputs).toEqual([
      { indicator: 'water_tanks', target: 220, actual: 130 },
      { indicator: 'qanats', actual: 12 },
    ]);

    const bad = async (outputs: unknown, field: string) => {
      const response = await api('/projects', {
        token: editor,
        body: projectBody('IR-13', { title: unique('نادرست'), outputs }),
        headers: { 'accept-language': 'fa' },
      });
      expect(response.status, JSON.stringify(outputs)).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return response.body.errors.find((e: { field: string }) => e.field === field).message as string;
    };
    expect(await bad([{ indicator: 'no_such_thing', actual: 1 }], 'outputs.0.indicator')).toBe('شاخصی با این کد در فهرست شاخص‌ها نیست');
    await bad(
      [
        { indicator: 'qanats', actual: 1 },
        { indicator: 'qanats', target: 3 },
      ],
      'outputs.1.indicator',
    );
    expect(await bad([{ indicator: 'jobs', actual: 5 }], 'outputs.0.actual')).toContain('«اشتغال ایجادشده»'); // the field, named in Persian
    await bad([{ indicator: 'qanats' }], 'outputs.0.target');
    await bad([{ indicator: 'qanats', actual: -1 }], 'outputs.0.actual');
    const listed = await api(`/projects?province=IR-13&limit=100`);
    expect(listed.body.items.some((p: { title: string }) => p.title.startsWith('نادرست'))).toBe(false);
  });
});

describe('plans and programmes', () => {
  it('«سهم استان همدان از طرح ۴۰ هزار پروژه‌ای: ۱٬۰۴۰ پروژه»: target against actual per programme and province', async () => {
    const admin = await tokenFor('admin', '*');
    const programme = unique('طرح ۴۰ هزار پروژه‌ای');
    const plan = await api('/plans', {
      token: admin,
      body: { programme, province: 'IR-13', indicator: 'projects', target: '۱٬۰۴۰', from: '2026-03-21', to: '2027-03-20' },
    });
    expect(plan.status).toBe(201);
    expect(
      (await api('/plans', { token: admin, body: { programme, province: 'IR', indicator: 'dowry_sets', target: 500, from: '2026-03-21', to: '2027-03-20' } }))
        .status,
    ).toBe(201);
    const editor = await tokenFor('editor', ['IR-13']);
    // The same programme, spelt another way, counts under the plan's name key.
    const spelt = programme.replace('پروژه‌ای', 'پروژه ای').replace('ی', 'ي');
    for (let i = 0; i < 2; i++) expect((await api('/projects', { token: editor, body: projectBody('IR-13', { programme: spelt }) })).status).toBe(201);

    // The programme and the programme in Hamadan are aggregates of their own, each updated as the stream reaches it.
    const inHamadan = (body: { provinces: { province: { code: string }; outputs: Record<string, { target: number; actual: number; planned: number }> }[] }) =>
      body.provinces.find((p) => p.province.code === 'IR-13');
    const read = await eventually(
      () => api(`/programmes/${encodeURIComponent(spelt)}`),
      (r) => r.status === 200 && output(r.body, 'projects').actual === 2 && output(inHamadan(r.body) ?? { outputs: {} }, 'projects').actual === 2,
    );
    expect(read.body.outputs.projects).toEqual({ target: 0, actual: 2, planned: 1040 });
    expect(read.body.outputs.dowry_sets).toEqual({ target: 0, actual: 0, planned: 500 });
    const hamadan = read.body.provinces.find((p: { province: { code: string } }) => p.province.code === 'IR-13');
    expect(hamadan.outputs.projects).toEqual({ target: 0, actual: 2, planned: 1040 });
    expect(read.body.provinces.find((p: { province: { code: string } }) => p.province.code === 'IR').province.fa).toBe('کل کشور');

    // Other URLs, each cached on its own for a second: wait for them too.
    const list = await eventually(
      () => api('/programmes'),
      (r) => r.body.items.some((p: { key: string }) => p.key === read.body.key),
    );
    expect(list.body.items.filter((p: { key: string }) => p.key === read.body.key)).toHaveLength(1);
    const ofPlan = (page: { programmes: { key: string; outputs: Record<string, { target: number; actual: number; planned: number }> }[] }) =>
      page.programmes.find((p) => p.key === read.body.key);
    const page = await eventually(
      () => province('IR-13'),
      (p) => output(ofPlan(p) ?? { outputs: {} }, 'projects').actual === 2,
    );
    expect(ofPlan(page)!.outputs.projects).toEqual({ target: 0, actual: 2, planned: 1040 });
    expect((await api(`/programmes/${encodeURIComponent(unique('برنامهٔ ناموجود'))}`)).status).toBe(404);
  });

  it('only admins of the place set plans; IR needs every province; a percentage is no target; the period ends after it starts', async () => {
    const body = { programme: unique('برنامه'), province: 'IR-13', indicator: 'schools', target: 4, from: '2026-03-21', to: '2027-03-20' };
    expect((await api('/plans', { body })).status).toBe(401);
    for (const role of ['editor', 'operator', 'viewer'] as const)
      expect((await api('/plans', { token: await tokenFor(role, '*'), body })).status, role).toBe(403);
    const hamadanAdmin = await tokenFor('admin', ['IR-13']);
    expect((await api('/plans', { token: hamadanAdmin, body: { ...body, province: 'IR-19' } })).status).toBe(403);
    expect((await api('/plans', { token: hamadanAdmin, body: { ...body, province: 'IR' } })).status).toBe(403);
    expect((await api('/plans', { token: hamadanAdmin, body: { ...body, indicator: 'rural_water_coverage_percent' } })).body.errors[0].field).toBe('indicator');
    expect((await api('/plans', { token: hamadanAdmin, body: { ...body, to: '2026-01-01' } })).body.errors[0].field).toBe('to');
    expect((await api(`/plans?province=IR-13&limit=100`)).body.items.some((p: { programme: string }) => p.programme === body.programme)).toBe(false);
    const made = await api('/plans', { token: hamadanAdmin, body });
    expect(made.status).toBe(201);
    expect(
      (await api(`/plans/${made.body.id}`, { method: 'PATCH', token: hamadanAdmin, body: { target: 5 }, headers: { 'if-match': '"1"' } })).body.target,
    ).toBe(5);
  });
});

describe('national scope', () => {
  it('IR is the place of what belongs to no province: only callers with * record there; /provinces sums the provinces and IR', async () => {
    const nationalEditor = await tokenFor('editor', '*');
    const hamadanEditor = await tokenFor('editor', ['IR-13']);
    const body = projectBody('IR-13', { province: 'IR', county: undefined, housingUnits: '۱۱۰٬۰۰۰', title: 'مسکن محرومان کشور' });
    delete (body as { county?: string }).county;
    expect((await api('/projects', { token: hamadanEditor, body })).status).toBe(403);
    const before = (await api('/provinces')).body;
    const created = await api('/projects', { token: nationalEditor, body });
    expect(created.status).toBe(201);
    expect(created.body.county).toBeUndefined();
    expect((await api('/projects', { token: nationalEditor, body: { ...body, county: 'تهران' } })).body.errors[0].field).toBe('county');

    const after = await eventually(
      async () => (await api('/provinces')).body,
      (all) => all.country.projects.housingUnits === before.country.projects.housingUnits + 110_000,
    );
    expect(after.provinces).toHaveLength(31);
    expect(after.country.province).toMatchObject({ code: 'IR', fa: 'کل کشور' });
    const sum = after.provinces.reduce(
      (s: number, p: { projects: { housingUnits: number } }) => s + p.projects.housingUnits,
      after.country.projects.housingUnits,
    );
    expect(after.national.projects.housingUnits).toBe(sum);
    const ir = await eventually(
      () => province('IR'),
      (p) => p.projects.housingUnits === after.country.projects.housingUnits,
    );
    expect(ir.province.code).toBe('IR');
    expect(ir.projects.housingUnits).toBe(after.country.projects.housingUnits);
    expect(ir.counties).toEqual([]);
    expect((await api('/projects?province=IR&limit=5')).body.items.some((p: { id: string }) => p.id === created.body.id)).toBe(true);
  });

  it('a national drive takes donations and distributions recorded for IR, from callers with * only', async () => {
    const drive = await createDrive(); // no province: national
    const national = await tokenFor('operator', '*');
    const hamadan = await tokenFor('operator', ['IR-13']);
    const donation = { driveId: drive, province: 'IR', kind: 'cash', amountToman: '۲۰۰٬۰۰۰٬۰۰۰', channel: 'درگاه ملی' };
    expect((await api('/donations', { token: hamadan, body: donation })).status).toBe(403);
    const before = (await api('/provinces')).body.country;
    expect((await api('/donations', { token: national, body: donation })).status).toBe(201);
    const distributed = await api('/distributions', {
      token: national,
      body: { driveId: drive, province: 'IR', kind: 'livelihood_package', households: 0, valueToman: '۳۰٬۰۰۰٬۰۰۰٬۰۰۰' }, // «… به ارزش بیش از ۳۰ میلیارد تومان», no count
    });
    expect(distributed.status).toBe(201);
    expect(distributed.body.packages).toBeUndefined();
    const after = await eventually(
      async () => (await api('/provinces')).body.country,
      (c) => c.distributions.count === before.distributions.count + 1 && c.donations.count === before.donations.count + 1,
    );
    expect(BigInt(after.donations.cashToman) - BigInt(before.donations.cashToman)).toBe(200_000_000n);
    expect(after.distributions.uncounted - before.distributions.uncounted).toBe(1);
    expect(after.distributions.packages).toBe(before.distributions.packages);
    expect(BigInt(after.distributions.byKind.livelihood_package.valueToman) - BigInt(before.distributions.byKind.livelihood_package.valueToman)).toBe(
      30_000_000_000n,
    );
    // A drive of one province takes nothing recorded for the country.
    const provincial = await createDrive('IR-13');
    expect((await api('/donations', { token: national, body: { ...donation, driveId: provincial } })).body.errors[0].field).toBe('province');
  });
});

describe('counties', () => {
  it('a county is matched to the catalogue in any spelling and stored as the catalogue spells it; one that is not there is a 422 with suggestions', async () => {
    const editor = await tokenFor('editor', ['IR-13', 'IR-05']);
    for (const [place, typed, stored] of [
      ['IR-13', 'كبودراهنگ', 'کبودرآهنگ'],
      ['IR-13', 'اسد آباد', 'اسدآباد'],
      ['IR-05', 'اسلام آباد غرب', 'اسلام آبادغرب'], // the catalogue's own spelling
      ['IR-05', 'اسلام‌آباد غرب', 'اسلام آبادغرب'],
    ] as const) {
      const response = await api('/projects', { token: editor, body: projectBody(place, { county: typed }) });
      expect(response.status, typed).toBe(201);
      expect(response.body.county, typed).toBe(stored);
    }
    for (const typed of ['کل استان', 'xyz', 'IR-13', 'تهران']) {
      const response = await api('/projects', { token: editor, body: projectBody('IR-13', { county: typed }), headers: { 'accept-language': 'fa' } });
      expect(response.status, typed).toBe(422);
      expect(response.body.errors[0].field, typed).toBe('county');
    }
    const typo = await api('/projects', { token: editor, body: projectBody('IR-13', { county: 'ملايرر' }), headers: { 'accept-language': 'fa' } });
    expect(typo.body.errors[0].message).toContain('«ملایر»');
    const withoutCounty = projectBody('IR-13');
    delete (withoutCounty as { county?: string }).county;
    const whole = await api('/projects', { token: editor, body: withoutCounty });
    expect(whole.status).toBe(201);
    expect(whole.body.county).toBeUndefined();
  });

  it('villages and rural districts a project serves add up in the figures', async () => {
    const editor = await tokenFor('editor', ['IR-19']);
    const before = await province('IR-19');
    expect((await api('/projects', { token: editor, body: projectBody('IR-19', { villages: '۱۲', ruralDistricts: 3 }) })).status).toBe(201);
    const after = await eventually(
      () => province('IR-19'),
      (p) => p.projects.villages === before.projects.villages + 12,
    );
    expect(after.projects.ruralDistricts).toBe(before.projects.ruralDistricts + 3);
  });
});

describe('partners', () => {
  it('projects name their partners with a role; GET /projects?partner= finds them; GET /partners/{id} shows its figures per province', async () => {
    const admin = await tokenFor('admin', '*');
    const partner = (await api('/partners', { token: admin, body: { name: unique('قرارگاه سازندگی'), kind: 'military_affiliated' } })).body;
    const funder = (await api('/partners', { token: admin, body: { name: unique('بنیاد برکت'), kind: 'charity' } })).body;
    const editor = await tokenFor('editor', ['IR-05', 'IR-13']);
    const partners = [
      { partner: partner.id, role: 'implementing' },
      { partner: funder.id, role: 'funding' },
    ];
    for (const place of ['IR-05', 'IR-13'] as const) {
      const made = await api('/projects', { token: editor, body: projectBody(place, { partners, outputs: [{ indicator: 'schools', actual: 2 }] }) });
      expect(made.status).toBe(201);
      expect(made.body.partners).toEqual(partners);
    }
    const unknown = await api('/projects', {
      token: editor,
      body: projectBody('IR-13', { partners: [{ partner: '01J00000000000000000000000', role: 'funding' }] }),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('partners.0.partner');

    const found = await api(`/projects?partner=${partner.id}&limit=10`);
    expect(found.body.items).toHaveLength(2);
    expect((await api(`/projects?partner=${partner.id}&province=IR-05`)).body.items).toHaveLength(1);
    const read = await eventually(
      () => api(`/partners/${partner.id}`),
      (r) => r.body.provinces?.length === 2,
    );
    expect(read.body.provinces.map((p: { province: { code: string } }) => p.province.code).sort()).toEqual(['IR-05', 'IR-13']);
    // Who does what where: what the partner's projects count in each place (outputs are the programme's and the place's, not the partner's).
    for (const place of read.body.provinces) expect(place).toMatchObject({ projects: { total: 1, jobsCreated: 12, budgetToman: '62000000000' } });
  });
});
