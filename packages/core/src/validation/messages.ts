import type * as z from 'zod';
// Only the two locales we speak, not zod's whole `locales` namespace (it would bundle every language).
import en from 'zod/v4/locales/en.js';
import { JALALI_MONTHS } from '../dates/jalali.ts';
import { EARLIEST_DATE, PLANNING_HORIZON_YEARS } from './date-range.ts';
import { faNumber, persianIssue } from './fa-issues.ts';

export type Language = 'en' | 'fa';

/** Messages of the project's own rules (zod's locales cover the built-in checks). */
const RULE_MESSAGES: Record<string, Record<Language, (params: Record<string, unknown>) => string>> = {
  toman: { en: () => 'Expected a whole number of toman (digits, separators allowed)', fa: () => 'مبلغ باید عددی صحیح به تومان باشد' },
  tomanRange: { en: () => 'Amount out of range', fa: () => 'مبلغ خارج از محدودهٔ مجاز است' },
  // Numbers as people write them (text/persian-numbers.ts).
  tomanNotWhole: {
    en: () => 'The amount must be a whole number of toman (e.g. «۱٫۲۵ میلیون» is 1,250,000; «۱٫۲۳۴۵ هزار» is not whole)',
    fa: () => 'مبلغ باید عددی صحیح به تومان باشد؛ این مقدار کسری از تومان دارد',
  },
  countNotWhole: { en: () => 'Expected a whole number, without a fraction', fa: () => 'باید عددی صحیح و بدون کسر باشد' },
  listComma: {
    en: () => 'The Arabic comma «،» separates list items, not thousands; write 4٬482, 4,482 or 4482',
    fa: () => 'ویرگول «،» جداکنندهٔ فهرست است، نه هزارگان؛ بنویسید ۴٬۴۸۲ یا ۴۴۸۲',
  },
  count: {
    en: (p) => (p.max === undefined ? 'Expected a whole number from 0' : `Expected a whole number from 0 to ${String(p.max)}`),
    fa: (p) => (faNumber(p.max) ? `باید عددی صحیح از ۰ تا ${faNumber(p.max)} باشد` : 'باید عددی صحیح و نامنفی باشد'),
  },
  percent: { en: () => 'Expected a percentage from 0 to 100', fa: () => 'درصد پیشرفت باید بین ۰ تا ۱۰۰ باشد' },
  ulid: { en: () => 'Expected an id (ULID)', fa: () => 'شناسه معتبر نیست' },
  brokenCharacter: {
    en: () => 'The text holds a broken character (�), left by a bad copy or encoding; type it again',
    fa: () => 'متن نویسهٔ خراب (�) دارد که از رونوشت یا کدگذاری نادرست مانده است؛ آن را دوباره تایپ کنید',
  },
  emptyText: {
    en: () => 'Must not be empty; spaces and invisible characters do not count',
    fa: () => 'این فیلد نباید خالی باشد؛ فاصله و نویسه‌های نامرئی شمرده نمی‌شوند',
  },
  dateTooEarly: {
    en: () => `The date is before ${EARLIEST_DATE.slice(0, 4)} (a Jalali year is 1300–1499, a Gregorian one ${EARLIEST_DATE.slice(0, 4)} or later)`,
    fa: () =>
      `تاریخ نمی‌تواند پیش از سال ${Number(EARLIEST_DATE.slice(0, 4)).toLocaleString('fa-IR', { useGrouping: false })} میلادی باشد (سال شمسی از ۱۳۰۰ تا ۱۴۹۹)`,
  },
  // Dates as typed (dates/jalali.ts, schemas/common.ts): which forms are read, and a day that does not exist.
  dateInput: {
    en: (p) =>
      p.form === 'dateTime'
        ? 'Expected a date and time: Jalali 1403/01/01 10:30 (Tehran time) or a Jalali date alone (۱۴۰۳/۰۱/۰۱, ۱ فروردین ۱۴۰۳), or ISO 2024-03-20T10:30:00+03:30'
        : `Expected a date: Jalali ۱۳۹۹/۰۱/۰۱, 1399-01-01, 1399/1/1 or ۱ فروردین ۱۳۹۹${p.form === 'dateOrMonth' ? ', a Jalali month (فروردین ۱۴۰۴)' : ''}, or ISO Gregorian 2020-03-20`,
    fa: (p) =>
      p.form === 'dateTime'
        ? 'تاریخ و ساعت را به یکی از این شکل‌ها بنویسید: ۱۴۰۳/۰۱/۰۱ ۱۰:۳۰ (به وقت تهران)، ۱۴۰۳/۰۱/۰۱ یا ۱ فروردین ۱۴۰۳، یا میلادی با ساعت و اختلاف از گرینویچ، مثلاً ۲۰۲۴-۰۳-۲۰ و ۱۰:۳۰:۰۰+۰۳:۳۰ که حرف لاتین «تی» میانشان می‌آید'
        : `تاریخ را به یکی از این شکل‌ها بنویسید: ۱۳۹۹/۰۱/۰۱، ۱۳۹۹-۰۱-۰۱، ۱۳۹۹/۱/۱ یا ۱ فروردین ۱۳۹۹${p.form === 'dateOrMonth' ? '، یا یک ماه: فروردین ۱۴۰۴' : ''}، یا میلادی ۲۰۲۰-۰۳-۲۰`,
  },
  noSuchDay: {
    en: (p) =>
      typeof p.days === 'number'
        ? `No such day: month ${String(p.month)} of ${String(p.year)} (${p.calendar === 'jalali' ? 'Jalali' : 'Gregorian'}) has ${String(p.days)} days`
        : `No such day: a year has 12 months (${p.calendar === 'jalali' ? 'Jalali' : 'Gregorian'})`,
    fa: (p) => {
      const fa = (n: unknown) => Number(n).toLocaleString('fa-IR', { useGrouping: false });
      const jalali = p.calendar === 'jalali';
      const month = jalali ? (JALALI_MONTHS[Number(p.month) - 1] ?? '') : `ماه ${fa(p.month)}`;
      return typeof p.days === 'number'
        ? `چنین روزی در تقویم ${jalali ? 'شمسی' : 'میلادی'} نیست: ${month} ${fa(p.year)} ${fa(p.days)} روز دارد`
        : `چنین روزی در تقویم ${jalali ? 'شمسی' : 'میلادی'} نیست: سال ۱۲ ماه دارد`;
    },
  },
  dateTooFarAhead: {
    en: () => `The date is more than ${PLANNING_HORIZON_YEARS} years ahead`,
    fa: () => `تاریخ نمی‌تواند بیش از ${PLANNING_HORIZON_YEARS.toLocaleString('fa-IR')} سال بعد باشد`,
  },
  momentInFuture: {
    en: () => 'The date is in the future; only what has already happened can be recorded',
    fa: () => 'تاریخ در آینده است؛ فقط رویدادی که رخ داده ثبت می‌شود',
  },
  phone: {
    en: () => 'Expected an Iranian mobile (09121234567) or a landline with its area code (02188776655); a number abroad as +44…',
    fa: () => 'شماره باید همراه (مثلاً ۰۹۱۲۱۲۳۴۵۶۷) یا ثابت با پیش‌شماره (مثلاً ۰۲۱۸۸۷۷۶۶۵۵) باشد؛ شمارهٔ خارج از کشور با + و کد کشور',
  },
  finishedNeeds100: {
    en: () => 'A completed or operational project must be at 100% progress',
    fa: () => 'پروژهٔ تکمیل‌شده یا در حال بهره‌برداری باید ۱۰۰ درصد پیشرفت داشته باشد',
  },
  quantityWithUnit: { en: () => 'Quantity and unit go together', fa: () => 'مقدار و واحد باید با هم وارد شوند' },
  targetBeforeStart: { en: () => 'The target date is before the start date', fa: () => 'تاریخ پایان پیش از تاریخ شروع است' },
  endBeforeStart: { en: () => 'The end date is before the start date', fa: () => 'تاریخ پایان پیش از تاریخ شروع است' },
  // Slices of the province figures (aggregation/figure-slices.ts).
  sliceOneDimension: {
    en: (p) => `Figures are sliced by one of programme, drive and category at a time: ${String(p.parameter)} cannot be combined with ${String(p.other)}`,
    fa: (p) =>
      `آمار را هر بار فقط به یکی از برنامه، پویش یا دستهٔ پروژه می‌توان برش زد: «${SLICE_LABELS[String(p.parameter)] ?? ''}» با «${SLICE_LABELS[String(p.other)] ?? ''}» همراه نمی‌شود`,
  },
  slicePeriod: {
    en: (p) => `A period (from, to) cannot be combined with ${String(p.parameter)}: the daily history is kept per province only`,
    fa: (p) => `بازهٔ زمانی (از، تا) با برش «${SLICE_LABELS[String(p.parameter)] ?? ''}» همراه نمی‌شود: آمار روزانهٔ گذشته فقط برای هر استان نگه داشته می‌شود`,
  },
  periodNotBegun: { en: () => 'The period begins after today: it has no figures yet', fa: () => 'این بازه پس از امروز آغاز می‌شود و هنوز آماری ندارد' },
  emptyPatch: { en: () => 'Nothing to change', fa: () => 'هیچ فیلدی برای تغییر فرستاده نشده است' },
  inKindNeedsItems: { en: () => 'An in-kind donation lists its goods', fa: () => 'برای کمک غیرنقدی فهرست اقلام لازم است' },
  cashHasNoItems: { en: () => 'A cash donation has no goods', fa: () => 'کمک نقدی فهرست اقلام ندارد' },
  cashNeedsAmount: { en: () => 'A cash donation needs an amount', fa: () => 'مبلغ کمک نقدی باید بیشتر از صفر باشد' },
  atLeastOne: { en: () => 'Expected at least one', fa: () => 'دست‌کم باید یک باشد' },
  driveNotFound: { en: () => 'No drive has this id', fa: () => 'پویشی با این شناسه وجود ندارد' },
  idempotencyKeyReused: {
    en: () => 'This Idempotency-Key was already used with another request',
    fa: () => 'این کلید تکرار پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بفرستید',
  },
  outputNeedsValue: { en: () => 'An output gives a target, an actual or both', fa: () => 'برای هر شاخص، هدف یا مقدار محقق‌شده (یا هر دو) لازم است' },
  indicatorFromField: {
    en: (p) => `This indicator's actual is the field ${String(p.field ?? '')}; give it there`,
    fa: (p) => `مقدار محقق‌شدهٔ این شاخص از فیلد «${INDICATOR_FIELD_NAMES[String(p.field)] ?? 'دیگری از پروژه'}» خوانده می‌شود؛ آن را همان‌جا وارد کنید`,
  },
  duplicateIndicator: { en: () => 'This indicator is listed twice', fa: () => 'این شاخص دو بار آمده است' },
  indicatorNotAdditive: {
    en: () => 'This indicator does not add up across places (a percentage): it cannot be a target',
    fa: () => 'این شاخص (مانند درصد) میان مکان‌ها جمع‌پذیر نیست و نمی‌تواند هدف برنامه باشد',
  },
  unknownCounty: {
    en: (p) =>
      `No county of this province has this name${Array.isArray(p.suggestions) && p.suggestions.length ? `; did you mean ${p.suggestions.join(', ')}?` : ''}`,
    fa: (p) =>
      `این استان شهرستانی با این نام ندارد${Array.isArray(p.suggestions) && p.suggestions.length ? `؛ شاید منظورتان ${p.suggestions.map((s) => `«${String(s)}»`).join('، ')} است` : ''}`,
  },
  unknownIndicator: { en: () => 'No indicator of the catalogue has this code', fa: () => 'شاخصی با این کد در فهرست شاخص‌ها نیست' },
  driveProvince: {
    en: () => 'The drive belongs to another province',
    fa: () => 'این پویش متعلق به استان دیگری است',
  },
  recordVoided: {
    en: () => 'This record was voided; it can no longer be corrected or voided again',
    fa: () => 'این رکورد باطل شده است و دیگر نمی‌توان آن را اصلاح یا دوباره باطل کرد',
  },
  // The partner register (store/partners.ts, schemas/partner.ts).
  partnerNameTaken: { en: () => 'Another partner already has this name', fa: () => 'نهاد همکار دیگری با همین نام ثبت شده است' },
  partnerNotFound: { en: () => 'No partner has this id', fa: () => 'نهاد همکاری با این شناسه وجود ندارد' },
  parentIsSelf: { en: () => 'A partner cannot be its own parent', fa: () => 'نهاد همکار نمی‌تواند زیرمجموعهٔ خودش باشد' },
  parentCycle: {
    en: () => 'This parent is already under this partner: the hierarchy would go round in a circle',
    fa: () => 'این نهاد خود زیرمجموعهٔ همین نهاد همکار است و سلسله‌مراتب دوری می‌شود',
  },
  partnerTooDeep: {
    en: () => 'The hierarchy of partners is too deep: at most 8 partners above one',
    fa: () => 'سلسله‌مراتب نهادهای همکار بیش از حد عمیق است: حداکثر ۸ نهاد بالای هر نهاد',
  },
  duplicatePartnerRole: {
    en: () => 'This partner is already named with this role',
    fa: () => 'این نهاد همکار با همین نقش پیش‌تر آمده است',
  },
  countyNeedsProvince: {
    en: () => 'A county is looked up within its province: give province too',
    fa: () => 'شهرستان در استان خودش جست‌وجو می‌شود؛ استان را هم انتخاب کنید',
  },
  // Exports (export/collect.ts).
  tooManyRows: {
    en: (p) => `The export has more than ${String(p.max)} rows; narrow it with filters (province, status, period…)`,
    fa: (p) => `این فهرست بیش از ${Number(p.max).toLocaleString('fa-IR')} ردیف دارد؛ آن را با پالایه‌ها (استان، وضعیت، بازهٔ زمانی…) کوچک‌تر کنید و دوباره بگیرید`,
  },
  exportTooLarge: {
    en: () => 'The export is too large for one file; narrow it with filters (province, status, period…)',
    fa: () => 'این فهرست برای یک پرونده بیش از اندازه بزرگ است؛ آن را با پالایه‌ها (استان، وضعیت، بازهٔ زمانی…) کوچک‌تر کنید و دوباره بگیرید',
  },
};

