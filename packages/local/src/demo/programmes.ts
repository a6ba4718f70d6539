import type { County, ProjectCategory } from '@abad/core';
import type { Random } from './random.ts';

/**
 * The programmes of the demo data set: what each one builds, how its projects are sized and
 * titled, which indicator its plans set targets in, and what field reports say at each stage.
 */
export interface ProjectShape {
  title: string;
  category: ProjectCategory;
  subcategory?: string;
  budgetToman: bigint;
  loansToman: bigint;
  jobsCreated: number;
  housingUnits: number;
  beneficiaryHouseholds: number;
  villages?: number;
  ruralDistricts?: number;
  /** Targets; progress reports bring the actuals of these indicators along with the percentage. */
  outputs: { indicator: string; target: number }[];
  /** Below 1 when a finished project delivers less than it aimed at (4,482 workshops of 5,000). */
  delivered: number;
}

export interface ProgrammeSpec {
  key: string;
  name: string;
  /** The indicator the programme's plans (targets per province) are set in. */
  planIndicator: string;
  /** What a project of the programme counts of `planIndicator` (its target or its fixed figure). */
  planned: (project: ProjectShape) => number;
  /** Relative share of a province's projects. */
  weight: number;
  /** The partner keys (people.ts) that carry out the programme's projects. */
  implementing: readonly string[];
  /** The partner keys that may fund them. */
  funding: readonly string[];
  project: (r: Random, county: County, index: number) => ProjectShape;
  notes: { start: readonly string[]; middle: readonly string[]; end: readonly string[] };
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
/** Digits as a Persian writer types them in a title. */
export const fa = (n: number | string) => String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!);

const MILLION = 1_000_000;
const BILLION = 1_000_000_000;
const target = (output: ProjectShape['outputs'][number] | undefined) => output?.target ?? 0;

const COMMON_START = [
  'تحویل زمین و تجهیز کارگاه انجام شد.',
  'قرارداد با پیمانکار محلی بسته شد و عملیات اجرایی آغاز شد.',
  'نقشه‌برداری و پیاده‌سازی نقشه روی زمین انجام شد.',
];
const COMMON_MIDDLE = [
  'کار طبق برنامه پیش می‌رود.',
  'بازدید کارشناس ستاد استان انجام شد؛ کیفیت کار مطلوب است.',
  'به‌دلیل بارندگی چند روز کار متوقف بود و دوباره از سر گرفته شد.',
  'تأخیر در تأمین مصالح؛ پیگیری از طریق فرمانداری.',
  'قسط دوم اعتبار پرداخت شد.',
];
const COMMON_END = ['کار تکمیل شد و صورت‌جلسهٔ تحویل امضا شد.', 'پروژه با حضور مسئولان شهرستان افتتاح شد.'];

