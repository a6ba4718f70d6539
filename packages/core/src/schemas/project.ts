import * as z from 'zod';
import { tomanInput } from '../money/toman.ts';
import { provinceCodeSchema } from '../places/provinces.ts';
import { countInput, isoDate, percentInput, persianText } from './common.ts';

export const PROJECT_CATEGORIES = [
  'housing',
  'workshop',
  'agriculture',
  'water',
  'school',
  'mosque',
  'health',
  'sports',
  'cultural',
  'flood_protection',
  'green_space',
  'roads',
  'electricity',
  'reconstruction',
  'other',
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const PROJECT_STATUSES = ['planned', 'in_progress', 'completed', 'operational', 'suspended', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Statuses that mean the work is done: progress must be 100. */
export const FINISHED_STATUSES: readonly ProjectStatus[] = ['completed', 'operational'];

/** The project's own fields, as a client sends them (no defaults: a patch must not invent values). */
const projectShape = {
  title: persianText(200),
  category: z.enum(PROJECT_CATEGORIES),
  subcategory: persianText(100).optional(),
  programme: persianText(100),
  province: provinceCodeSchema,
  county: persianText(80),
  village: persianText(80).optional(),
  status: z.enum(PROJECT_STATUSES),
  progressPercent: percentInput,
  budgetToman: tomanInput,
  loansToman: tomanInput,
  jobsCreated: countInput(),
  housingUnits: countInput(),
  beneficiaryHouseholds: countInput(),
  quantity: countInput().optional(),
  unit: persianText(30).optional(),
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
export const projectPatch = z
  .strictObject(projectShape)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { params: { key: 'emptyPatch' } });
export type ProjectPatch = z.output<typeof projectPatch>;
