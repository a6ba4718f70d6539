import { PROJECT_CATEGORIES, PROJECT_STATUSES, type ProjectCategory, type ProjectStatus } from '../schemas/project.ts';
import type { Counters } from './counters.ts';

/** The figures a reader sees for one scope: what a newspaper would print. Money in toman. */
export interface Figures {
  projects: {
    /** Every project that is not cancelled. */
    total: number;
    byStatus: Record<ProjectStatus, number>;
    byCategory: Record<ProjectCategory, number>;
    /** Past 70% and not finished. */
    nearCompletion: number;
    /** Mean physical progress of the projects counted in `total`, one decimal. */
    averageProgressPercent: number;
    budgetToman: bigint;
    loansToman: bigint;
    jobsCreated: number;
    housingUnits: number;
    beneficiaryHouseholds: number;
  };
  donations: { count: number; cashToman: bigint; inKindToman: bigint; totalToman: bigint };
  distributions: { count: number; packages: number; households: number; valueToman: bigint };
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
      averageProgressPercent: total ? Math.round(num('progressTenths') / total) / 10 : 0,
      budgetToman: big('budgetToman'),
      loansToman: big('loansToman'),
      jobsCreated: num('jobsCreated'),
      housingUnits: num('housingUnits'),
      beneficiaryHouseholds: num('beneficiaryHouseholds'),
    },
    donations: {
      count: num('donations'),
      cashToman: big('donationCashToman'),
      inKindToman: big('donationInKindToman'),
      totalToman: big('donationCashToman') + big('donationInKindToman'),
    },
    distributions: { count: num('distributions'), packages: num('packages'), households: num('households'), valueToman: big('distributedToman') },
  };
}
