import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problemsOf } from './support/problems.ts';
import { distributionInput } from '../src/schemas/distribution.ts';
import { donationInput } from '../src/schemas/donation.ts';
import { driveInput, drivePatch } from '../src/schemas/drive.ts';
import { progressReportInput } from '../src/schemas/progress.ts';
import { projectInput, projectPatch, projectRuleViolations } from '../src/schemas/project.ts';
import { parseInput } from '../src/validation/parse.ts';

const project = { title: 'خانهٔ مددجو', category: 'housing', programme: 'مسکن محرومین', province: 'IR-13', county: 'تويسركان' };
const DRIVE = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';

describe('project', () => {
  it('fills defaults and normalizes names used as keys', () => {
    const p = parseInput(projectInput, { ...project, village: 'ده  بالا', budgetToman: '۶۲٬۰۰۰٬۰۰۰' });
    expect(p).toMatchObject({
      county: 'تویسرکان',
      village: 'ده بالا',
      status: 'planned',
      progressPercent: 0,
      budgetToman: 62_000_000n,
      loansToman: 0n,
      jobsCreated: 0,
    });
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
    expect(problemsOf(() => parseInput(projectInput, { ...project, startDate: '2024-05-01', targetDate: '2024-04-01' })).map((p) => p.rule)).toEqual([
      'targetBeforeStart',
    ]);
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
    expect(problemsOf(() => parseInput(driveInput, { name: 'پویش', startDate: '2026-03-01', endDate: '2026-02-01' })).map((p) => p.rule)).toEqual([
      'endBeforeStart',
    ]);
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
    expect(problemsOf(() => parseInput(donationInput, { ...cash, items: [{ name: 'برنج', quantity: 10, unit: 'کیلو' }] })).map((p) => p.rule)).toEqual([
      'cashHasNoItems',
    ]);
    expect(parseInput(donationInput, { ...cash, kind: 'in_kind', items: [{ name: 'برنج', quantity: '۱۰', unit: 'کیلو' }] }).items).toEqual([
      { name: 'برنج', quantity: 10, unit: 'کیلو' },
    ]);
  });

  it('checks phones as Iranian numbers: mobiles and landlines with area code in any digits; abroad only as +country', () => {
    const phone = (typed: string) => parseInput(donationInput, { ...cash, donor: { phone: typed } }).donor?.phone;
    expect(phone('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('+989123456789');
    expect(phone('٠٩١٢٣٤٥٦٧٨٩')).toBe('+989123456789');
    expect(phone('9123456789')).toBe('+989123456789');
    expect(phone('0098-912-345-6789')).toBe('+989123456789');
    expect(phone('(021) 8877-6655')).toBe('+982188776655');
    expect(phone('۰۸۱ ۳۸۲۲ ۱۲۳۴')).toBe('+988138221234');
    expect(phone('+44 20 7946 0958')).toBe('+442079460958');
    for (const bad of ['88776655', '0912345678', '091234567890', '+98912345678', '+98012345678', '12']) {
      expect(problemsOf(() => parseInput(donationInput, { ...cash, donor: { phone: bad } })).map((p) => `${bad} ${p.field}`)).toEqual([`${bad} donor.phone`]);
    }
  });

  it('rejects a bad phone and a bad drive id', () => {
    expect(
      problemsOf(() => parseInput(donationInput, { ...cash, driveId: 'x', donor: { phone: '12' } }))
        .map((p) => p.field)
        .sort(),
    ).toEqual(['donor.phone', 'driveId']);
  });
});

describe('distribution', () => {
  it('counts packages and households', () => {
    const d = parseInput(distributionInput, {
      driveId: DRIVE,
      province: 'IR-19',
      county: 'زنجان',
      kind: 'livelihood_package',
      packages: '۱٬۲۰۰',
      households: 1200,
      valueToman: '3,600,000,000',
    });
    expect(d).toMatchObject({ packages: 1200, households: 1200, valueToman: 3_600_000_000n });
    expect(problemsOf(() => parseInput(distributionInput, { ...d, valueToman: '1', packages: 0 })).map((p) => p.rule)).toEqual(['atLeastOne']);
  });
});

describe('dates', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const moment = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
  const minutes = 60_000;

  /** Every date-time field: a record of something that has happened. */
  const moments = [
    { field: 'reportedAt', parse: (v: string, language?: 'fa') => parseInput(progressReportInput, { progressPercent: 5, reportedAt: v }, language) },
    {
      field: 'receivedAt',
      parse: (v: string, language?: 'fa') =>
        parseInput(
          donationInput,
          { driveId: DRIVE, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: 1, channel: 'مسجد', receivedAt: v },
          language,
        ),
    },
    {
      field: 'distributedAt',
      parse: (v: string, language?: 'fa') =>
        parseInput(
          distributionInput,
          { driveId: DRIVE, province: 'IR-13', county: 'همدان', kind: 'other', packages: 1, households: 1, distributedAt: v },
          language,
        ),
    },
  ];

  for (const { field, parse } of moments) {
    it(`${field}: not later than now plus 5 minutes of clock skew, not before 1921`, () => {
      expect(problemsOf(() => parse('9999-12-31T00:00:00Z'))).toEqual([expect.objectContaining({ field, rule: 'momentInFuture' })]);
      expect(problemsOf(() => parse(moment(5 * minutes + 1_000))).map((p) => p.rule)).toEqual(['momentInFuture']);
      expect(problemsOf(() => parse('2026-11-30T16:00:00+03:30')).map((p) => p.rule)).toEqual(['momentInFuture']);
      expect(problemsOf(() => parse('0000-01-01T00:00:00Z'))).toEqual([expect.objectContaining({ field, rule: 'dateTooEarly' })]);
      expect(problemsOf(() => parse('1920-12-31T23:59:59Z')).map((p) => p.rule)).toEqual(['dateTooEarly']);
      expect(parse(moment(5 * minutes))).toMatchObject({ [field]: moment(5 * minutes) });
      expect(parse('1921-01-01T00:00:00Z')).toMatchObject({ [field]: '1921-01-01T00:00:00.000Z' });
      expect(parse('2026-11-30T15:00:00+03:30')).toMatchObject({ [field]: '2026-11-30T11:30:00.000Z' });
    });
  }

  it('reads now when a value is checked, not when the schema was built', () => {
    const soon = moment(10 * minutes);
    expect(problemsOf(() => parseInput(progressReportInput, { progressPercent: 5, reportedAt: soon })).map((p) => p.rule)).toEqual(['momentInFuture']);
    vi.setSystemTime(new Date(NOW.getTime() + 6 * minutes));
    expect(parseInput(progressReportInput, { progressPercent: 5, reportedAt: soon }).reportedAt).toBe(soon);
  });

  /** Every calendar date: start and end dates of projects and drives, planned up to 30 years ahead. */
  const dates = [
    { schema: 'project', field: 'startDate', parse: (v: string) => parseInput(projectInput, { ...project, startDate: v }) },
    { schema: 'project', field: 'targetDate', parse: (v: string) => parseInput(projectInput, { ...project, targetDate: v }) },
    { schema: 'project patch', field: 'targetDate', parse: (v: string) => parseInput(projectPatch, { targetDate: v }) },
    { schema: 'drive', field: 'startDate', parse: (v: string) => parseInput(driveInput, { name: 'پویش', startDate: v }) },
    { schema: 'drive', field: 'endDate', parse: (v: string) => parseInput(driveInput, { name: 'پویش', startDate: '1921-01-01', endDate: v }) },
    { schema: 'drive patch', field: 'endDate', parse: (v: string) => parseInput(drivePatch, { endDate: v }) },
  ];

  for (const { schema, field, parse } of dates) {
    it(`${schema} ${field}: from 1921 to 30 years ahead`, () => {
      // This field's rules (a drive's end before 1921 is also before its start: both are said).
      const rules = (v: string) =>
        problemsOf(() => parse(v))
          .filter((p) => p.field === field)
          .map((p) => p.rule);
      expect(rules('0000-01-01')).toContain('dateTooEarly');
      expect(rules('1920-12-31')).toContain('dateTooEarly');
      expect(rules('9999-12-31')).toEqual(['dateTooFarAhead']);
      expect(rules('2056-12-01')).toEqual(['dateTooFarAhead']);
      expect(parse('2056-11-30')).toMatchObject({ [field]: '2056-11-30' });
      expect(parse('1921-01-01')).toMatchObject({ [field]: '1921-01-01' });
      expect(parse('۲۰۲۶-۰۱-۰۱')).toMatchObject({ [field]: '2026-01-01' });
    });
  }

  it('says each violation in Persian and English', () => {
    const fa = problemsOf(() => moments[0]!.parse('9999-12-31T00:00:00Z', 'fa'));
    expect(fa[0]!.message).toMatch(/آینده/);
    const en = problemsOf(() => moments[0]!.parse('9999-12-31T00:00:00Z'));
    expect(en[0]!.message).toMatch(/future/);
    const planned = problemsOf(() => parseInput(projectInput, { ...project, startDate: '1900-01-01', targetDate: '2099-01-01' }, 'fa'));
    expect(planned.map((p) => p.message)).toEqual([expect.stringMatching(/۱۹۲۱/), expect.stringMatching(/۳۰ سال/)]);
  });
});

describe('text', () => {
  it('a name with invisible characters is the plain name', () => {
    expect(parseInput(projectInput, { ...project, county: 'زاهدان\u202e', title: '\u2066خانه\u0000\u2069' })).toMatchObject({
      county: 'زاهدان',
      title: 'خانه',
    });
    expect(
      parseInput(donationInput, {
        driveId: DRIVE,
        province: 'IR-11',
        county: 'زاهدان\u200f',
        kind: 'cash',
        amountToman: 1,
        channel: 'مسجد\ud800',
        donor: { name: '\u202bعلی' },
      }),
    ).toMatchObject({
      county: 'زاهدان',
      channel: 'مسجد',
      donor: { name: 'علی' },
    });
  });

  it('a name of only invisible characters or spaces is 422 naming the field, in Persian on request', () => {
    const problems = problemsOf(() => parseInput(projectInput, { ...project, title: '\u202e\u200f\u2066\u200b\u0007', county: ' \u00a0' }, 'fa'));
    expect(problems).toEqual([
      { field: 'title', rule: 'emptyText', message: expect.stringMatching(/خالی/) },
      { field: 'county', rule: 'emptyText', message: expect.stringMatching(/خالی/) },
    ]);
    expect(
      problemsOf(() =>
        parseInput(donationInput, {
          driveId: DRIVE,
          province: 'IR-13',
          county: 'همدان',
          kind: 'in_kind',
          amountToman: 1,
          channel: 'مسجد',
          items: [{ name: '\u202e', quantity: 1, unit: 'کیلو' }],
        }),
      ).map((p) => p.field),
    ).toEqual(['items.0.name']);
  });

  it('a note keeps its line breaks; a name does not', () => {
    expect(parseInput(progressReportInput, { progressPercent: 5, note: 'خط اول\r\nخط دوم\u202e' }).note).toBe('خط اول\nخط دوم');
    expect(parseInput(projectInput, { ...project, title: 'خانه\nما' }).title).toBe('خانه ما');
    expect(problemsOf(() => parseInput(progressReportInput, { progressPercent: 5, note: '\n\u202e\n' })).map((p) => p.rule)).toEqual(['emptyText']);
  });
});
