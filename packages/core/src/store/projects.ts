import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { authorize, type Principal } from '../auth/principal.ts';
import { tehranToday } from '../dates/jalali.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationError, VersionMismatchError } from '../errors.ts';
import { readAllPages } from '../export/collect.ts';
import { ruleMessage } from '../validation/messages.ts';
import type { PlaceCode } from '../places/provinces.ts';
import { resolveCounty, type CountyOfRecord } from '../places/resolve-county.ts';
import { nameKey } from '../text/name-key.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { mergeReportedOutputs } from '../schemas/output.ts';
import type { ProgressReportFields } from '../schemas/progress.ts';
import { projectRuleViolations, type ProjectCategory, type ProjectFields, type ProjectPatch, type ProjectStatus } from '../schemas/project.ts';
import { TABLE } from '../table/definition.ts';
import { indexKeys, indexPartitions, keys } from '../table/keys.ts';
import { REQUEST_HASH_ATTRIBUTE, type IdempotencyKey } from './idempotency.ts';
import {
  getEntityItem,
  deleteItemAtVersion,
  getItem,
  listingKey,
  newEntity,
  putNewEntityItem,
  queryAll,
  queryPage,
  replaceItemAtVersion,
  withoutKeys,
  type Item,
  type Page,
} from './items.ts';
import { resolveIndicators } from './indicators.ts';
import { assertPartnersExist } from './partners.ts';
import { assertNoViolations } from './rules.ts';
import type { Store } from './store.ts';

export type Project = ProjectFields & EntityMeta & CountyOfRecord & { progressReportedAt?: string };
export type ProgressReport = ProgressReportFields & {
  id: string;
  projectId: string;
  reportedAt: string;
  createdAt: string;
  createdBy: string;
  previousPercent: number;
};

/** The stored item of a project; `internal` keeps what the entity does not show (the create's request hash). */
function projectItem(project: Project, internal: Item = {}): Item {
  const sortKey = listingKey(project);
  const partnerIds = [...new Set((project.partners ?? []).map((p) => p.partner))];
  return {
    ...keys.project(project.id),
    ...indexKeys.byProvince(project.province, 'Project', sortKey),
    ...indexKeys.byProgramme(nameKey(project.programme), 'Project', sortKey),
    ...indexKeys.byType('Project', sortKey),
    type: 'Project',
    ...project,
    // A string set, so `GET /projects?partner=` filters with contains() (DynamoDB has no query into a list of maps).
    ...(partnerIds.length ? { [PARTNER_IDS]: new Set(partnerIds) } : {}),
    ...registerAttributes(project),
    ...internal,
  };
}

/** The attribute a project's partner ids are kept in for the partner filter (not part of the entity). */
const PARTNER_IDS = 'partnerIds';
/** The name keys of a project's title and village, joined by `|` (which no name key holds): `GET /projects?q=` filters with contains(). */
const SEARCH_KEY = 'searchKey';
/** The day a project stands at in time: its start date, or the Tehran day it was registered: `GET /projects?from=&to=`. */
const PERIOD_DATE = 'periodDate';
/** What a project item carries for the register's filters, none of it part of the entity. */
const REGISTER_ATTRIBUTES = [PARTNER_IDS, SEARCH_KEY, PERIOD_DATE] as const;

/** The register's filter attributes of a project (written on every create, update and progress report). */
export function registerAttributes(project: Pick<Project, 'title' | 'village' | 'startDate' | 'createdAt'>): Record<string, string> {
  return {
    [SEARCH_KEY]: [project.title, project.village ?? ''].map(nameKey).join('|'),
    [PERIOD_DATE]: project.startDate ?? tehranToday(Date.parse(project.createdAt)),
  };
}

/**
 * What a project names that the store checks against reference data before anything is
 * written: its county against the catalogue (stored in the catalogue's spelling, with its
 * code), its indicators against the catalogue, its partners against the register.
 */
