import { SHIPPED_INDICATORS } from '../indicators/catalogue.ts';
import { DISTRIBUTION_KINDS, type DistributionKind } from '../schemas/distribution.ts';
import { PROJECT_CATEGORIES, PROJECT_STATUSES, type ProjectCategory, type ProjectStatus } from '../schemas/project.ts';
import type { Counters } from './counters.ts';
import { parseIndicatorCounter } from './counter-names.ts';

/** One indicator in a scope: the projects' targets and actuals, and (in programme scopes) what plans set out. */
export interface OutputFigure {
  target: number;
  actual: number;
  /** The sum of the plans' targets (programme scopes; 0 elsewhere). */
  planned: number;
}

/** The figures a reader sees for one scope: what a newspaper would print. Money in toman. */
export interface Figures {
  projects: {
    /** Every project that is not cancelled. */
    total: number;
    byStatus: Record<ProjectStatus, number>;
    byCategory: Record<ProjectCategory, number>;
    /** Past 70% and not finished. */
    nearCompletion: number;
    /** Mean physical progress of the projects counted in `total`, two decimals (never 100 unless all are at 100). */
    averageProgressPercent: number;
    budgetToman: bigint;
    loansToman: bigint;
    jobsCreated: number;
    housingUnits: number;
    beneficiaryHouseholds: number;
    /** Villages and rural districts the projects serve (as the projects report them). */
    villages: number;
    ruralDistricts: number;
  };
  /** By indicator code (GET /indicators): only indicators with a value in the scope. */
  outputs: Record<string, OutputFigure>;
  donations: { count: number; cashToman: bigint; inKindToman: bigint; totalToman: bigint };
  distributions: {
    count: number;
    /** Packages of the distributions whose count is known. */
    packages: number;
    /** Distributions recorded without a package count: kept apart, never counted as zero. */
    uncounted: number;
    households: number;
    valueToman: bigint;
    byKind: Record<DistributionKind, { count: number; packages: number; valueToman: bigint }>;
  };
}

/** The fixed counters that are the actuals of catalogue indicators (indicators/catalogue.ts `field`). */
const FIELD_COUNTERS: Record<string, string> = Object.fromEntries(SHIPPED_INDICATORS.filter((i) => i.field).map((i) => [i.code, i.field!]));

function outputsFrom(counters: Counters): Record<string, OutputFigure> {
  const outputs: Record<string, OutputFigure> = {};
  const entry = (code: string) => (outputs[code] ??= { target: 0, actual: 0, planned: 0 });
  for (const [counter, value] of counters) {
    const parsed = parseIndicatorCounter(counter);
    if (!parsed) continue;
    entry(parsed.indicator)[parsed.measure] = Number(value);
  }
  for (const [code, counter] of Object.entries(FIELD_COUNTERS)) {
    const value = Number(counters.get(counter) ?? 0n);
    if (value !== 0) entry(code).actual = value;
  }
  return Object.fromEntries(Object.entries(outputs).sort(([a], [b]) => a.localeCompare(b)));
}

/** The mean of `total` percentages summed in hundredths, to two decimals, rounded down: a mean short of 100 never shows 100. */
function averagePercent(hundredths: bigint, total: number): number {
  return total ? Number(hundredths / BigInt(total)) / 100 : 0;
}

export function figuresFrom(counters: Counters): Figures {
  const big = (name: string) => counters.get(name) ?? 0n;
  const num = (name: string) => Number(big(name));
  const total = num('projects');
  return {
    projects: {
      total,
      byStatus: Object.fromEntries(PROJECT_STATUSES.map((s) => [s, num(`status:${s}`)])) as Record<ProjectStatus, number>,
      byCategory: Object.fromEntries(PROJECT_CATEGORIES.map((c) => [c, num(`category:${c}`)])) as Record<ProjectCategory, number>,
      nearCompletion: num('nearCompletion'),
      averageProgressPercent: averagePercent(big('progressHundredths'), total),
      budgetToman: big('budgetToman'),
      loansToman: big('loansToman'),
      jobsCreated: num('jobsCreated'),
      housingUnits: num('housingUnits'),
      beneficiaryHouseholds: num('beneficiaryHouseholds'),
      villages: num('villages'),
      ruralDistricts: num('ruralDistricts'),
    },
    outputs: outputsFrom(counters),
    donations: {
      count: num('donations'),
      cashToman: big('donationCashToman'),
      inKindToman: big('donationInKindToman'),
      totalToman: big('donationCashToman') + big('donationInKindToman'),
    },
    distributions: {
      count: num('distributions'),
      packages: num('packages'),
      uncounted: num('distributionsUncounted'),
      households: num('households'),
      valueToman: big('distributedToman'),
      byKind: Object.fromEntries(
        DISTRIBUTION_KINDS.map((k) => [
          k,
          { count: num(`distributionKind:${k}`), packages: num(`distributionKindPackages:${k}`), valueToman: big(`distributionKindToman:${k}`) },
        ]),
      ) as Figures['distributions']['byKind'],
    },
  };
}
