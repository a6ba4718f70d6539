import { describe, expect, it } from 'vitest';
import { InvalidImageError, contribution } from '../src/aggregation/contribution.ts';
import { addScoped, difference, type ScopedCounters } from '../src/aggregation/counters.ts';
import { figuresFrom } from '../src/aggregation/figures.ts';
import { compareSequences, padSequence } from '../src/aggregation/sequence.ts';
import { isCountedRecord } from '../src/aggregation/stream-filter.ts';
import { keys } from '../src/table/keys.ts';

const project = {
  type: 'Project',
  province: 'IR-13',
  county: 'تویسرکان',
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
      progressTenths: 725n,
      nearCompletion: 1n,
    };
    expect(plain(contribution(project))).toEqual({ 'PROVINCE#IR-13': counters, 'COUNTY#IR-13#تویسرکان': counters });
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
    expect(plain(contribution({ ...project, status: 'cancelled' }))).toEqual({
      'PROVINCE#IR-13': { 'status:cancelled': 1n },
      'COUNTY#IR-13#تویسرکان': { 'status:cancelled': 1n },
    });
  });

  it('donations and distributions also add to their drive', () => {
    const cash = { type: 'Donation', driveId: 'D1', province: 'IR-19', county: 'زنجان', kind: 'cash', amountToman: 500 };
    expect(plain(contribution(cash))['DRIVE#D1']).toEqual({ donations: 1n, donationCashToman: 500n });
    expect(plain(contribution({ ...cash, kind: 'in_kind' }))['PROVINCE#IR-19']).toEqual({ donations: 1n, donationInKindToman: 500n });
    const distribution = {
      type: 'Distribution',
      driveId: 'D1',
      province: 'IR-19',
      county: 'زنجان',
      kind: 'dowry_set',
      packages: 10,
      households: 9,
      valueToman: 7n,
    };
    expect(plain(contribution(distribution))['COUNTY#IR-19#زنجان']).toEqual({ distributions: 1n, packages: 10n, households: 9n, distributedToman: 7n });
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
    const after = contribution({ ...project, province: 'IR-19', county: 'زنجان', budgetToman: 1n });
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
  it('lets through projects, donations and distributions only', () => {
    for (const counted of [keys.project('1'), keys.donation('1'), keys.distribution('1')]) expect(isCountedRecord(counted)).toBe(true);
    for (const other of [
      keys.progressReport('1', '2026-01-01T00:00:00Z', '2'),
      keys.progressReceipt('1', '2'),
      keys.drive('1'),
      keys.aggregate('PROVINCE#IR-13'),
      keys.history('PROVINCE#IR-13', '2026-01-01'),
    ]) {
      expect(isCountedRecord(other), other.sk).toBe(false);
    }
    expect(isCountedRecord(undefined)).toBe(false);
  });
});
