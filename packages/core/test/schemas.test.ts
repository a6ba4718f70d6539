import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.ts';
import { distributionInput } from '../src/schemas/distribution.ts';
import { donationInput } from '../src/schemas/donation.ts';
import { driveInput, drivePatch } from '../src/schemas/drive.ts';
import { progressReportInput } from '../src/schemas/progress.ts';
import { projectInput, projectPatch, projectRuleViolations } from '../src/schemas/project.ts';
import { parseInput } from '../src/validation/parse.ts';

const project = { title: 'خانهٔ مددجو', category: 'housing', programme: 'مسکن محرومین', province: 'IR-13', county: 'تويسركان' };
const DRIVE = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('project', () => {
  it('fills defaults and normalizes names used as keys', () => {
    const p = parseInput(projectInput, { ...project, village: 'ده  بالا', budgetToman: '۶۲٬۰۰۰٬۰۰۰' });
    expect(p).toMatchObject({ county: 'تویسرکان', village: 'ده بالا', status: 'planned', progressPercent: 0, budgetToman: 62_000_000n, loansToman: 0n, jobsCreated: 0 });
  });

  it('requires status and progress to agree', () => {
    expect(problemsOf(() => parseInput(projectInput, { ...project, status: 'completed', progressPercent: 80 }))).toEqual([
      expect.objectContaining({ field: 'progressPercent', rule: 'finishedNeeds100' }),
    ]);
    expect(parseInput(projectInput, { ...project, status: 'operational', progressPercent: '۱۰۰' }).progressPercent).toBe(100);
    expect(projectRuleViolations({ status: 'in_progress', progressPercent: 100 })).toEqual([]);
  });

  it('names every failing field, in Persian when asked', () => {
    const problems = problemsOf(() => parseInput(projectInput, { ...project, category: 'castle', province: 'IR-99', jobsCreated: -1, extra: 1 }, 'fa'));
    expect(problems.map((p) => p.field).sort()).toEqual(['category', 'extra', 'jobsCreated', 'province']);
    for (const p of problems) expect(p.message).toMatch(/[\u0600-\u06ff]/);
  });

  it('rejects impossible dates and a target before the start', () => {
    expect(problemsOf(() => parseInput(projectInput, { ...project, startDate: '2023-02-30' })).map((p) => p.field)).toEqual(['startDate']);
    expect(problemsOf(() => parseInput(projectInput, { ...project, startDate: '2024-05-01', targetDate: '2024-04-01' })).map((p) => p.rule)).toEqual(['targetBeforeStart']);
    expect(parseInput(projectInput, { ...project, startDate: '۲۰۲۴-۰۲-۲۹' }).startDate).toBe('2024-02-29');
  });

  it('a quantity comes with its unit', () => {
    expect(problemsOf(() => parseInput(projectInput, { ...project, quantity: 3 })).map((p) => p.field)).toEqual(['unit']);
  });

  it('a patch invents no defaults and must change something', () => {
    expect(parseInput(projectPatch, { title: 'نو' })).toEqual({ title: 'نو' });
    expect(problemsOf(() => parseInput(projectPatch, {})).map((p) => p.rule)).toEqual(['emptyPatch']);
    expect(problemsOf(() => parseInput(projectPatch, { version: 3 })).map((p) => p.field)).toEqual(['version', '(body)']);
  });
});

describe('progress report', () => {
  it('accepts Persian digits and a Persian decimal point, and normalizes time to UTC', () => {
    expect(parseInput(progressReportInput, { progressPercent: '۷۲٫۵', reportedAt: '2026-03-01T10:00:00+03:30' })).toEqual({
      progressPercent: 72.5,
      reportedAt: '2026-03-01T06:30:00.000Z',
    });
    expect(problemsOf(() => parseInput(progressReportInput, { progressPercent: 101 })).map((p) => p.field)).toEqual(['progressPercent']);
  });
});

describe('drive', () => {
  it('checks the end is not before the start', () => {
    expect(problemsOf(() => parseInput(driveInput, { name: 'پویش', startDate: '2026-03-01', endDate: '2026-02-01' })).map((p) => p.rule)).toEqual(['endBeforeStart']);
    expect(parseInput(drivePatch, { phase: 'مرحلهٔ دوم' })).toEqual({ phase: 'مرحلهٔ دوم' });
  });
});

describe('donation', () => {
  const cash = { driveId: DRIVE, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: '۵۰۰٬۰۰۰', channel: 'مسجد جامع' };

  it('normalizes the donor phone and keeps money as bigint', () => {
    expect(parseInput(donationInput, { ...cash, donor: { name: 'علي', phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹' } })).toMatchObject({
      amountToman: 500_000n,
      donor: { name: 'علی', phone: '+989123456789', anonymous: false },
    });
  });

  it('an in-kind donation lists its goods; a cash one does not', () => {
    expect(problemsOf(() => parseInput(donationInput, { ...cash, kind: 'in_kind' })).map((p) => p.rule)).toEqual(['inKindNeedsItems']);
    expect(problemsOf(() => parseInput(donationInput, { ...cash, items: [{ name: 'برنج', quantity: 10, unit: 'کیلو' }] })).map((p) => p.rule)).toEqual(['cashHasNoItems']);
    expect(parseInput(donationInput, { ...cash, kind: 'in_kind', items: [{ name: 'برنج', quantity: '۱۰', unit: 'کیلو' }] }).items).toEqual([
      { name: 'برنج', quantity: 10, unit: 'کیلو' },
    ]);
  });

  it('rejects a bad phone and a bad drive id', () => {
    expect(problemsOf(() => parseInput(donationInput, { ...cash, driveId: 'x', donor: { phone: '12' } })).map((p) => p.field).sort()).toEqual(['donor.phone', 'driveId']);
  });
});

describe('distribution', () => {
  it('counts packages and households', () => {
    const d = parseInput(distributionInput, { driveId: DRIVE, province: 'IR-19', county: 'زنجان', kind: 'livelihood_package', packages: '۱٬۲۰۰', households: 1200, valueToman: '3,600,000,000' });
    expect(d).toMatchObject({ packages: 1200, households: 1200, valueToman: 3_600_000_000n });
    expect(problemsOf(() => parseInput(distributionInput, { ...d, valueToman: '1', packages: 0 })).map((p) => p.rule)).toEqual(['atLeastOne']);
  });
});
