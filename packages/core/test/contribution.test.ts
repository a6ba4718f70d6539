import { describe, expect, it } from 'vitest';
import { InvalidImageError, contribution } from '../src/aggregation/contribution.ts';
import { addScoped, difference, type ScopedCounters } from '../src/aggregation/counters.ts';
import { MAX_COUNTERS_PER_UPDATE } from '../src/aggregation/aggregate-update.ts';
import { splitBreakdown } from '../src/aggregation/counter-names.ts';
import { figuresFrom } from '../src/aggregation/figures.ts';
import { SHIPPED_INDICATORS } from '../src/indicators/catalogue.ts';
import { MAX_PARTNER_REFS } from '../src/schemas/partner.ts';
import { compareSequences, padSequence } from '../src/aggregation/sequence.ts';
import { isCountedRecord } from '../src/aggregation/stream-filter.ts';
import { keys } from '../src/table/keys.ts';

const project = {
  type: 'Project',
  province: 'IR-13',
  county: 'تویسرکان',
  countyCode: '1301',
  programme: 'اشتغال روستایی',
  status: 'in_progress',
  category: 'workshop',
  progressPercent: 72.5,
  budgetToman: 9_007_199_254_740_993n,
  loansToman: 62_000_000_000,
  jobsCreated: 12,
  housingUnits: 0,
  beneficiaryHouseholds: 3,
};

const plain = (scoped: ScopedCounters) => Object.fromEntries([...scoped].map(([scope, c]) => [scope, Object.fromEntries(c)]));

