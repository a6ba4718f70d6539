import type { Figures } from '../aggregation/figures.ts';
import { SHIPPED_INDICATORS } from '../indicators/catalogue.ts';
import { NATIONAL_PLACE, PROVINCES } from '../places/provinces.ts';
import { DISTRIBUTION_KIND_LABELS } from '../schemas/distribution.ts';
import { DONATION_KIND_LABELS } from '../schemas/donation.ts';
import { PARTNER_KIND_LABELS, PARTNER_ROLE_LABELS } from '../schemas/partner.ts';
import { PROJECT_CATEGORY_LABELS, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../schemas/project.ts';
import type { Distribution } from '../store/distributions.ts';
import type { Donation } from '../store/donations.ts';
import type { Drive } from '../store/drives.ts';
import type { Partner } from '../store/partners.ts';
import type { Project } from '../store/projects.ts';
import { column, dateColumns, labelColumns, type Column } from './table.ts';

/**
 * The columns of every exported list (open data): Persian headers; an enum as its code and its
 * Persian label; a date as ISO and Jalali; money as exact toman. No donor's name or phone is in
 * any of them, whoever exports: a donation's row says what was given, where and when, never by whom.
 */

const PLACE_NAMES: Readonly<Record<string, string>> = Object.fromEntries([...PROVINCES, NATIONAL_PLACE].map((p) => [p.code, p.fa]));

function placeColumns<Row>(province: (row: Row) => string | undefined): Column<Row>[] {
  return labelColumns('استان', province, PLACE_NAMES);
}

function countyColumns<Row extends { county?: string | undefined; countyCode?: string | undefined }>(): Column<Row>[] {
  return [column('شهرستان', (r) => r.county), column('کد شهرستان', (r) => r.countyCode)];
}

/** Partners named on a record: `<id> (<role>)`, joined by «؛ ». */
function partnersText(partners: readonly { partner: string; role: string }[] | undefined): string | undefined {
  return partners?.length
    ? partners.map((p) => `${p.partner} (${PARTNER_ROLE_LABELS[p.role as keyof typeof PARTNER_ROLE_LABELS] ?? p.role})`).join('؛ ')
    : undefined;
}

/** Goods as a line: `برنج: 10 کیسه؛ پتو: 4 عدد`. */
function goodsText(items: readonly { name: string; quantity: number; unit: string }[] | undefined): string | undefined {
  return items?.length ? items.map((i) => [`${i.name}:`, i.quantity, i.unit].filter((p) => p !== undefined && p !== '').join(' ')).join('؛ ') : undefined;
}

function indicatorName(code: string, catalogue: readonly { code: string; fa: string }[] = SHIPPED_INDICATORS): string {
  return catalogue.find((i) => i.code === code)?.fa ?? SHIPPED_INDICATORS.find((i) => i.code === code)?.fa ?? code;
}

const recordedColumns = <Row extends { createdAt: string; updatedAt: string }>(): Column<Row>[] => [
  ...dateColumns<Row>('زمان ثبت', (r) => r.createdAt, 'moment'),
  ...dateColumns<Row>('زمان آخرین تغییر', (r) => r.updatedAt, 'moment'),
];

/** The project register (`GET /projects.csv`). */
export function projectColumns(catalogue?: readonly { code: string; fa: string }[]): Column<Project>[] {
  return [
    column('شناسه', (p) => p.id),
    column('عنوان', (p) => p.title),
    ...labelColumns<Project>('دسته', (p) => p.category, PROJECT_CATEGORY_LABELS),
    column('زیردسته', (p) => p.subcategory),
    column('برنامه', (p) => p.programme),
    ...placeColumns<Project>((p) => p.province),
    ...countyColumns<Project>(),
    column('روستا', (p) => p.village),
    column('شمار روستاها', (p) => p.villages),
    column('شمار دهستان‌ها', (p) => p.ruralDistricts),
    ...labelColumns<Project>('وضعیت', (p) => p.status, PROJECT_STATUS_LABELS),
    column('درصد پیشرفت', (p) => p.progressPercent),
    column('اعتبار (تومان)', (p) => p.budgetToman),
    column('تسهیلات (تومان)', (p) => p.loansToman),
    column('اشتغال ایجادشده', (p) => p.jobsCreated),
    column('واحدهای مسکونی', (p) => p.housingUnits),
    column('خانوارهای بهره‌مند', (p) => p.beneficiaryHouseholds),
    column('مقدار', (p) => p.quantity),
    column('واحد', (p) => p.unit),
    column('شاخص‌ها (هدف / محقق)', (p) =>
      p.outputs?.length ? p.outputs.map((o) => `${indicatorName(o.indicator, catalogue)}: ${o.target ?? '-'} / ${o.actual ?? '-'}`).join('؛ ') : undefined,
    ),
    column('نهادهای همکار (شناسه و نقش)', (p) => partnersText(p.partners)),
    ...dateColumns<Project>('تاریخ شروع', (p) => p.startDate),
    ...dateColumns<Project>('تاریخ پایان هدف', (p) => p.targetDate),
    ...dateColumns<Project>('زمان آخرین گزارش پیشرفت', (p) => p.progressReportedAt, 'moment'),
    ...recordedColumns<Project>(),
  ];
}

/** The drives (`GET /drives.csv`). */
export function driveColumns(): Column<Drive>[] {
  return [
    column('شناسه', (d) => d.id),
    column('نام', (d) => d.name),
    ...placeColumns<Drive>((d) => d.province),
    column('مرحله', (d) => d.phase),
    ...dateColumns<Drive>('تاریخ شروع', (d) => d.startDate),
    ...dateColumns<Drive>('تاریخ پایان', (d) => d.endDate),
    column('نهادهای همکار (شناسه و نقش)', (d) => partnersText(d.partners)),
    ...recordedColumns<Drive>(),
  ];
}

/** The partner register (`GET /partners.csv`). */
export function partnerColumns(): Column<Partner>[] {
  return [
    column('شناسه', (p) => p.id),
    column('نام', (p) => p.name),
    ...labelColumns<Partner>('نوع', (p) => p.kind, PARTNER_KIND_LABELS),
    column('شناسهٔ نهاد بالادست', (p) => p.parent),
    ...recordedColumns<Partner>(),
  ];
}

const voidColumns = <Row extends { voidedAt?: string | undefined; voidReason?: string | undefined }>(): Column<Row>[] => [
  column('باطل‌شده', (r) => r.voidedAt !== undefined),
  ...dateColumns<Row>('زمان ابطال', (r) => r.voidedAt, 'moment'),
  column('دلیل ابطال', (r) => r.voidReason),
];

/** Donations (`GET /donations.csv`): what, where and when; never the donor (no name, no phone, for anyone). */
export function donationColumns(): Column<Donation>[] {
  return [
    column('شناسه', (d) => d.id),
    column('شناسهٔ پویش', (d) => d.driveId),
    ...placeColumns<Donation>((d) => d.province),
    ...countyColumns<Donation & { countyCode?: string }>(),
    ...labelColumns<Donation>('نوع کمک', (d) => d.kind, DONATION_KIND_LABELS),
    column('مبلغ یا ارزش (تومان)', (d) => d.amountToman),
    column('اقلام', (d) => goodsText(d.items)),
    column('محل دریافت', (d) => d.channel),
    ...dateColumns<Donation>('زمان دریافت', (d) => d.receivedAt, 'moment'),
    ...voidColumns<Donation>(),
    ...recordedColumns<Donation>(),
  ];
}

/** Distributions (`GET /distributions.csv`). */
export function distributionColumns(): Column<Distribution>[] {
  return [
    column('شناسه', (d) => d.id),
    column('شناسهٔ پویش', (d) => d.driveId),
    ...placeColumns<Distribution>((d) => d.province),
    ...countyColumns<Distribution & { countyCode?: string }>(),
    ...labelColumns<Distribution>('نوع توزیع', (d) => d.kind, DISTRIBUTION_KIND_LABELS),
    column('شمار بسته‌ها', (d) => d.packages),
    column('خانوارها', (d) => d.households),
    column('ارزش (تومان)', (d) => d.valueToman),
    column('اقلام', (d) => goodsText(d.items)),
    column('مرحله', (d) => d.phase),
    column('نهادهای همکار (شناسه و نقش)', (d) => partnersText(d.partners)),
    ...dateColumns<Distribution>('زمان توزیع', (d) => d.distributedAt, 'moment'),
    ...voidColumns<Distribution>(),
    ...recordedColumns<Distribution>(),
  ];
}

/** The indicators any of `figures` has a value for, in catalogue order, then the rest by code. */
export function indicatorsOf(figures: readonly Pick<Figures, 'outputs'>[], catalogue: readonly { code: string; fa: string }[] = SHIPPED_INDICATORS) {
  const codes = new Set(figures.flatMap((f) => Object.keys(f.outputs)));
  const known = catalogue.filter((i) => codes.has(i.code));
  const rest = [...codes].filter((c) => !known.some((i) => i.code === c)).sort();
  return [...known.map((i) => ({ code: i.code, fa: i.fa })), ...rest.map((code) => ({ code, fa: indicatorName(code) }))];
}

/**
 * The figures of a scope (a province, a county, a programme) as columns: projects by status,
 * money, people, each indicator's target, actual and plan, donations and distributions; the
 * time they were last counted. `indicators` are the output columns (indicatorsOf the rows).
 */
export function figureColumns<Row>(
  figuresOf: (row: Row) => Figures & { updatedAt?: string | null },
  indicators: readonly { code: string; fa: string }[] = [],
): Column<Row>[] {
  const p = (row: Row) => figuresOf(row).projects;
  const d = (row: Row) => figuresOf(row).donations;
  const x = (row: Row) => figuresOf(row).distributions;
  return [
    column('پروژه‌ها (بی لغوشده)', (r) => p(r).total),
    ...PROJECT_STATUSES.map((s) => column<Row>(`پروژه‌های ${PROJECT_STATUS_LABELS[s]}`, (r) => p(r).byStatus[s])),
    column('نزدیک به پایان (بیش از ۷۰٪)', (r) => p(r).nearCompletion),
    column('میانگین پیشرفت (درصد)', (r) => p(r).averageProgressPercent),
    column('اعتبار (تومان)', (r) => p(r).budgetToman),
    column('تسهیلات (تومان)', (r) => p(r).loansToman),
    column('اشتغال ایجادشده', (r) => p(r).jobsCreated),
    column('واحدهای مسکونی', (r) => p(r).housingUnits),
    column('خانوارهای بهره‌مند', (r) => p(r).beneficiaryHouseholds),
    column('روستاهای بهره‌مند', (r) => p(r).villages),
    column('دهستان‌های بهره‌مند', (r) => p(r).ruralDistricts),
    ...indicators.flatMap((i) => [
      column<Row>(`${i.fa} (هدف)`, (r) => figuresOf(r).outputs[i.code]?.target ?? 0),
      column<Row>(`${i.fa} (محقق)`, (r) => figuresOf(r).outputs[i.code]?.actual ?? 0),
      column<Row>(`${i.fa} (برنامه)`, (r) => figuresOf(r).outputs[i.code]?.planned ?? 0),
    ]),
    column('کمک‌ها', (r) => d(r).count),
    column('کمک نقدی (تومان)', (r) => d(r).cashToman),
    column('کمک غیرنقدی (تومان)', (r) => d(r).inKindToman),
    column('جمع کمک‌ها (تومان)', (r) => d(r).totalToman),
    column('توزیع‌ها', (r) => x(r).count),
    column('بسته‌های توزیع‌شده', (r) => x(r).packages),
    column('توزیع‌های بی شمار بسته', (r) => x(r).uncounted),
    column('خانوارهای دریافت‌کننده', (r) => x(r).households),
    column('ارزش توزیع (تومان)', (r) => x(r).valueToman),
    ...dateColumns<Row>('زمان آخرین شمارش', (r) => figuresOf(r).updatedAt ?? undefined, 'moment'),
  ];
}
