import {
  idForIdempotencyKey,
  type DistributionInput,
  type DistributionKind,
  type DonationInput,
  type DriveInput,
  type PartnerInput,
  type PartnerRole,
  type ProgressReportInput,
  type ProjectInput,
} from '@abad/core';
import type { VoidInput } from '@abad/core/schemas/voiding';
import { DEMO_PROVINCES } from './places.ts';
import { DEMO_PARTNERS, donor, partnersIn } from './people.ts';
import { PROGRAMMES, SUSPENSION_NOTES, fa, type ProgrammeSpec, type ProjectShape } from './programmes.ts';
import { Random } from './random.ts';

/**
 * The demo data set: what the provincial reports of a year would record, as the request bodies
 * an API client sends, in the order they can be written. Deterministic: the same seed and
 * anchor day give the same bodies, keys and ids, so a load that was cut short can be run again
 * and every write it already made is answered as a replay (the ids come from the keys).
 */
export const DEMO_SEED = 1404;
/** The token subject the demo writes as: idempotency keys are scoped by caller. */
export const DEMO_SUBJECT = 'abad-demo';

/** One write: its `Idempotency-Key`, the id that key gives the new item, and the body. */
export interface Keyed<T> {
  key: string;
  id: string;
  body: T;
}

export interface PlanBody {
  programme: string;
  province: string;
  indicator: string;
  target: number;
  from: string;
  to: string;
  note?: string;
}

/** How a project's year went. */
type Fate = 'running' | 'completed' | 'operational' | 'suspended' | 'cancelled';

export interface DemoProject extends Keyed<ProjectInput> {
  /** Field reports, oldest first, each dated in the past. */
  reports: Keyed<ProgressReportInput>[];
  /** What the project becomes after its last report (a patch of its status). */
  ending?: 'operational' | 'suspended' | 'cancelled';
}

export interface DemoDataSet {
  /** The day (UTC, `YYYY-MM-DD`) every date is counted back from. */
  anchor: string;
  partners: Keyed<PartnerInput>[];
  drives: Keyed<DriveInput>[];
  plans: Keyed<PlanBody>[];
  projects: DemoProject[];
  donations: Keyed<DonationInput>[];
  /** Donations entered twice by mistake, voided. */
  voids: Keyed<VoidInput & { donation: string }>[];
  distributions: Keyed<DistributionInput>[];
}

/** The routes whose keys decide the ids, as the API names them. */
export const DEMO_ROUTES = {
  partner: 'POST /partners',
  drive: 'POST /drives',
  plan: 'POST /plans',
  project: 'POST /projects',
  progress: 'POST /projects/{id}/progress',
  donation: 'POST /donations',
  void: 'POST /donations/{id}/void',
  distribution: 'POST /distributions',
} as const;

const DAY_MS = 86_400_000;

function keyed<T>(route: string, key: string, body: T): Keyed<T> {
  return { key, id: idForIdempotencyKey({ route, caller: DEMO_SUBJECT, key }), body };
}

