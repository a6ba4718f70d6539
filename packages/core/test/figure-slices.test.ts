import { describe, expect, it } from 'vitest';
import { contribution } from '../src/aggregation/contribution.ts';
import { addScoped, type Counters } from '../src/aggregation/counters.ts';
import {
  categoryFigures,
  dayBefore,
  isStateCounter,
  partOf,
  periodCounters,
  periodDays,
  periodFigures,
  sliceKindOf,
  unsupportedSliceParameters,
} from '../src/aggregation/figure-slices.ts';
import { figuresFrom } from '../src/aggregation/figures.ts';

const project = {
  type: 'Project',
  province: 'IR-13',
  countyCode: '1301',
  programme: 'اشتغال روستایی',
  status: 'in_progress',
  category: 'workshop',
  progressPercent: 40,
  budgetToman: 1_000n,
  loansToman: 0,
  jobsCreated: 5,
  housingUnits: 0,
  beneficiaryHouseholds: 2,
  outputs: [{ indicator: 'workshops', target: 10, actual: 4 }],
};

/** A province's counters after these records (what a snapshot or the live aggregate holds). */
function provinceAfter(...records: Record<string, unknown>[]): Counters {
  const all = records.reduce((sum, r) => addScoped(sum, contribution(r)), new Map());
  return all.get('PROVINCE#IR-13') ?? new Map();
}

describe('period slices: the difference of two snapshots', () => {
  it('flows are end − start; states (by status, near completion, targets, plans) are as at the end', () => {
    const a = { ...project, id: 'a' };
    const start = provinceAfter(a);
    // In the period: project a moves on (status, progress, actual), project b is registered.
    const end = provinceAfter(
      { ...a, status: 'completed', progressPercent: 100, outputs: [{ indicator: 'workshops', target: 10, actual: 10 }] },
      { ...project, id: 'b', budgetToman: 500n, jobsCreated: 3, progressPercent: 80 },
    );
    const f = periodFigures(start, end);
    expect(f.projects.total).toBe(1); // one project registered in the period
    expect(f.projects.budgetToman).toBe(500n);
    expect(f.projects.jobsCreated).toBe(3);
    expect(f.projects.byCategory.workshop).toBe(1);
    // States at the end, not their change.
    expect(f.projects.byStatus).toMatchObject({ completed: 1, in_progress: 1 });
    expect(f.projects.nearCompletion).toBe(1); // b at 80%
    expect(f.projects.averageProgressPercent).toBe(90); // (100 + 80) / 2 at the end, not over the period's 1 project
    // An output: its actual moved by 6 + 4 (a delivered 6 more, b delivered 4); its target is the end's.
    expect(f.outputs.workshops).toEqual({ target: 20, actual: 10, planned: 0 });
  });

  it('with no start (no `from`, or no snapshot), the flows are everything up to the end', () => {
    const end = provinceAfter(project);
    expect(periodFigures(new Map(), end)).toEqual(figuresFrom(end));
  });

  it('a correction or void in the period of something recorded before is a net change, which may be negative', () => {
    const donation = { type: 'Donation', driveId: 'D1', province: 'IR-13', kind: 'cash', amountToman: 700n };
    const start = provinceAfter(donation, project);
    const end = provinceAfter({ ...donation, voidedAt: '2026-01-02T00:00:00Z' }, { ...project, status: 'cancelled' });
    const f = periodFigures(start, end);
    expect(f.donations).toEqual({ count: -1, cashToman: -700n, inKindToman: 0n, totalToman: -700n });
    expect(f.projects.total).toBe(-1);
    expect(f.projects.byStatus).toMatchObject({ cancelled: 1, in_progress: 0 });
  });

  it('counters are sorted into states and flows by name; a new counter is a flow', () => {
    for (const state of ['status:completed', 'nearCompletion', 'progressHundredths', 'out:workshops:target', 'plan:workshops'])
      expect(isStateCounter(state), state).toBe(true);
    for (const flow of [
      'projects',
      'category:housing',
      'budgetToman',
      'out:workshops:actual',
      'donations',
      'packages',
      'households',
      'distributionKind:dowry_set',
      'newCounter',
    ])
      expect(isStateCounter(flow), flow).toBe(false);
    expect(
      Object.fromEntries(
        periodCounters(
          new Map([
            ['status:planned', 3n],
            ['projects', 3n],
          ]),
          new Map([['projects', 3n]]),
        ),
      ),
    ).toEqual({});
  });

  it('the days read: the day before `from`, and `to` unless it is today (UTC) or later', () => {
    expect(dayBefore('2025-03-21')).toBe('2025-03-20');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(periodDays({ from: '2025-03-21', to: '2025-04-20' }, '2025-06-01')).toEqual({ startDay: '2025-03-20', endDay: '2025-04-20' });
    expect(periodDays({ from: '2025-03-21', to: '2025-06-01' }, '2025-06-01')).toEqual({ startDay: '2025-03-20' });
    expect(periodDays({ to: '2025-04-20' }, '2025-06-01')).toEqual({ endDay: '2025-04-20' });
    expect(periodDays({ from: '2025-03-21' }, '2025-06-01')).toEqual({ startDay: '2025-03-20' });
  });
});

describe('slices by programme, drive and category', () => {
  it('a category: each project counts in its category; outputs are not kept by category', () => {
    const breakdown = contribution(project).get('BREAKDOWN#IR-13')!;
    const f = categoryFigures('workshop', partOf(breakdown, 'category', 'workshop'));
    expect(f.projects).toMatchObject({ total: 1, budgetToman: 1_000n, jobsCreated: 5, averageProgressPercent: 40 });
    expect(f.projects.byCategory).toMatchObject({ workshop: 1, housing: 0 });
    expect(f.projects.byStatus.in_progress).toBe(1);
    expect(f.outputs).toEqual({});
    expect(categoryFigures('housing', partOf(breakdown, 'category', 'housing')).projects.total).toBe(0);
  });

  it("a drive's part in a place, from the drive's aggregate", () => {
    const drive = contribution({ type: 'Donation', driveId: 'D1', province: 'IR-19', kind: 'in_kind', amountToman: 9n }).get('DRIVE#D1')!;
    expect(figuresFrom(partOf(drive, 'place', 'IR-19')).donations).toEqual({ count: 1, cashToman: 0n, inKindToman: 9n, totalToman: 9n });
    expect(partOf(drive, 'place', 'IR-1').size).toBe(0); // a prefix of another code is not that code
  });

  it('one dimension at a time, and none with a period: the parameter to name', () => {
    expect(sliceKindOf({})).toBe('live');
    expect(sliceKindOf({ to: '2025-01-01' })).toBe('period');
    expect(sliceKindOf({ drive: 'x' })).toBe('drive');
    expect(unsupportedSliceParameters({ programme: 'p' })).toEqual([]);
    expect(unsupportedSliceParameters({ programme: 'p', category: 'housing' })).toEqual([{ parameter: 'category', rule: 'sliceOneDimension' }]);
    expect(unsupportedSliceParameters({ drive: 'd', category: 'housing', programme: 'p' }).map((u) => u.parameter)).toEqual(['drive', 'category']);
    expect(unsupportedSliceParameters({ from: '2025-01-01', drive: 'd' })).toEqual([{ parameter: 'drive', rule: 'slicePeriod' }]);
    expect(unsupportedSliceParameters({ to: '2025-01-01' })).toEqual([]);
  });
});