describe('contribution', () => {
  it('a project adds to its province and county', () => {
    const counters = {
      projects: 1n,
      'status:in_progress': 1n,
      'category:workshop': 1n,
      budgetToman: 9_007_199_254_740_993n,
      loansToman: 62_000_000_000n,
      jobsCreated: 12n,
      beneficiaryHouseholds: 3n,
      progressHundredths: 7250n,
      nearCompletion: 1n,
    };
    const byProgramme = Object.fromEntries(Object.entries(counters).map(([name, value]) => [`programme:اشتغالروستایی|${name}`, value]));
    // By category: every counter but outputs and the category itself (counter-names.ts `isCategoryCounter`).
    const byCategory = Object.fromEntries(
      Object.entries(counters)
        .filter(([name]) => name !== 'category:workshop')
        .map(([name, value]) => [`category:workshop|${name}`, value]),
    );
    expect(plain(contribution(project))).toEqual({
      'PROVINCE#IR-13': counters,
      'COUNTY#IR-13#1301': counters,
      'PROGRAMME#اشتغالروستایی': counters,
      'BREAKDOWN#IR-13': { ...byProgramme, ...byCategory },
    });
  });

  it("a project's outputs, villages and partners: one counter per indicator and measure, each scope once", () => {
    const scoped = contribution({
      ...project,
      villages: 4,
      ruralDistricts: 1,
      outputs: [
        { indicator: 'workshops', target: 5000, actual: 4482 },
        { indicator: 'qanats', actual: 12 },
        { indicator: 'jobs', target: 10_000 },
        { indicator: 'rural_water_coverage_percent', actual: 80 },
      ],
      partners: [
        { partner: 'P1', role: 'implementing' },
        { partner: 'P1', role: 'funding' },
        { partner: 'P2', role: 'funding' },
      ],
    });
    const province = Object.fromEntries(scoped.get('PROVINCE#IR-13')!);
    expect(province).toMatchObject({
      'out:workshops:target': 5000n,
      'out:workshops:actual': 4482n,
      'out:qanats:actual': 12n,
      'out:jobs:target': 10_000n,
      villages: 4n,
      ruralDistricts: 1n,
    });
    expect(province['out:rural_water_coverage_percent:actual']).toBeUndefined(); // a percentage does not add up
    expect(province['out:qanats:target']).toBeUndefined();
    // Programme and partners in the place are counters of one breakdown item, not scopes of their own.
    expect([...scoped.keys()].sort()).toEqual(['BREAKDOWN#IR-13', 'COUNTY#IR-13#1301', 'PROGRAMME#اشتغالروستایی', 'PROVINCE#IR-13'].sort());
    const breakdown = scoped.get('BREAKDOWN#IR-13')!;
    expect(breakdown.get('programme:اشتغالروستایی|out:workshops:actual')).toBe(4482n);
    // A partner's breakdown keeps what its work counts, once per partner whatever its roles, and no outputs.
    expect(Object.fromEntries(splitBreakdown(breakdown, 'partner').get('P1')!)).toEqual({
      projects: 1n,
      budgetToman: 9_007_199_254_740_993n,
      loansToman: 62_000_000_000n,
      jobsCreated: 12n,
      beneficiaryHouseholds: 3n,
    });
    expect([...splitBreakdown(breakdown, 'partner').keys()].sort()).toEqual(['P1', 'P2']);
    const figures = figuresFrom(scoped.get('PROVINCE#IR-13')!);
    expect(figures.outputs.workshops).toEqual({ target: 5000, actual: 4482, planned: 0 });
    expect(figures.outputs.jobs).toEqual({ target: 10_000, actual: 12, planned: 0 }); // the actual is jobsCreated
    expect(figures.projects.villages).toBe(4);
  });

  it('no record names more counters in one scope than one update may carry, at the most outputs and partners a record may have', () => {
    const outputs = SHIPPED_INDICATORS.filter((i) => i.additive && !i.field)
      .slice(0, 40)
      .map((i) => ({ indicator: i.code, target: 1, actual: 1 }));
    const partners = Array.from({ length: MAX_PARTNER_REFS }, (_, i) => ({ partner: `P${i}`, role: 'funding' }));
    const heaviest = contribution({ ...project, outputs, partners, villages: 1, ruralDistricts: 1 });
    for (const [scope, counters] of heaviest) expect(counters.size, scope).toBeLessThanOrEqual(MAX_COUNTERS_PER_UPDATE);
    expect(heaviest.get('BREAKDOWN#IR-13')!.size).toBeGreaterThan(180); // the bound is close (189 of 250; outputs by category would pass it): the one to watch
    // The breakdown holds the project by programme (outputs included), by partner and by category (without outputs).
    expect(splitBreakdown(heaviest.get('BREAKDOWN#IR-13')!, 'programme').get('اشتغالروستایی')!.size).toBeGreaterThan(60);
    expect(splitBreakdown(heaviest.get('BREAKDOWN#IR-13')!, 'partner').size).toBe(MAX_PARTNER_REFS);
    const byCategory = splitBreakdown(heaviest.get('BREAKDOWN#IR-13')!, 'category').get('workshop')!;
    expect([...byCategory.keys()].sort()).toEqual(
      [...heaviest.get('PROVINCE#IR-13')!.keys()].filter((n) => !n.startsWith('out:') && !n.startsWith('category:')).sort(),
    );
    expect(byCategory.size).toBeLessThanOrEqual(12);
  });

  it('a national project counts for IR; a legacy county name is matched to the catalogue, an unknown one counts for the province only', () => {
    expect([...contribution({ ...project, province: 'IR', county: undefined, countyCode: undefined }).keys()]).toContain('PROVINCE#IR');
    const legacy = { ...project, countyCode: undefined, county: 'كبودراهنگ' };
    expect([...contribution(legacy).keys()]).toContain('COUNTY#IR-13#1305');
    expect([...contribution({ ...legacy, county: 'xyz' }).keys()].filter((s) => s.startsWith('COUNTY#'))).toEqual([]);
  });

  it("a plan adds its target to its programme and to its place's breakdown by programme, nothing else", () => {
    const plan = { type: 'Plan', programme: 'طرح ۴۰ هزار پروژه‌ای', province: 'IR-13', indicator: 'projects', target: 1040 };
    const scoped = plain(contribution(plan));
    expect(scoped).toEqual({
      'PROGRAMME#طرح40هزارپروژهای': { 'plan:projects': 1040n },
      'BREAKDOWN#IR-13': { 'programme:طرح40هزارپروژهای|plan:projects': 1040n },
    });
    expect(figuresFrom(contribution(plan).get('PROGRAMME#طرح40هزارپروژهای')!).outputs.projects).toEqual({ target: 0, actual: 0, planned: 1040 });
  });

  it('a voided record counts nowhere; a distribution of unknown count is kept apart and broken down by kind', () => {
    const base = { type: 'Distribution', driveId: 'D1', province: 'IR-19', kind: 'livelihood_package', households: 0, valueToman: 30_000_000_000n };
    expect(contribution({ ...base, packages: 3, voidedAt: '2026-01-01T00:00:00.000Z' }).size).toBe(0);
    const f = figuresFrom(contribution(base).get('PROVINCE#IR-19')!);
    expect(f.distributions).toMatchObject({ count: 1, packages: 0, uncounted: 1, valueToman: 30_000_000_000n });
    expect(f.distributions.byKind.livelihood_package).toEqual({ count: 1, packages: 0, valueToman: 30_000_000_000n });
    expect(f.distributions.byKind.dowry_set).toEqual({ count: 0, packages: 0, valueToman: 0n });
  });

  it('for every status: near completion only past 70% and unfinished; cancelled counts only as cancelled', () => {
    const near = (status: string, progressPercent: number) =>
      contribution({ ...project, status, progressPercent })
        .get('PROVINCE#IR-13')
        ?.get('nearCompletion') ?? 0n;
    expect(near('in_progress', 70)).toBe(0n);
    expect(near('in_progress', 70.1)).toBe(1n);
    expect(near('planned', 80)).toBe(1n);
    expect(near('suspended', 90)).toBe(1n);
    expect(near('completed', 100)).toBe(0n);
    expect(near('operational', 100)).toBe(0n);
    expect(plain(contribution({ ...project, status: 'cancelled' }))).toMatchObject({
      'PROVINCE#IR-13': { 'status:cancelled': 1n },
      'COUNTY#IR-13#1301': { 'status:cancelled': 1n },
    });
  });

  it('donations and distributions also add to their drive', () => {
    const cash = { type: 'Donation', driveId: 'D1', province: 'IR-19', county: 'زنجان', countyCode: '1904', kind: 'cash', amountToman: 500 };
    // The drive's totals, and the same under the record's place (GET /provinces?drive=).
    expect(plain(contribution(cash))['DRIVE#D1']).toEqual({
      donations: 1n,
      donationCashToman: 500n,
      'place:IR-19|donations': 1n,
      'place:IR-19|donationCashToman': 500n,
    });
    expect(plain(contribution({ ...cash, kind: 'in_kind' }))['PROVINCE#IR-19']).toEqual({ donations: 1n, donationInKindToman: 500n });
    const distribution = {
      type: 'Distribution',
      driveId: 'D1',
      province: 'IR-19',
      county: 'زنجان',
      countyCode: '1904',
      kind: 'dowry_set',
      packages: 10,
      households: 9,
      valueToman: 7n,
    };
    expect(plain(contribution(distribution))['COUNTY#IR-19#1904']).toEqual({
      distributions: 1n,
      packages: 10n,
      households: 9n,
      distributedToman: 7n,
      'distributionKind:dowry_set': 1n,
      'distributionKindPackages:dowry_set': 10n,
      'distributionKindToman:dowry_set': 7n,
    });
  });

  it('other items add nothing; a counted item that cannot be read is an error', () => {
    expect(contribution(undefined).size).toBe(0);
    expect(contribution({ type: 'ProgressReport', progressPercent: 50 }).size).toBe(0);
    expect(contribution({ type: 'Aggregate' }).size).toBe(0);
    expect(() => contribution({ ...project, province: 'IR-99' })).toThrow(InvalidImageError);
    expect(() => contribution({ ...project, budgetToman: -5 })).toThrow(InvalidImageError);
  });

  it('a move between provinces is −old in one and +new in the other; the delta sums to the new state', () => {
    const before = contribution(project);
    const after = contribution({ ...project, province: 'IR-19', county: 'زنجان', countyCode: '1904', budgetToman: 1n });
    const delta = addScoped(addScoped(new Map(), after), before, -1n);
    expect(delta.get('PROVINCE#IR-13')?.get('projects')).toBe(-1n);
    expect(delta.get('PROVINCE#IR-19')?.get('budgetToman')).toBe(1n);
    expect(plain(addScoped(addScoped(new Map(), before), delta))).toEqual(plain(after));
  });

  it('a budget change and a cancellation are differences of the same formula', () => {
    const raised = difference(
      contribution({ ...project, budgetToman: 10n }).get('PROVINCE#IR-13')!,
      contribution({ ...project, budgetToman: 4n }).get('PROVINCE#IR-13')!,
    );
    expect(Object.fromEntries(raised)).toEqual({ budgetToman: 6n });
    const cancelled = difference(contribution({ ...project, status: 'cancelled' }).get('PROVINCE#IR-13')!, contribution(project).get('PROVINCE#IR-13')!);
    expect(cancelled.get('projects')).toBe(-1n);
    expect(cancelled.get('status:cancelled')).toBe(1n);
    expect(cancelled.get('status:in_progress')).toBe(-1n);
  });
});