/** The slices of the province figures, named in Persian. */
const SLICE_LABELS: Record<string, string> = { programme: 'برنامه', drive: 'پویش', category: 'دستهٔ پروژه' };

/** The project fields an indicator's actual is read from (indicators/catalogue.ts INDICATOR_FIELDS), named in Persian. */
const INDICATOR_FIELD_NAMES: Record<string, string> = {
  projects: 'شمار پروژه‌ها',
  jobsCreated: 'اشتغال ایجادشده',
  housingUnits: 'واحدهای مسکونی',
  beneficiaryHouseholds: 'خانوارهای بهره‌مند',
};

/** zod's English locale; in Persian our own map (fa-issues.ts), which names no English type or code. */
const LOCALES: Record<Language, z.core.$ZodErrorMap> = {
  en: en().localeError,
  fa: persianIssue,
};

/** The error map for one language: our rules by key, zod's own locale for the rest. */
export function errorMapFor(language: Language): z.core.$ZodErrorMap {
  return (issue) => {
    const key = issue.code === 'custom' ? (issue.params as { key?: string } | undefined)?.key : undefined;
    const rule = key ? RULE_MESSAGES[key] : undefined;
    if (rule) return rule[language]((issue.params ?? {}) as Record<string, unknown>);
    // A date zod's own format check rejects says the forms that are read, as the date parsers do.
    if (issue.code === 'invalid_format' && (issue.format === 'date' || issue.format === 'datetime')) {
      return ruleMessage('dateFormat', language, { form: issue.format === 'date' ? 'date' : 'dateTime' });
    }
    return LOCALES[language](issue);
  };
}

/** A rule message outside a schema (checks that need the store, such as "the drive exists"). */
export function ruleMessage(key: string, language: Language, params: Record<string, unknown> = {}): string {
  return RULE_MESSAGES[key]?.[language](params) ?? key;
}
