import {
  ConflictError,
  createDrive,
  createPartner,
  createPlan,
  createProject,
  distributionInput,
  donationInput,
  driveInput,
  getDonation,
  getProject,
  parseInput,
  partnerInput,
  planInput,
  progressReportInput,
  projectInput,
  projectPatch,
  recordDistribution,
  recordDonation,
  reportProgress,
  updateProject,
  voidDonation,
  type IdempotencyKey,
  type Principal,
  type Store,
} from '@abad/core';
import { voidInput } from '@abad/core/schemas/voiding';
import { DEMO_ROUTES, DEMO_SUBJECT, type DemoDataSet, type DemoProject } from './dataset.ts';
import { forEachLimited } from './pool.ts';

/**
 * Writes the demo data set through the same path as the API: each body is parsed by the route's
 * own schema (normalized and checked exactly as a request would be), then given to core's domain
 * function as an admin of every province, with its `Idempotency-Key`. Ids come from the keys, so
 * writing the data set a second time changes nothing: every write is answered as a replay.
 */
export const DEMO_PRINCIPAL: Principal = { subject: DEMO_SUBJECT, role: 'admin', provinces: '*' };

export interface WriteCounts {
  partners: number;
  drives: number;
  plans: number;
  projects: number;
  progressReports: number;
  donations: number;
  voided: number;
  distributions: number;
}

const idempotency = (route: string, key: string): IdempotencyKey => ({ route, caller: DEMO_SUBJECT, key });

/** A project, its reports in date order, then the status it ends in. */
async function writeProject(store: Store, project: DemoProject): Promise<void> {
  const me = DEMO_PRINCIPAL;
  await createProject(store, me, parseInput(projectInput, project.body), idempotency(DEMO_ROUTES.project, project.key));
  for (const report of project.reports) {
    try {
      await reportProgress(store, me, project.id, parseInput(progressReportInput, report.body), idempotency(DEMO_ROUTES.progress, report.key));
    } catch (error) {
      // Taking up a load cut short: a project cancelled by then had all its reports already (cancelling is its last step).
      if (error instanceof ConflictError && project.ending === 'cancelled' && (await getProject(store, project.id)).status === 'cancelled') return;
      throw error;
    }
  }
  if (project.ending) {
    const current = await getProject(store, project.id);
    if (current.status !== project.ending) await updateProject(store, me, project.id, current.version, parseInput(projectPatch, { status: project.ending }));
  }
}

export async function writeDataSet(
  store: Store,
  data: DemoDataSet,
  { concurrency = 6, log = () => {} }: { concurrency?: number; log?: (line: string) => void } = {},
): Promise<WriteCounts> {
  const me = DEMO_PRINCIPAL;
  // Partners one by one: a branch names its parent, which must be registered first.
  for (const p of data.partners) await createPartner(store, me, parseInput(partnerInput, p.body), idempotency(DEMO_ROUTES.partner, p.key));
  await Promise.all([
    ...data.drives.map((d) => createDrive(store, me, parseInput(driveInput, d.body), idempotency(DEMO_ROUTES.drive, d.key))),
    forEachLimited(data.plans, concurrency, async (p) => {
      await createPlan(store, me, parseInput(planInput, p.body), idempotency(DEMO_ROUTES.plan, p.key));
    }),
  ]);
  log(`  ${data.partners.length} partners, ${data.drives.length} drives, ${data.plans.length} plans`);

  let done = 0;
  await forEachLimited(data.projects, concurrency, async (project) => {
    await writeProject(store, project);
    if (++done % 50 === 0 || done === data.projects.length) log(`  ${done}/${data.projects.length} projects with their progress reports`);
  });

  const records = [
    ...data.donations.map((d) => () => recordDonation(store, me, parseInput(donationInput, d.body), idempotency(DEMO_ROUTES.donation, d.key))),
    ...data.distributions.map((d) => () => recordDistribution(store, me, parseInput(distributionInput, d.body), idempotency(DEMO_ROUTES.distribution, d.key))),
  ];
  await forEachLimited(records, concurrency, async (write) => {
    await write();
  });
  for (const v of data.voids) {
    const { donation, ...body } = v.body;
    const current = await getDonation(store, me, donation);
    await voidDonation(store, me, donation, current.version, parseInput(voidInput, body), idempotency(DEMO_ROUTES.void, v.key));
  }
  log(`  ${data.donations.length} donations (${data.voids.length} of them voided), ${data.distributions.length} distributions`);

  return {
    partners: data.partners.length,
    drives: data.drives.length,
    plans: data.plans.length,
    projects: data.projects.length,
    progressReports: data.projects.reduce((sum, p) => sum + p.reports.length, 0),
    donations: data.donations.length,
    voided: data.voids.length,
    distributions: data.distributions.length,
  };
}