async function resolveReferences(store: Store, project: ProjectFields): Promise<CountyOfRecord> {
  const place = resolveCounty(project.province, project.county);
  await Promise.all([
    project.outputs?.length
      ? resolveIndicators(
          store,
          project.outputs.map((o, i) => ({ field: `outputs.${i}.indicator`, code: o.indicator })),
        )
      : undefined,
    assertPartnersExist(store, project.partners),
  ]);
  return place;
}

/** Registers a project; with an idempotency key a retry gets the project the first request registered. */
export async function createProject(store: Store, principal: Principal, fields: ProjectFields, idempotencyKey?: IdempotencyKey): Promise<Project> {
  authorize(principal, 'project:write', fields.province);
  const place = await resolveReferences(store, fields);
  const now = store.now().toISOString();
  const created = newEntity(fields, idempotencyKey);
  const project: Project = { ...fields, ...place, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  const { replayed } = await putNewEntityItem(store, projectItem(project), 'Project', created);
  return replayed ? projectOf(replayed) : project;
}

async function getProjectItem(store: Store, id: string): Promise<{ project: Project; internal: Item }> {
  const { entity, internal } = await getEntityItem(store, keys.project(id), 'Project', id, projectOf);
  return { project: entity, internal };
}

/** A stored project item as the entity (without keys and the register's filter attributes). */
function projectOf(item: Item): Project {
  const project = withoutKeys<Project & Record<(typeof REGISTER_ATTRIBUTES)[number], unknown>>(item);
  for (const name of REGISTER_ATTRIBUTES) delete project[name];
  return project;
}

export async function getProject(store: Store, id: string): Promise<Project> {
  return (await getProjectItem(store, id)).project;
}

/** Applies a patch at the version the caller read; the merged project must still obey the rules. */
export async function updateProject(store: Store, principal: Principal, id: string, expectedVersion: number, patch: ProjectPatch): Promise<Project> {
  const { project: current, internal } = await getProjectItem(store, id);
  authorize(principal, 'project:write', current.province);
  if (patch.province) authorize(principal, 'project:write', patch.province);
  if (current.version !== expectedVersion) throw new VersionMismatchError('Project', id, expectedVersion);
  const merged: Project = { ...current, ...patch, version: current.version + 1, updatedAt: store.now().toISOString() };
  assertNoViolations(projectRuleViolations(merged));
  // A new province without a new county leaves the old county behind: it belonged to the old province.
  if (patch.province && patch.province !== current.province && patch.county === undefined) {
    delete merged.county;
    delete merged.countyCode;
  }
  if ('county' in patch || 'province' in patch) {
    const place = resolveCounty(merged.province, merged.county);
    delete merged.county;
    delete merged.countyCode;
    Object.assign(merged, place);
  }
  await Promise.all([
    patch.outputs?.length
      ? resolveIndicators(
          store,
          patch.outputs.map((o, i) => ({ field: `outputs.${i}.indicator`, code: o.indicator })),
        )
      : undefined,
    assertPartnersExist(store, patch.partners),
  ]);
  await replaceItemAtVersion(store, projectItem(merged, internal), expectedVersion, 'Project', id);
  return merged;
}

/** Deletes a project of the admin's provinces, at the version given or else the one just read. */
export async function deleteProject(store: Store, principal: Principal, id: string, expectedVersion?: number): Promise<void> {
  authorize(principal, 'project:delete');
  const current = await getProject(store, id);
  authorize(principal, 'project:delete', current.province);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionMismatchError('Project', id, expectedVersion);
  await deleteItemAtVersion(store, keys.project(id), expectedVersion ?? current.version, 'Project', id);
}

/** The register's view of projects: `GET /projects` (one page) and its exports (every page). */
export interface ProjectFilter {
  province?: PlaceCode;
  /** A county of `province`, in any spelling (matched to the catalogue; unknown is 422 naming `county`). */
  county?: string;
  status?: ProjectStatus;
  category?: ProjectCategory;
  programme?: string;
  /** Projects that name this partner (in any role). */
  partner?: string;
  /** Words of the title or the village, in any spelling (compared by name key). */
  q?: string;
  /** ISO dates, inclusive: projects whose start date (or, lacking one, registration day in Tehran) falls within. */
  from?: string;
  to?: string;
  /** `newest` (the default) or `oldest` first, by registration. */
  order?: 'newest' | 'oldest';
}

export interface ProjectQuery extends ProjectFilter {
  limit: number;
  cursor?: string;
}

/**
 * Lists projects newest (or oldest) first, by the most selective index the query allows. A
 * programme is found by its name key, so every spelling of it lists the same projects; a
 * county by the catalogue, so likewise; `q` by the name keys of title and village. The cursor
 * is bound to every filter (queryPage's fingerprint).
 */
export async function listProjects(store: Store, query: ProjectQuery): Promise<Page<Project>> {
  let countyCode: string | undefined;
  if (query.county !== undefined) {
    if (!query.province) throw new ValidationError([{ field: 'province', rule: 'countyNeedsProvince', message: ruleMessage('countyNeedsProvince', 'en') }]);
    countyCode = resolveCounty(query.province, query.county).countyCode;
  }
  const filters = { status: query.status, category: query.category, countyCode };
  const base = query.programme
    ? { ...indexPartitions.byProgramme(nameKey(query.programme), 'Project'), filters: { ...filters, province: query.province } }
    : query.province
      ? { ...indexPartitions.byProvince(query.province, 'Project'), filters }
      : { ...indexPartitions.byType('Project'), filters };
  const page = await queryPage(store, {
    ...base,
    contains: { [PARTNER_IDS]: query.partner, [SEARCH_KEY]: query.q === undefined ? undefined : nameKey(query.q) },
    between: { name: PERIOD_DATE, from: query.from, to: query.to },
    newestFirst: query.order !== 'oldest',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { ...page, items: page.items.map(projectOf) };
}

/** Every project of the register's view, in its order (an export): ExportTooLargeError above `max`. */
export async function listAllProjects(store: Store, filter: ProjectFilter, max?: number): Promise<Project[]> {
  return readAllPages((limit, cursor) => listProjects(store, { ...filter, limit, ...(cursor ? { cursor } : {}) }), max);
}

/**
 * Writes the register's filter attributes onto projects stored before they existed (a project
 * without them matches no `q`, `from` or `to`): each such project at the version read, so a
 * concurrent change wins and is not undone (its own write carries them). Returns how many were
 * written. Idempotent; run by the scheduled refresh and `npm run refresh`.
 */
export async function backfillProjectRegister(store: Store): Promise<number> {
  const { partitionKeyName, partitionKey, index } = indexPartitions.byType('Project');
  const stale = await queryAll(store, {
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: 'attribute_not_exists(#search) OR attribute_not_exists(#period)',
    ExpressionAttributeNames: { '#pk': partitionKeyName, '#search': SEARCH_KEY, '#period': PERIOD_DATE },
    ExpressionAttributeValues: { ':pk': partitionKey },
  });
  let written = 0;
  for (const item of stale) {
    const attributes = registerAttributes(item as Project);
    try {
      await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.project(item.id as string),
          UpdateExpression: 'SET #search = :search, #period = :period',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#search': SEARCH_KEY, '#period': PERIOD_DATE, '#version': 'version' },
          ExpressionAttributeValues: { ':search': attributes[SEARCH_KEY], ':period': attributes[PERIOD_DATE], ':version': item.version },
        }),
      );
      written++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return written;
}

/** The status a project takes when a report brings it to `percent`. */
export function statusAfterProgress(status: ProjectStatus, percent: number): ProjectStatus {
  if (percent === 100) return status === 'operational' ? 'operational' : 'completed';
  if (status === 'completed' || status === 'operational') return 'in_progress';
  if (status === 'planned' && percent > 0) return 'in_progress';
  return status;
}

const PROGRESS_ATTEMPTS = 8;

/**
 * Records a progress report and brings the project to it in one transaction. A report dated
 * before the project's latest one is kept as history but does not move the project back.
 * With an idempotency key the transaction also writes the report's receipt, so a retry
 * (after a crash, a lost response or a race) finds the report the first request wrote.
 */
export async function reportProgress(
  store: Store,
  principal: Principal,
  projectId: string,
  fields: ProgressReportFields,
  idempotencyKey?: IdempotencyKey,
): Promise<{ report: ProgressReport; project: Project }> {
  const created = newEntity(fields, idempotencyKey);
  if (fields.outputs)
    await resolveIndicators(
      store,
      fields.outputs.map((o, i) => ({ field: `outputs.${i}.indicator`, code: o.indicator })),
    );
  for (let attempt = 1; ; attempt++) {
    const { project, internal } = await getProjectItem(store, projectId);
    authorize(principal, 'project:write', project.province);
    if (project.status === 'cancelled') throw new ConflictError('cancelledProject');
    const now = store.now().toISOString();
    const reportedAt = fields.reportedAt ?? now;
    const report: ProgressReport = {
      ...fields,
      id: created.id,
      projectId,
      reportedAt,
      createdAt: now,
      createdBy: principal.subject,
      previousPercent: project.progressPercent,
    };
    const reportKey = keys.progressReport(projectId, reportedAt, report.id);
    const isLatest = !project.progressReportedAt || reportedAt >= project.progressReportedAt;
    const updated: Project = isLatest
      ? {
          ...project,
          progressPercent: fields.progressPercent,
          status: statusAfterProgress(project.status, fields.progressPercent),
          progressReportedAt: reportedAt,
          ...(fields.outputs ? { outputs: mergeReportedOutputs(project.outputs, fields.outputs) } : {}),
          version: project.version + 1,
          updatedAt: now,
        }
      : project;
    const projectAtVersion = {
      TableName: store.tableName,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': project.version },
    };
    try {
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: store.tableName, Item: { ...reportKey, type: 'ProgressReport', ...report }, ConditionExpression: 'attribute_not_exists(pk)' } },
            isLatest
              ? { Put: { ...projectAtVersion, Item: projectItem(updated, internal) } }
              : { ConditionCheck: { ...projectAtVersion, Key: keys.project(projectId) } },
            ...(created.requestHash
              ? [
                  {
                    Put: {
                      TableName: store.tableName,
                      Item: { ...keys.progressReceipt(projectId, report.id), reportSk: reportKey.sk, [REQUEST_HASH_ATTRIBUTE]: created.requestHash },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return { report, project: updated };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (created.requestHash) {
        const replayed = await replayedProgress(store, projectId, created.id, created.requestHash);
        if (replayed) return replayed;
      }
      // Someone changed the project between our read and write: read again and retry.
      if (attempt >= PROGRESS_ATTEMPTS) throw new ConflictError('projectBusy');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** The report an earlier request with the same idempotency key wrote, if it did. */
async function replayedProgress(
  store: Store,
  projectId: string,
  reportId: string,
  hash: string,
): Promise<{ report: ProgressReport; project: Project } | undefined> {
  const receipt = await getItem(store, keys.progressReceipt(projectId, reportId));
  if (!receipt) return undefined;
  if (receipt[REQUEST_HASH_ATTRIBUTE] !== hash) throw new IdempotencyKeyReusedError();
  const report = await getItem(store, { pk: receipt.pk as string, sk: receipt.reportSk as string });
  if (!report) throw new NotFoundError('ProgressReport', reportId);
  return { report: withoutKeys<ProgressReport>(report), project: await getProject(store, projectId) };
}

export async function listProgressReports(store: Store, projectId: string, limit: number, cursor?: string): Promise<Page<ProgressReport>> {
  await getProject(store, projectId);
  const key = keys.project(projectId);
  const page = await queryPage(store, {
    partitionKeyName: TABLE.partitionKey,
    partitionKey: key.pk,
    sortKeyPrefix: { name: TABLE.sortKey, prefix: keys.progressPrefix },
    newestFirst: true,
    limit,
    cursor,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<ProgressReport>(i)) };
}
