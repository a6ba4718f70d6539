import { describe, expect, it } from 'vitest';
import { SHIPPED_INDICATORS } from '@abad/core/indicators/catalogue';
import { joinFa, reportParagraphs } from '../src/report/sentences.ts';
import type { FiguresJson, IndicatorJson } from '../src/types.ts';

const catalogue = SHIPPED_INDICATORS.map((i) => ({ ...i, unitLabel: { fa: '', en: '' } })) as unknown as IndicatorJson[];

function figures(overrides: {
  projects?: Partial<FiguresJson['projects']>;
  outputs?: FiguresJson['outputs'];
  donations?: Partial<FiguresJson['donations']>;
  distributions?: Partial<FiguresJson['distributions']>;
}): FiguresJson {
  return {
    projects: {
      total: 0,
      byStatus: { planned: 0, in_progress: 0, completed: 0, operational: 0, suspended: 0, cancelled: 0 },
      byCategory: {} as FiguresJson['projects']['byCategory'],
      nearCompletion: 0,
      averageProgressPercent: 0,
      budgetToman: '0',
      loansToman: '0',
      jobsCreated: 0,
      housingUnits: 0,
      beneficiaryHouseholds: 0,
      villages: 0,
      ruralDistricts: 0,
      ...overrides.projects,
    },
    outputs: overrides.outputs ?? {},
    donations: { count: 0, cashToman: '0', inKindToman: '0', totalToman: '0', ...overrides.donations },
    distributions: {
      count: 0,
      packages: 0,
      uncounted: 0,
      households: 0,
      valueToman: '0',
      byKind: {} as FiguresJson['distributions']['byKind'],
      ...overrides.distributions,
    },
  };
}

describe('the report in sentences', () => {
  it('writes the Hamedan sentence of a provincial report from the figures', () => {
    const text = reportParagraphs(
      figures({
        projects: {
          total: 4482,
          loansToman: '62000000000',
          budgetToman: '80000000000',
          jobsCreated: 9300,
          averageProgressPercent: 71.5,
          byStatus: { planned: 0, in_progress: 4000, completed: 482, operational: 0, suspended: 0, cancelled: 0 },
        },
        outputs: {
          workshops: { target: 5000, actual: 4482, planned: 0 },
          rural_road_km: { target: 0, actual: 12, planned: 0 },
          jobs: { target: 0, actual: 9300, planned: 0 },
        },
      }),
      { place: 'استان همدان', when: 'در این دوره' },
      catalogue,
    );
    expect(text[0]).toBe('در استان همدان در این دوره ۴٬۴۸۲ کارگاه تولیدی با ۶۲\u00a0میلیارد تومان تسهیلات راه‌اندازی شد و برای ۹٬۳۰۰ نفر شغل ایجاد شد.');
    expect(text[1]).toContain('۴۸۲ پروژه تکمیل شده یا به بهره‌برداری رسیده است');
    expect(text[1]).toContain('میانگین پیشرفت فیزیکی پروژه‌ها ۷۱٫۵٪ است');
    // Other outputs in their units; jobs (a fixed counter) is not said twice.
    expect(text[2]).toBe('خروجی‌های دیگر پروژه‌ها: ۱۲ کیلومتر راه روستایی.');
  });

  it('says donations and distributions, keeps uncounted packages apart, and says plainly when nothing is recorded', () => {
    const text = reportParagraphs(
      figures({
        donations: { count: 3, cashToman: '1500000', inKindToman: '0', totalToman: '1500000' },
        distributions: { count: 4, packages: 120, households: 100, uncounted: 1, valueToman: '0' },
      }),
      { place: 'کل کشور', when: 'تا امروز' },
      catalogue,
    );
    expect(text).toEqual([
      'مردم ۳ بار کمک کردند: ۱٫۵\u00a0میلیون تومان نقدی؛ روی هم ۱٫۵\u00a0میلیون تومان.',
      '۱۲۰ بسته در ۴ نوبت میان ۱۰۰ خانوار توزیع شد. شمار بسته‌های ۱ نوبت دیگر ثبت نشده و در این عدد نیامده است.',
    ]);
    expect(reportParagraphs(figures({}), { place: 'استان ایلام', when: 'در بهار ۱۴۰۴' }, catalogue)).toEqual([
      'در استان ایلام در بهار ۱۴۰۴ پروژه، کمک یا توزیعی ثبت نشده است.',
    ]);
    expect(joinFa(['الف', 'ب', 'ج'])).toBe('الف، ب و ج');
  });
});