/** Today as the anchor: the UTC day of `now`. */
export function anchorOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function demoDataSet(anchor: string, seed = DEMO_SEED): DemoDataSet {
  const r = new Random(seed);
  const anchorMs = Date.parse(`${anchor}T00:00:00Z`);
  if (!Number.isFinite(anchorMs)) throw new Error(`demo data: bad anchor day ${anchor}`);
  /** The day `daysAgo` days before the anchor (negative: after it). */
  const date = (daysAgo: number) => new Date(anchorMs - daysAgo * DAY_MS).toISOString().slice(0, 10);
  /** A moment of office hours (08:30–16:30 in Tehran) `daysAgo` (≥ 1) days before the anchor: always in the past. */
  const moment = (daysAgo: number) => new Date(anchorMs - Math.max(1, daysAgo) * DAY_MS + r.int(5 * 60, 13 * 60) * 60_000).toISOString();

  const partnerId = new Map<string, string>();
  const partners = DEMO_PARTNERS.map((p) => {
    const parent = p.parent ? partnerId.get(p.parent) : undefined;
    if (p.parent && !parent) throw new Error(`demo data: partner ${p.key} before its parent`);
    const item = keyed<PartnerInput>(DEMO_ROUTES.partner, `demo-partner-${p.key}`, { name: p.name, kind: p.kind, ...(parent ? { parent } : {}) });
    partnerId.set(p.key, item.id);
    return item;
  });
  const ref = (key: string, role: PartnerRole) => ({ partner: partnerId.get(key)!, role });

  // Drives: a national one finished months ago, Khuzestan's flood relief (finished), a national one running.
  interface DriveSpec {
    key: string;
    body: DriveInput & { province?: string; phase?: string };
    /** Days before the anchor its records fall in: [first, last]. */
    window: [number, number];
    donations: number;
    distributions: number;
    kinds: DistributionKind[];
    /** Goods given in kind: name, unit, value of one in toman. */
    goods: [string, string, number][];
  }
  const driveSpecs: DriveSpec[] = [
    {
      key: 'mehr',
      body: {
        name: 'پویش مهر همسایه',
        phase: 'مرحلهٔ اول',
        startDate: date(330),
        endDate: date(240),
        partners: [ref('helping-hands', 'implementing'), ref('mehrafarin', 'funding')],
      },
      window: [330, 240],
      donations: 100,
      distributions: 45,
      kinds: ['food', 'clothing', 'hot_meal', 'livelihood_package'],
      goods: [
        ['پتو', 'تخته', 600_000],
        ['فرش ماشینی', 'تخته', 4_500_000],
        ['لباس گرم', 'دست', 900_000],
        ['برنج', 'کیسه', 1_800_000],
      ],
    },
    {
      key: 'flood',
      body: {
        name: 'پویش همدلی با سیل‌زدگان خوزستان',
        province: 'IR-06',
        startDate: date(300),
        endDate: date(210),
        partners: [ref('relief-office-khuzestan', 'implementing'), ref('intl-fund', 'funding')],
      },
      window: [300, 210],
      donations: 60,
      distributions: 35,
      kinds: ['hygiene_pack', 'food', 'medical', 'livelihood_package', 'other'],
      goods: [
        ['آب معدنی', 'بسته', 120_000],
        ['کنسرو', 'عدد', 90_000],
        ['چادر امدادی', 'عدد', 6_000_000],
        ['پتو', 'تخته', 600_000],
      ],
    },
    {
      key: 'hamdeli',
      body: {
        name: 'پویش همدلی و نیکوکاری',
        phase: 'مرحلهٔ دوم',
        startDate: date(150),
        partners: [ref('ansar', 'implementing'), ref('helping-hands', 'implementing'), ref('intl-fund', 'funding')],
      },
      window: [150, 1],
      donations: 130,
      distributions: 60,
      kinds: ['livelihood_package', 'dowry_set', 'stationery', 'cash_aid', 'hot_meal', 'food'],
      goods: [
        ['برنج', 'کیسه', 1_800_000],
        ['روغن خوراکی', 'قوطی', 350_000],
        ['لوازم‌التحریر', 'بسته', 700_000],
        ['یخچال', 'دستگاه', 25_000_000],
      ],
    },
  ];
  const drives = driveSpecs.map((d) => keyed<DriveInput>(DEMO_ROUTES.drive, `demo-drive-${d.key}`, d.body));

  // Projects, province by province, then two national ones.
  const projects: DemoProject[] = [];
  const plannedByPlace = new Map<string, { spec: ProgrammeSpec; province: string; planned: number }>();
  const titles = new Set<string>();
  const blockNumbers = new Map<string, number>();
  let cancelled = 0;
  for (const province of DEMO_PROVINCES) {
    const programmes = province.programmes.map((key) => [PROGRAMMES[key]!, PROGRAMMES[key]!.weight] as const);
    for (let i = 0; i < province.projects; i++) {
      const spec = r.weighted(programmes);
      const county = r.pick(province.counties);
      const block = (blockNumbers.get(`${spec.key}${county.code}`) ?? 0) + 1;
      blockNumbers.set(`${spec.key}${county.code}`, block);
      const shape = spec.project(r, county, block);
      let title = shape.title;
      for (let n = 2; titles.has(title); n++) title = `${shape.title} — مرحلهٔ ${fa(n)}`;
      titles.add(title);
      // A county as a field office may type it: now and then with Arabic ي and ك (stored in the catalogue's spelling).
      const countyText = r.chance(0.1) ? county.name.replace(/ی/g, 'ي').replace(/ک/g, 'ك') : county.name;
      const implementing = partnersIn(spec.implementing, province.code);
      const refs = [ref(r.pick(implementing), 'implementing'), ...(r.chance(0.45) ? [ref(r.pick(spec.funding), 'funding')] : [])];
      const fate: Fate | undefined = cancelled < 2 && r.chance(0.02) ? 'cancelled' : undefined;
      if (fate) cancelled++;
      const project = projectRecord(`demo-project-${province.code}-${String(i + 1).padStart(3, '0')}`, { ...shape, title }, spec, {
        province: province.code,
        county: countyText,
        partners: refs,
        fate,
      });
      projects.push(project);
      if (project.ending !== 'cancelled') {
        const place = `${province.code}|${spec.key}`;
        const entry = plannedByPlace.get(place) ?? { spec, province: province.code, planned: 0 };
        entry.planned += spec.planned(shape);
        plannedByPlace.set(place, entry);
      }
    }
  }
  projects.push(
    projectRecord(
      'demo-project-IR-001',
      {
        title: 'خرید متمرکز مصالح ساختمانی مسکن محرومان',
        category: 'housing',
        subcategory: 'تأمین مصالح',
        budgetToman: 180_000_000_000n,
        loansToman: 0n,
        jobsCreated: 0,
        housingUnits: 0,
        beneficiaryHouseholds: 0,
        outputs: [{ indicator: 'beneficiaries', target: 12_000 }],
        delivered: 1,
      },
      PROGRAMMES.housing!,
      { province: 'IR', partners: [ref('development-hq', 'implementing'), ref('housing-foundation', 'funding')], fate: 'running' },
    ),
    projectRecord(
      'demo-project-IR-002',
      {
        title: 'آموزش مجازی مهارت‌های مشاغل خانگی در سراسر کشور',
        category: 'workshop',
        subcategory: 'آموزش مهارت',
        budgetToman: 24_000_000_000n,
        loansToman: 0n,
        jobsCreated: 0,
        housingUnits: 0,
        beneficiaryHouseholds: 6_000,
        outputs: [{ indicator: 'beneficiaries', target: 20_000 }],
        delivered: 0.93,
      },
      PROGRAMMES.workshops!,
      { province: 'IR', partners: [ref('omid-fund', 'implementing')], fate: 'completed' },
    ),
  );

  function projectRecord(
    key: string,
    shape: ProjectShape,
    spec: ProgrammeSpec,
    where: { province: string; county?: string; partners: { partner: string; role: PartnerRole }[]; fate: Fate | undefined },
  ): DemoProject {
    const startAgo = r.int(75, 360);
    const duration = r.int(180, 560);
    const roll = r.next();
    const fate: Fate = where.fate ?? (roll < 0.2 ? 'completed' : roll < 0.32 ? 'operational' : roll < 0.4 ? 'suspended' : 'running');
    const finished = fate === 'completed' || fate === 'operational';
    const firstAgo = startAgo - r.int(5, 20);
    const lastAgo = finished ? r.int(5, Math.max(6, Math.min(90, firstAgo - 45))) : r.int(2, 25);
    const count = fate === 'cancelled' ? 2 : Math.min(5, 2 + Math.floor((firstAgo - lastAgo) / 75));
    const final =
      fate === 'cancelled'
        ? r.int(5, 20)
        : finished
          ? 100
          : fate === 'suspended'
            ? r.int(15, 60)
            : Math.max(8, Math.min(96, Math.round((100 * startAgo) / duration + r.int(-12, 12))));
    const body: ProjectInput = {
      title: shape.title,
      category: shape.category,
      ...(shape.subcategory ? { subcategory: shape.subcategory } : {}),
      programme: spec.name,
      province: where.province,
      ...(where.county ? { county: where.county } : {}),
      ...(shape.villages !== undefined ? { villages: shape.villages } : {}),
      ...(shape.ruralDistricts !== undefined ? { ruralDistricts: shape.ruralDistricts } : {}),
      status: 'planned',
      progressPercent: 0,
      budgetToman: String(shape.budgetToman),
      loansToman: String(shape.loansToman),
      jobsCreated: shape.jobsCreated,
      housingUnits: shape.housingUnits,
      beneficiaryHouseholds: shape.beneficiaryHouseholds,
      outputs: shape.outputs,
      partners: where.partners,
      startDate: date(startAgo),
      targetDate: date(startAgo - duration),
    };
    const project = keyed(DEMO_ROUTES.project, key, body);
    const reports: Keyed<ProgressReportInput>[] = [];
    let previous = 0;
    let previousNote: string | undefined;
    for (let k = 0; k < count; k++) {
      const last = k === count - 1;
      const daysAgo = last ? lastAgo : Math.round(firstAgo - ((firstAgo - lastAgo) * k) / (count - 1)) + r.int(-3, 3);
      const share = (k + 1) / count;
      const percent = last ? final : Math.min(final - 1, Math.max(previous + 1, Math.round(final * share ** 0.9 + r.int(-4, 4))));
      previous = percent;
      const notes = k === 0 ? spec.notes.start : last && finished ? spec.notes.end : spec.notes.middle;
      let note: string | undefined = r.chance(0.85) ? r.pick(notes.filter((n) => n !== previousNote)) : undefined;
      if (last && fate === 'suspended') note = r.pick(SUSPENSION_NOTES);
      previousNote = note;
      if (note && r.chance(0.2)) note += `\nبازدید: کارشناس ستاد استان، ${fa(r.int(2, 12))} نفر از اهالی حاضر بودند.`;
      const outputs = shape.outputs
        .filter((o) => o.target > 0)
        .map((o) => ({ indicator: o.indicator, actual: Math.floor((o.target * shape.delivered * percent) / 100) }));
      reports.push(
        keyed(DEMO_ROUTES.progress, `${key}-report-${k + 1}`, {
          progressPercent: percent,
          reportedAt: moment(daysAgo),
          ...(note ? { note } : {}),
          ...(outputs.length ? { outputs } : {}),
        }),
      );
    }
    return { ...project, reports, ...(fate === 'operational' || fate === 'suspended' || fate === 'cancelled' ? { ending: fate } : {}) };
  }

  // Plans: each programme's target in each province where it runs, a little above what its projects aim at; one national.
  const plans: Keyed<PlanBody>[] = [];
  for (const [place, { spec, province, planned }] of plannedByPlace) {
    if (planned <= 0) continue;
    const target = Math.ceil(planned * (1.1 + r.next() * 0.5));
    plans.push(
      keyed(DEMO_ROUTES.plan, `demo-plan-${place}`, {
        programme: spec.name,
        province,
        indicator: spec.planIndicator,
        target,
        from: date(365),
        to: date(-180),
        note: `سهم استان از برنامهٔ ${spec.name} در دورهٔ هجده‌ماهه`,
      }),
    );
  }
  plans.push(
    keyed(DEMO_ROUTES.plan, 'demo-plan-IR|housing-projects', {
      programme: PROGRAMMES.housing!.name,
      province: 'IR',
      indicator: 'projects',
      target: 120,
      from: date(365),
      to: date(-180),
      note: 'هدف ملی: تعداد پروژه‌های مسکن محرومان',
    }),
  );

  // Donations and distributions, drive by drive, dated within the drive.
  const donationWeights = [
    ['IR-23', 30],
    ['IR-13', 10],
    ['IR-06', 12],
    ['IR-11', 6],
    ['IR-24', 8],
    ['IR-15', 8],
    ['IR-05', 8],
    ['IR-27', 8],
    ['IR', 4],
  ] as const;
  const distributionWeights = [
    ['IR-11', 18],
    ['IR-06', 16],
    ['IR-15', 12],
    ['IR-05', 10],
    ['IR-27', 10],
    ['IR-24', 8],
    ['IR-13', 8],
    ['IR-23', 8],
  ] as const;
  const countyOf = (province: string) => {
    const place = DEMO_PROVINCES.find((p) => p.code === province);
    return place && r.chance(0.8) ? r.pick(place.counties).name : undefined;
  };
  const donations: Keyed<DonationInput>[] = [];
  const distributions: Keyed<DistributionInput>[] = [];
  driveSpecs.forEach((spec, d) => {
    const driveId = drives[d]!.id;
    const [from, to] = spec.window;
    for (let i = 0; i < spec.donations; i++) {
      const province = spec.body.province ?? r.weighted(donationWeights);
      const county = province === 'IR' ? undefined : countyOf(province);
      const where = county ?? 'مرکز استان';
      const cash = r.chance(0.72);
      const goods = r.pick(spec.goods);
      const quantity = r.int(2, 60);
      const amount = cash
        ? BigInt(Math.round(r.logUniform(200_000, r.chance(0.03) ? 5_000_000_000 : 300_000_000) / 10_000) * 10_000)
        : BigInt(quantity * goods[2]);
      const channel =
        province === 'IR'
          ? r.pick(['درگاه اینترنتی پویش', 'حساب بانکی مرکزی پویش'])
          : r.pick(['درگاه اینترنتی پویش', `صندوق مسجد جامع ${where}`, `دفتر خیریه در ${where}`, `پایگاه جمع‌آوری مدرسهٔ نمونهٔ ${where}`]);
      donations.push(
        keyed(DEMO_ROUTES.donation, `demo-donation-${spec.key}-${String(i + 1).padStart(3, '0')}`, {
          driveId,
          province,
          ...(county ? { county } : {}),
          kind: cash ? 'cash' : 'in_kind',
          amountToman: String(amount),
          ...(cash ? {} : { items: [{ name: goods[0], quantity, unit: goods[1] }] }),
          donor: donor(r),
          channel,
          receivedAt: moment(r.int(to, from)),
        }),
      );
    }
    for (let i = 0; i < spec.distributions; i++) {
      const province = spec.body.province ?? r.weighted(distributionWeights);
      const county = countyOf(province);
      const kind: DistributionKind = r.pick(spec.kinds);
      const households = r.int(10, 400);
      const packages = r.chance(0.1) ? undefined : households * r.int(1, 2);
      const value = BigInt(households) * r.amount(1_500_000, kind === 'dowry_set' ? 60_000_000 : 8_000_000, 100_000);
      const partner = r.pick(partnersIn(['ansar', 'helping-hands', 'relief-committee', 'jihadi', 'relief-office-khuzestan', 'mehrafarin-hamadan'], province));
      distributions.push(
        keyed(DEMO_ROUTES.distribution, `demo-distribution-${spec.key}-${String(i + 1).padStart(3, '0')}`, {
          driveId,
          province,
          ...(county ? { county } : {}),
          kind,
          ...(packages !== undefined ? { packages } : {}),
          households,
          valueToman: String(value),
          ...(spec.body.phase ? { phase: spec.body.phase } : {}),
          partners: [ref(partner, 'implementing')],
          distributedAt: moment(r.int(to, Math.max(to, from - 7))),
        }),
      );
    }
  });

  // Two donations typed in twice: the second entry is voided, as an operator would.
  const voids: Keyed<VoidInput & { donation: string }>[] = [];
  for (const original of r.sample(donations, 2)) {
    const copy = keyed(DEMO_ROUTES.donation, `${original.key}-duplicate`, original.body);
    donations.push(copy);
    voids.push(keyed(DEMO_ROUTES.void, `${copy.key}-void`, { donation: copy.id, reason: 'ثبت تکراری: همین کمک یک بار دیگر هم ثبت شده بود.' }));
  }

  return { anchor, partners, drives, plans, projects, donations, voids, distributions };
}