export const PROGRAMMES: Record<string, ProgrammeSpec> = {
  housing: {
    key: 'housing',
    name: 'مسکن محرومان',
    planIndicator: 'housing_units',
    planned: (p) => p.housingUnits,
    weight: 30,
    implementing: ['housing-foundation', 'mehrafarin-hamadan', 'jihadi'],
    funding: ['mehrafarin', 'omid-fund'],
    project: (r, county, index) => {
      const units = r.int(4, 36);
      return {
        title: `ساخت ${fa(units)} واحد مسکن محرومان در ${county.name} (بلوک ${fa(index)})`,
        category: 'housing',
        budgetToman: BigInt(units) * r.amount(450 * MILLION, 950 * MILLION, 10 * MILLION),
        loansToman: BigInt(units) * 200n * BigInt(MILLION),
        jobsCreated: units * r.int(1, 3),
        housingUnits: units,
        beneficiaryHouseholds: units,
        villages: r.int(1, 4),
        outputs: [{ indicator: 'housing_units_built', target: units }],
        delivered: 1,
      };
    },
    notes: {
      start: [...COMMON_START, 'فهرست خانوارهای واجد شرایط از کمیتهٔ امداد و بهزیستی دریافت شد.'],
      middle: [...COMMON_MIDDLE, 'فونداسیون همهٔ واحدها اجرا شد.', 'اسکلت واحدها تکمیل شد؛ سفت‌کاری در جریان است.', 'نازک‌کاری و نصب در و پنجره آغاز شد.'],
      end: [...COMMON_END, 'کلید واحدها به خانوارها تحویل داده شد.'],
    },
  },
  workshops: {
    key: 'workshops',
    name: 'کارگاه‌های تولیدی',
    planIndicator: 'workshops',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'workshops')),
    weight: 24,
    implementing: ['jihadi', 'mehrafarin', 'relief-committee'],
    funding: ['omid-fund'],
    project: (r, county) => {
      const trade = r.pick([
        ['قالی‌بافی', 'workshop'],
        ['خیاطی و پوشاک', 'workshop'],
        ['صنایع دستی', 'workshop'],
        ['پرورش دام سبک', 'agriculture'],
        ['گلخانهٔ خانوادگی', 'agriculture'],
        ['زنبورداری', 'agriculture'],
      ] as const);
      const workshops = r.int(12, 160);
      const loans = BigInt(workshops) * r.amount(120 * MILLION, 380 * MILLION, 10 * MILLION);
      return {
        title: `کارگاه‌های ${trade[0]} مشاغل خانگی ${county.name}`,
        category: trade[1],
        subcategory: trade[0],
        budgetToman: loans / 10n,
        loansToman: loans,
        jobsCreated: workshops * r.int(1, 3),
        housingUnits: 0,
        beneficiaryHouseholds: workshops,
        villages: r.int(3, 25),
        outputs: [{ indicator: 'workshops', target: workshops }],
        delivered: 0.82 + r.next() * 0.18,
      };
    },
    notes: {
      start: ['ثبت‌نام متقاضیان و آموزش مهارت آغاز شد.', 'پرونده‌های تسهیلات به بانک عامل معرفی شد.'],
      middle: [
        'تسهیلات گروه دوم متقاضیان پرداخت شد.',
        'دورهٔ آموزش فنی‌وحرفه‌ای برای متقاضیان برگزار شد.',
        'چند متقاضی انصراف دادند و جایگزین شدند.',
        ...COMMON_MIDDLE.slice(1, 2),
      ],
      end: ['همهٔ کارگاه‌ها راه‌اندازی شدند و تولید آغاز شد.', 'بازارچهٔ فروش محصولات کارگاه‌ها برپا شد.'],
    },
  },
  water: {
    key: 'water',
    name: 'آبرسانی روستایی',
    planIndicator: 'villages_supplied_water',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'villages_supplied_water')),
    weight: 20,
    implementing: ['water-company', 'jihadi', 'relief-office-sistan'],
    funding: ['intl-fund', 'mehrafarin'],
    project: (r, county) => {
      const villages = r.int(1, 9);
      const km = r.int(4, 45);
      return {
        title: `آبرسانی به ${fa(villages)} روستای ${county.name}`,
        category: 'water',
        budgetToman: BigInt(km) * r.amount(800 * MILLION, 2 * BILLION, 50 * MILLION),
        loansToman: 0n,
        jobsCreated: r.int(5, 40),
        housingUnits: 0,
        beneficiaryHouseholds: villages * r.int(40, 220),
        villages,
        ruralDistricts: r.int(1, 2),
        outputs: [
          { indicator: 'villages_supplied_water', target: villages },
          { indicator: 'water_pipe_km', target: km },
          { indicator: 'water_tanks', target: r.int(1, 4) },
        ],
        delivered: 1,
      };
    },
    notes: {
      start: [...COMMON_START.slice(0, 2), 'لوله‌ها و اتصالات از انبار استان تحویل گرفته شد.'],
      middle: [...COMMON_MIDDLE, 'حفاری و لوله‌گذاری نیمی از مسیر انجام شد.', 'مخزن بتنی قالب‌بندی و بتن‌ریزی شد.', 'آزمایش فشار خط انتقال انجام شد.'],
      end: ['آب شرب به روستاها رسید و انشعاب خانوارها نصب شد.', ...COMMON_END.slice(1)],
    },
  },
  schools: {
    key: 'schools',
    name: 'مدرسه‌سازی',
    planIndicator: 'classrooms',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'classrooms')),
    weight: 16,
    implementing: ['school-renovation', 'mehrafarin'],
    funding: ['mehrafarin', 'intl-fund'],
    project: (r, county) => {
      const classrooms = r.pick([3, 4, 6, 6, 8, 9, 12]);
      return {
        title: `مدرسهٔ ${fa(classrooms)} کلاسهٔ خیرساز ${county.name}`,
        category: 'school',
        budgetToman: BigInt(classrooms) * r.amount(1.6 * BILLION, 3.2 * BILLION, 100 * MILLION),
        loansToman: 0n,
        jobsCreated: r.int(8, 30),
        housingUnits: 0,
        beneficiaryHouseholds: classrooms * r.int(15, 25),
        outputs: [
          { indicator: 'schools', target: 1 },
          { indicator: 'classrooms', target: classrooms },
          { indicator: 'school_toilets', target: r.int(1, 3) },
        ],
        delivered: 1,
      };
    },
    notes: {
      start: [...COMMON_START, 'کلنگ مدرسه با حضور خیّر سازنده به زمین زده شد.'],
      middle: [...COMMON_MIDDLE, 'اسکلت بتنی ساختمان تکمیل شد.', 'سقف کلاس‌ها بتن‌ریزی شد.', 'تأسیسات گرمایشی نصب شد.'],
      end: ['مدرسه تحویل آموزش‌وپرورش شد و برای سال تحصیلی جدید آماده است.', ...COMMON_END.slice(1)],
    },
  },
  health: {
    key: 'health',
    name: 'سلامت روستایی',
    planIndicator: 'health_houses',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'health_houses')),
    weight: 10,
    implementing: ['medical-university'],
    funding: ['intl-fund', 'mehrafarin'],
    project: (r, county) => ({
      title: `خانهٔ بهداشت روستایی ${county.name}`,
      category: 'health',
      budgetToman: r.amount(4 * BILLION, 14 * BILLION, 100 * MILLION),
      loansToman: 0n,
      jobsCreated: r.int(2, 8),
      housingUnits: 0,
      beneficiaryHouseholds: r.int(150, 900),
      villages: r.int(2, 7),
      outputs: [
        { indicator: 'health_houses', target: 1 },
        { indicator: 'medical_devices', target: r.int(6, 30) },
      ],
      delivered: 1,
    }),
    notes: {
      start: COMMON_START,
      middle: [...COMMON_MIDDLE, 'ساختمان خانهٔ بهداشت به مرحلهٔ نازک‌کاری رسید.', 'تجهیزات پزشکی خریداری شد.'],
      end: ['خانهٔ بهداشت با حضور بهورز و پزشک خانواده آغاز به کار کرد.', ...COMMON_END],
    },
  },
  flood: {
    key: 'flood',
    name: 'بازسازی پس از سیل',
    planIndicator: 'housing_units_repaired',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'housing_units_repaired')),
    weight: 22,
    implementing: ['housing-foundation', 'relief-office-khuzestan', 'relief-office-sistan', 'jihadi'],
    funding: ['intl-fund', 'mehrafarin'],
    project: (r, county) => {
      const repaired = r.int(10, 140);
      const wall = r.chance(0.5) ? r.int(200, 2_500) : 0;
      return {
        title: wall ? `بازسازی منازل و دیوارهٔ سیل‌بند ${county.name}` : `بازسازی ${fa(repaired)} واحد مسکونی سیل‌زده در ${county.name}`,
        category: wall ? 'flood_protection' : 'reconstruction',
        budgetToman: BigInt(repaired) * r.amount(150 * MILLION, 350 * MILLION, 10 * MILLION) + BigInt(wall) * 5n * BigInt(MILLION),
        loansToman: BigInt(repaired) * 100n * BigInt(MILLION),
        jobsCreated: r.int(10, 60),
        housingUnits: 0,
        beneficiaryHouseholds: repaired,
        villages: r.int(1, 12),
        outputs: [{ indicator: 'housing_units_repaired', target: repaired }, ...(wall ? [{ indicator: 'flood_walls_m', target: wall }] : [])],
        delivered: 1,
      };
    },
    notes: {
      start: ['ارزیابی خسارت منازل آسیب‌دیده انجام شد.', 'لایروبی و پاک‌سازی گل‌ولای آغاز شد.'],
      middle: [...COMMON_MIDDLE, 'مقاوم‌سازی منازل گروه اول تمام شد.', 'مصالح اهدایی پویش بین خانوارها توزیع شد.'],
      end: ['منازل بازسازی‌شده به خانوارها تحویل شد.', ...COMMON_END],
    },
  },
  quake: {
    key: 'quake',
    name: 'بازسازی پس از زلزله',
    planIndicator: 'housing_units_repaired',
    planned: (p) => target(p.outputs.find((o) => o.indicator === 'housing_units_repaired')),
    weight: 25,
    implementing: ['housing-foundation', 'jihadi'],
    funding: ['intl-fund', 'mehrafarin'],
    project: (r, county) => {
      const built = r.int(4, 30);
      const repaired = r.int(10, 90);
      return {
        title: `بازسازی و مقاوم‌سازی واحدهای زلزله‌زدهٔ ${county.name}`,
        category: 'reconstruction',
        budgetToman: BigInt(built) * 700n * BigInt(MILLION) + BigInt(repaired) * r.amount(120 * MILLION, 250 * MILLION, 10 * MILLION),
        loansToman: BigInt(built + repaired) * 150n * BigInt(MILLION),
        jobsCreated: r.int(10, 50),
        housingUnits: built,
        beneficiaryHouseholds: built + repaired,
        villages: r.int(1, 8),
        outputs: [
          { indicator: 'housing_units_built', target: built },
          { indicator: 'housing_units_repaired', target: repaired },
        ],
        delivered: 1,
      };
    },
    notes: {
      start: ['آواربرداری و ارزیابی سازه‌ها انجام شد.', ...COMMON_START.slice(0, 1)],
      middle: [...COMMON_MIDDLE, 'واحدهای گروه اول به مرحلهٔ سقف رسید.', 'تیم فنی بنیاد مسکن مقاوم‌سازی را تأیید کرد.'],
      end: ['واحدها تحویل خانوارها شد.', ...COMMON_END],
    },
  },
};

/** Notes for a project that stopped. */
export const SUSPENSION_NOTES = [
  'کار به‌دلیل تأخیر در تخصیص اعتبار متوقف شد.',
  'پیمانکار کارگاه را ترک کرده است؛ تا انتخاب پیمانکار جدید کار متوقف است.',
  'اختلاف بر سر مالکیت زمین؛ تا رأی دادگاه کار متوقف است.',
];
