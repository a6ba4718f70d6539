import { SHIPPED_INDICATORS } from '@abad/core/indicators/catalogue';
import { unitLabel } from '../catalogue.ts';
import { faNumber, faPercent, faToman, toman } from '../format/numbers.ts';
import type { FiguresJson, IndicatorJson } from '../types.ts';

/**
 * A provincial report's prose, written from the figures the way an office writes it: «در استان
 * همدان در این دوره ۴٬۴۸۲ کارگاه تولیدی با ۶۲ میلیارد تومان تسهیلات راه‌اندازی شد و برای ۹٬۳۰۰
 * نفر شغل ایجاد شد…». Each paragraph is said only when it has something to say; nothing
 * recorded is said once, plainly. Pure: the report page and its tests share it.
 */
/** The fixed counters (projects, jobs, housing units, households) and workshops have sentences of their own. */
const SAID_ABOVE = new Set(['workshops', ...SHIPPED_INDICATORS.filter((i) => i.field).map((i) => i.code)]);

export interface ReportScope {
  /** «استان همدان»، «کل کشور». */
  place: string;
  /** «در پاییز ۱۴۰۳»، or «تا امروز» for all periods. */
  when: string;
}

/** «الف»، «الف و ب»، «الف، ب و ج». */
export function joinFa(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join('، ')} و ${parts.at(-1)}`;
}

/** «۱۲ کیلومتر راه روستایی»، «۵ باب مدرسه»; a plain unit is left unsaid («۴ کارگاه تولیدی»); a percentage is a level («پوشش آب شرب روستایی ۸۵٪»). */
function outputPhrase(value: number, indicator: IndicatorJson | undefined, code: string): string {
  if (!indicator) return `${faNumber(value)} (${code})`;
  if (indicator.unit === 'percent') return `${indicator.fa} ${faPercent(value)}`;
  const unit = indicator.unit === 'unit' ? '' : ` ${unitLabel(indicator)}`;
  return `${faNumber(value)}${unit} ${indicator.fa}`;
}

export function reportParagraphs(figures: FiguresJson, scope: ReportScope, catalogue: readonly IndicatorJson[]): string[] {
  const p = figures.projects;
  const paragraphs: string[] = [];
  const opening = `در ${scope.place} ${scope.when}`;

  if (p.total > 0) {
    const workshops = figures.outputs.workshops?.actual ?? 0;
    const loans = toman(p.loansToman);
    const lead =
      workshops > 0 && loans > 0n
        ? `${opening} ${faNumber(workshops)} کارگاه تولیدی با ${faToman(loans)} تسهیلات راه‌اندازی شد`
        : `${opening} ${faNumber(p.total)} پروژه با ${faToman(toman(p.budgetToman))} اعتبار در جریان بود`;
    const effects: string[] = [];
    if (p.jobsCreated > 0) effects.push(`برای ${faNumber(p.jobsCreated)} نفر شغل ایجاد شد`);
    if (p.housingUnits > 0) effects.push(`${faNumber(p.housingUnits)} واحد مسکونی ساخته یا بازسازی شد`);
    if (p.beneficiaryHouseholds > 0) effects.push(`${faNumber(p.beneficiaryHouseholds)} خانوار از پروژه‌ها بهره‌مند شدند`);
    paragraphs.push(`${joinFa([lead, ...effects])}.`);

    const finished = (p.byStatus.completed ?? 0) + (p.byStatus.operational ?? 0);
    const state: string[] = [];
    if (workshops > 0 && loans > 0n) state.push(`روی هم ${faNumber(p.total)} پروژه با ${faToman(toman(p.budgetToman))} اعتبار ثبت شده است`);
    if (finished > 0) state.push(`${faNumber(finished)} پروژه تکمیل شده یا به بهره‌برداری رسیده است`);
    if ((p.byStatus.in_progress ?? 0) > 0) state.push(`${faNumber(p.byStatus.in_progress)} پروژه در حال اجراست`);
    if (p.nearCompletion > 0) state.push(`${faNumber(p.nearCompletion)} پروژه به پایان نزدیک است`);
    if ((p.byStatus.suspended ?? 0) > 0) state.push(`${faNumber(p.byStatus.suspended)} پروژه متوقف مانده است`);
    state.push(`میانگین پیشرفت فیزیکی پروژه‌ها ${faPercent(p.averageProgressPercent)} است`);
    paragraphs.push(`${joinFa(state)}.`);
  }

  const delivered = Object.entries(figures.outputs)
    .filter(([code, o]) => o.actual > 0 && !SAID_ABOVE.has(code))
    .map(([code, o]) =>
      outputPhrase(
        o.actual,
        catalogue.find((i) => i.code === code),
        code,
      ),
    );
  if (delivered.length > 0) paragraphs.push(`خروجی‌های دیگر پروژه‌ها: ${joinFa(delivered)}.`);

  const d = figures.donations;
  if (d.count > 0) {
    const kinds: string[] = [];
    if (toman(d.cashToman) > 0n) kinds.push(`${faToman(toman(d.cashToman))} نقدی`);
    if (toman(d.inKindToman) > 0n) kinds.push(`${faToman(toman(d.inKindToman))} کالا و خدمات`);
    paragraphs.push(`مردم ${faNumber(d.count)} بار کمک کردند${kinds.length ? `: ${joinFa(kinds)}` : ''}؛ روی هم ${faToman(toman(d.totalToman))}.`);
  }

  const s = figures.distributions;
  if (s.count > 0) {
    const parts = [`${faNumber(s.packages)} بسته در ${faNumber(s.count)} نوبت میان ${faNumber(s.households)} خانوار توزیع شد`];
    if (toman(s.valueToman) > 0n) parts.push(`ارزش بسته‌ها ${faToman(toman(s.valueToman))} بود`);
    const uncounted = s.uncounted > 0 ? ` شمار بسته‌های ${faNumber(s.uncounted)} نوبت دیگر ثبت نشده و در این عدد نیامده است.` : '';
    paragraphs.push(`${joinFa(parts)}.${uncounted}`);
  }

  if (paragraphs.length === 0) paragraphs.push(`${opening} پروژه، کمک یا توزیعی ثبت نشده است.`);
  return paragraphs;
}
