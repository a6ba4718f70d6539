import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { placeCodeSchema } from '../places/provinces.ts';
import { countInput, isoDate, percentInput, persianText, nonEmptyPatch } from './common.ts';
import { projectOutputs } from './output.ts';
import { partnerRefs } from './partner.ts';

/** Project categories, each with its Persian label (the one place labels live; the web imports them). */
export const PROJECT_CATEGORY_LABELS = {
  housing: 'مسکن محرومان',
  workshop: 'کارگاه تولیدی',
  agriculture: 'کشاورزی و دامداری',
  water: 'آبرسانی',
  qanat: 'قنات',
  school: 'مدرسه',
  mosque: 'مسجد',
  clergy_residence: 'منزل روحانی',
  quran_school: 'دارالقرآن',
  health: 'خانهٔ بهداشت و درمان',
  addiction_camp: 'کمپ ترک اعتیاد',
  body_washing_house: 'غسالخانه',
  martyrs_cemetery: 'گلزار شهدا',
  sports: 'ورزشی',
  cultural: 'فرهنگی',
  cultural_complex: 'مجتمع فرهنگی',
  public_building: 'ساختمان عمومی',
  flood_protection: 'مهار سیلاب',
  green_space: 'فضای سبز',
  roads: 'راه روستایی',
  electricity: 'برق‌رسانی',
  reconstruction: 'بازسازی پس از سیل و زلزله',
  other: 'سایر',
} as const;
export type ProjectCategory = keyof typeof PROJECT_CATEGORY_LABELS;
export const PROJECT_CATEGORIES = Object.keys(PROJECT_CATEGORY_LABELS) as [ProjectCategory, ...ProjectCategory[]];

export const PROJECT_STATUS_LABELS = {
  planned: 'در دست برنامه',
  in_progress: 'در حال اجرا',
  completed: 'تکمیل‌شده',
  operational: 'در حال بهره‌برداری',
  suspended: 'متوقف',
  cancelled: 'لغوشده',
} as const;
export type ProjectStatus = keyof typeof PROJECT_STATUS_LABELS;
export const PROJECT_STATUSES = Object.keys(PROJECT_STATUS_LABELS) as [ProjectStatus, ...ProjectStatus[]];

/** Statuses that mean the work is done: progress must be 100. */
export const FINISHED_STATUSES: readonly ProjectStatus[] = ['completed', 'operational'];

/** The project's own fields, as a client sends them (no defaults: a patch must not invent values). */
const projectShape = {
  title: persianText(200),
  category: z.enum(PROJECT_CATEGORIES),
  subcategory: persianText(100).optional(),
  programme: persianText(100),
  /** A province, or `IR` for what belongs to the whole country (callers with `*` only). */
  province: placeCodeSchema,
  /** A county of the province's catalogue (GET /provinces/{code}/counties), in any spelling; absent: the whole province. */
  county: persianText(80).optional(),
  village: persianText(80).optional(),
  /** How many villages and rural districts (دهستان) the project serves. */
  villages: countInput(100_000).optional(),
  ruralDistricts: countInput(10_000).optional(),
  status: z.enum(PROJECT_STATUSES),
  progressPercent: percentInput,
  budgetToman: tomanInput,
  loansToman: tomanInput,
  jobsCreated: countInput(),
  housingUnits: countInput(),
  beneficiaryHouseholds: countInput(),
  quantity: countInput().optional(),
  unit: persianText(30).optional(),
  /** What the project delivers, in the catalogue's indicators (GET /indicators). */
  outputs: projectOutputs.optional(),
  /** Who carries it out and who funds it (GET /partners). */
  partners: partnerRefs.optional(),
  startDate: isoDate.optional(),
  targetDate: isoDate.optional(),
};

export const projectFields = z.strictObject({
  ...projectShape,
  status: projectShape.status.default('planned'),
  progressPercent: projectShape.progressPercent.default(0),
  budgetToman: projectShape.budgetToman.default(0n),
  loansToman: projectShape.loansToman.default(0n),
  jobsCreated: projectShape.jobsCreated.default(0),
  housingUnits: projectShape.housingUnits.default(0),
  beneficiaryHouseholds: projectShape.beneficiaryHouseholds.default(0),
});
export type ProjectFields = z.output<typeof projectFields>;

type ProjectRuleInput = Pick<ProjectFields, 'status' | 'progressPercent' | 'quantity' | 'unit' | 'startDate' | 'targetDate'>;

export interface RuleViolation {
  field: string;
  /** A key of validation/messages.ts. */
  rule: string;
}

/**
 * Rules across fields, applied to a new project and to a project after a patch is merged:
 * a finished project is at 100%, a quantity has a unit, the target is not before the start.
 */
export function projectRuleViolations(project: ProjectRuleInput): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (FINISHED_STATUSES.includes(project.status) && project.progressPercent !== 100) {
    violations.push({ field: 'progressPercent', rule: 'finishedNeeds100' });
  }
  if ((project.quantity === undefined) !== (project.unit === undefined)) {
    violations.push({ field: project.unit === undefined ? 'unit' : 'quantity', rule: 'quantityWithUnit' });
  }
  if (project.startDate && project.targetDate && project.targetDate < project.startDate) {
    violations.push({ field: 'targetDate', rule: 'targetBeforeStart' });
  }
  return violations;
}

/** POST /projects */
export const projectInput = projectFields.superRefine((project, ctx) => {
  for (const v of projectRuleViolations(project)) ctx.addIssue({ code: 'custom', path: [v.field], params: { key: v.rule }, input: undefined });
});
export type ProjectInput = z.input<typeof projectInput>;

/** PATCH /projects/{id}: any non-empty subset of the fields; the rules are checked after merging. */
export const projectPatch = nonEmptyPatch(z.strictObject(projectShape));
export type ProjectPatch = z.output<typeof projectPatch>;
