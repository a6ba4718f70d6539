import type { FiguresJson } from '../types.ts';
import { toman } from '../format/numbers.ts';

/**
 * The figures a reader can choose to see on the map, the table, the counties and the trend:
 * one definition of each (label, how to read it from the API's figures, whether it is money).
 */
export interface FigureDef {
  key: string;
  label: string;
  /** Short column header. */
  short: string;
  money: boolean;
  read: (f: FiguresJson) => bigint;
}

const n = (value: number) => BigInt(Math.round(value));

export const FIGURES: readonly FigureDef[] = [
  { key: 'projects', label: 'تعداد پروژه‌ها', short: 'پروژه', money: false, read: (f) => n(f.projects.total) },
  { key: 'nearCompletion', label: 'پروژه‌های نزدیک به اتمام', short: 'نزدیک به اتمام', money: false, read: (f) => n(f.projects.nearCompletion) },
  { key: 'budget', label: 'اعتبار پروژه‌ها (تومان)', short: 'اعتبار', money: true, read: (f) => toman(f.projects.budgetToman) },
  { key: 'loans', label: 'تسهیلات (تومان)', short: 'تسهیلات', money: true, read: (f) => toman(f.projects.loansToman) },
  { key: 'jobs', label: 'اشتغال ایجادشده (نفر)', short: 'اشتغال', money: false, read: (f) => n(f.projects.jobsCreated) },
  { key: 'housing', label: 'واحدهای مسکونی', short: 'مسکن', money: false, read: (f) => n(f.projects.housingUnits) },
  { key: 'donationCount', label: 'تعداد کمک‌های مردمی', short: 'کمک‌ها', money: false, read: (f) => n(f.donations.count) },
  { key: 'donations', label: 'مبلغ کمک‌های مردمی (تومان)', short: 'مبلغ کمک‌ها', money: true, read: (f) => toman(f.donations.totalToman) },
  { key: 'packages', label: 'بسته‌های توزیع‌شده', short: 'بسته‌ها', money: false, read: (f) => n(f.distributions.packages) },
  { key: 'households', label: 'خانوارهای دریافت‌کنندهٔ بسته', short: 'خانوارها', money: false, read: (f) => n(f.distributions.households) },
];

/** The figures the issue asks the map to offer. */
export const MAP_FIGURES = ['projects', 'budget', 'jobs', 'housing', 'donations', 'packages'].map((k) => figure(k));

export function figure(key: string): FigureDef {
  return FIGURES.find((f) => f.key === key) ?? FIGURES[0]!;
}