describe('figures', () => {
  it('read counters as a newspaper would: averages, totals, money as bigint', () => {
    const counters = contribution(project).get('PROVINCE#IR-13')!;
    const twice = new Map([...counters].map(([k, v]) => [k, v * 2n]));
    twice.set('donationCashToman', 5n);
    twice.set('donationInKindToman', 7n);
    const f = figuresFrom(twice);
    expect(f.projects.total).toBe(2);
    expect(f.projects.averageProgressPercent).toBe(72.5);
    expect(f.projects.byStatus).toMatchObject({ in_progress: 2, cancelled: 0 });
    expect(f.projects.budgetToman).toBe(18_014_398_509_481_986n);
    expect(f.donations.totalToman).toBe(12n);
    expect(figuresFrom(new Map()).projects.averageProgressPercent).toBe(0);
  });
});

describe('sequence numbers', () => {
  it('compare as integers whatever their length', () => {
    expect(compareSequences('9', '10')).toBe(-1);
    expect(compareSequences('000000000000000000002', '100000000000000000000000000000000000001')).toBe(-1);
    expect(compareSequences('49668899999999999999999999999999999999999'.slice(0, 40), '4966889999999999999999999999999999999999')).toBe(0);
    expect(compareSequences('21', '3')).toBe(1);
    expect(padSequence('5')).toHaveLength(40);
    expect(padSequence('5') < padSequence('40')).toBe(true);
    expect(() => padSequence('12a')).toThrow();
    expect(() => padSequence('1'.repeat(41))).toThrow();
  });
});

describe('stream filter', () => {
  it('lets through projects, donations, distributions and plans only', () => {
    for (const counted of [keys.project('1'), keys.donation('1'), keys.distribution('1'), keys.plan('1')]) expect(isCountedRecord(counted)).toBe(true);
    for (const other of [
      keys.progressReport('1', '2026-01-01T00:00:00Z', '2'),
      keys.progressReceipt('1', '2'),
      keys.drive('1'),
      keys.indicator('jobs'),
      keys.partner('1'),
      keys.aggregate('PROVINCE#IR-13'),
      keys.history('PROVINCE#IR-13', '2026-01-01'),
    ]) {
      expect(isCountedRecord(other), other.sk).toBe(false);
    }
    expect(isCountedRecord(undefined)).toBe(false);
  });
});
