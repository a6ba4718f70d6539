import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { authorize, type Principal } from '../auth/principal.ts';
import { ConflictError, NotFoundError, VersionMismatchError } from '../errors.ts';
import type { ProvinceCode } from '../places/provinces.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { ProgressReportFields } from '../schemas/progress.ts';
import { projectRuleViolations, type ProjectCategory, type ProjectFields, type ProjectPatch, type ProjectStatus } from '../schemas/project.ts';
import { indexKeys, keys } from '../table/keys.ts';
import { newId } from './ids.ts';
import { deleteItemAtVersion, getItem, putNewItem, queryPage, replaceItemAtVersion, withoutKeys, type Item, type Page } from './items.ts';
import { assertNoViolations } from './rules.ts';
import type { Store } from './store.ts';

export type Project = ProjectFields & EntityMeta & { progressReportedAt?: string };
export type ProgressReport = ProgressReportFields & { id: string; projectId: string; reportedAt: string; createdAt: string; createdBy: string; previousPercent: number };

function projectItem(project: Project): Item {
  return {
    ...keys.project(project.id),
    ...indexKeys.byProvince(project.province, 'Project', project.id),
    ...indexKeys.byProgramme(project.programme, project.id),
    ...indexKeys.byType('Project', project.id),
    type: 'Project',
    ...project,
  };
}

export async function createProject(store: Store, principal: Principal, fields: ProjectFields): Promise<Project> {
  authorize(principal, 'project:write', fields.province);
  const now = store.now().toISOString();
  const project: Project = { ...fields, id: newId(), version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  await putNewItem(store, projectItem(project), 'Project', project.id);
  return project;
}

export async function getProject(store: Store, id: string): Promise<Project> {
  const item = await getItem(store, keys.project(id));
  if (!item) throw new NotFoundError('Project', id);
  return withoutKeys<Project>(item);
}

/** Applies a patch at the version the caller read; the merged project must still obey the rules. */
export async function updateProject(store: Store, principal: Principal, id: string, expectedVersion: number, patch: ProjectPatch): Promise<Project> {
  const current = await getProject(store, id);
  authorize(principal, 'project:write', current.province);
  if (patch.province) authorize(principal, 'project:write', patch.province);
  if (current.version !== expectedVersion) throw new VersionMismatchError('Project', id, expectedVersion);
  const merged: Project = { ...current, ...patch, version: current.version + 1, updatedAt: store.now().toISOString() };
  assertNoViolations(projectRuleViolations(merged));
  await replaceItemAtVersion(store, projectItem(merged), expectedVersion, 'Project', id);
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

export interface ProjectQuery {
  province?: ProvinceCode;
  status?: ProjectStatus;
  category?: ProjectCategory;
  programme?: string;
  limit: number;
  cursor?: string;
}

/** Lists projects newest first, by the most selective index the query allows. */
export async function listProjects(store: Store, query: ProjectQuery): Promise<Page<Project>> {
  const filters = { status: query.status, category: query.category };
  const base = query.province
    ? { index: 'GSI1' as const, partitionKeyName: 'gsi1pk', ...{ partitionKey: indexKeys.byProvince(query.province, 'Project', '').gsi1pk }, filters: { ...filters, programme: query.programme } }
    : query.programme
      ? { index: 'GSI2' as const, partitionKeyName: 'gsi2pk', partitionKey: indexKeys.byProgramme(query.programme, '').gsi2pk, filters }
      : { index: 'GSI3' as const, partitionKeyName: 'gsi3pk', partitionKey: indexKeys.byType('Project', '').gsi3pk, filters };
  const page = await queryPage(store, { ...base, newestFirst: true, limit: query.limit, cursor: query.cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Project>(i)) };
}

/** The status a project takes when a report brings it to `percent`. */
export function statusAfterProgress(status: ProjectStatus, percent: number): ProjectStatus {
  if (percent === 100) return status === 'operational' ? 'operational' : 'completed';
  if (status === 'completed' || status === 'operational') return 'in_progress';
  if (status === 'planned' && percent > 0) return 'in_progress';
  return status;
}

const PROGRESS_ATTEMPTS = 5;

/**
 * Records a progress report and brings the project to it in one transaction. A report dated
 * before the project's latest one is kept as history but does not move the project back.
 */
export async function reportProgress(store: Store, principal: Principal, projectId: string, fields: ProgressReportFields): Promise<{ report: ProgressReport; project: Project }> {
  for (let attempt = 1; ; attempt++) {
    const project = await getProject(store, projectId);
    authorize(principal, 'project:write', project.province);
    if (project.status === 'cancelled') throw new ConflictError('A cancelled project takes no progress reports');
    const now = store.now().toISOString();
    const reportedAt = fields.reportedAt ?? now;
    const report: ProgressReport = {
      ...fields,
      id: newId(),
      projectId,
      reportedAt,
      createdAt: now,
      createdBy: principal.subject,
      previousPercent: project.progressPercent,
    };
    const isLatest = !project.progressReportedAt || reportedAt >= project.progressReportedAt;
    const updated: Project = isLatest
      ? {
          ...project,
          progressPercent: fields.progressPercent,
          status: statusAfterProgress(project.status, fields.progressPercent),
          progressReportedAt: reportedAt,
          version: project.version + 1,
          updatedAt: now,
        }
      : project;
    try {
      await store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: store.tableName,
                Item: { ...keys.progressReport(projectId, reportedAt, report.id), type: 'ProgressReport', ...report },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            isLatest
              ? {
                  Put: {
                    TableName: store.tableName,
                    Item: projectItem(updated),
                    ConditionExpression: '#version = :expected',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':expected': project.version },
                  },
                }
              : {
                  ConditionCheck: {
                    TableName: store.tableName,
                    Key: keys.project(projectId),
                    ConditionExpression: '#version = :expected',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':expected': project.version },
                  },
                },
          ],
        }),
      );
      return { report, project: updated };
    } catch (error) {
      // Someone changed the project between our read and write: read again and retry.
      if (error instanceof TransactionCanceledException && attempt < PROGRESS_ATTEMPTS) continue;
      if (error instanceof TransactionCanceledException) throw new ConflictError('The project is changing too fast; try again');
      throw error;
    }
  }
}

export async function listProgressReports(store: Store, projectId: string, limit: number, cursor?: string): Promise<Page<ProgressReport>> {
  await getProject(store, projectId);
  const key = keys.project(projectId);
  const page = await queryPage(store, {
    partitionKeyName: 'pk',
    partitionKey: key.pk,
    sortKeyPrefix: { name: 'sk', prefix: keys.progressPrefix },
    newestFirst: true,
    limit,
    cursor,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<ProgressReport>(i)) };
}
