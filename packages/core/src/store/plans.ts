import { authorize, type Principal } from '../auth/principal.ts';
import { ValidationError, VersionMismatchError } from '../errors.ts';
import type { PlaceCode } from '../places/provinces.ts';
import { nameKey } from '../text/name-key.ts';
import type { EntityMeta } from '../schemas/common.ts';
import { planRuleViolations, type PlanFields, type PlanPatch } from '../schemas/plan.ts';
import { indexKeys, indexPartitions, keys } from '../table/keys.ts';
import { ruleMessage } from '../validation/messages.ts';
import type { IdempotencyKey } from './idempotency.ts';
import { resolveIndicators } from './indicators.ts';
import { getEntityItem, listingKey, newEntity, putNewEntityItem, queryPage, replaceItemAtVersion, withoutKeys, type Item, type Page } from './items.ts';
import { assertNoViolations } from './rules.ts';
import type { Store } from './store.ts';

export type Plan = PlanFields & EntityMeta;

function planItem(plan: Plan, internal: Item = {}): Item {
  const sortKey = listingKey(plan);
  return {
    ...keys.plan(plan.id),
    ...indexKeys.byProvince(plan.province, 'Plan', sortKey),
    ...indexKeys.byProgramme(nameKey(plan.programme), 'Plan', sortKey),
    ...indexKeys.byType('Plan', sortKey),
    type: 'Plan',
    ...plan,
    ...internal,
  };
}

/** A plan's indicator is one of the catalogue's that adds up (a percentage cannot be a programme's target). */
async function checkIndicator(store: Store, code: string): Promise<void> {
  const indicator = (await resolveIndicators(store, [{ field: 'indicator', code }])).get(code)!;
  if (!indicator.additive)
    throw new ValidationError([{ field: 'indicator', rule: 'indicatorNotAdditive', message: ruleMessage('indicatorNotAdditive', 'en') }]);
}

/** Sets a programme's target for a place (admin of that place; `IR` needs every province). */
export async function createPlan(store: Store, principal: Principal, fields: PlanFields, idempotencyKey?: IdempotencyKey): Promise<Plan> {
  authorize(principal, 'catalogue:write', fields.province);
  await checkIndicator(store, fields.indicator);
  const now = store.now().toISOString();
  const created = newEntity(fields, idempotencyKey);
  const plan: Plan = { ...fields, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  const { replayed } = await putNewEntityItem(store, planItem(plan), 'Plan', created);
  return replayed ? withoutKeys<Plan>(replayed) : plan;
}

async function getPlanItem(store: Store, id: string): Promise<{ plan: Plan; internal: Item }> {
  const { entity, internal } = await getEntityItem<Plan>(store, keys.plan(id), 'Plan', id);
  return { plan: entity, internal };
}

export async function getPlan(store: Store, id: string): Promise<Plan> {
  return (await getPlanItem(store, id)).plan;
}

export async function updatePlan(store: Store, principal: Principal, id: string, expectedVersion: number, patch: PlanPatch): Promise<Plan> {
  authorize(principal, 'catalogue:write');
  const { plan: current, internal } = await getPlanItem(store, id);
  authorize(principal, 'catalogue:write', current.province, ...(patch.province ? [patch.province] : []));
  if (current.version !== expectedVersion) throw new VersionMismatchError('Plan', id, expectedVersion);
  if (patch.indicator) await checkIndicator(store, patch.indicator);
  const merged: Plan = { ...current, ...patch, version: current.version + 1, updatedAt: store.now().toISOString() };
  assertNoViolations(planRuleViolations(merged));
  await replaceItemAtVersion(store, planItem(merged, internal), expectedVersion, 'Plan', id);
  return merged;
}

export interface PlanQuery {
  province?: PlaceCode;
  programme?: string;
  limit: number;
  cursor?: string;
}

/** Plans newest first, of one programme (any spelling of its name), one place, or all. */
export async function listPlans(store: Store, query: PlanQuery): Promise<Page<Plan>> {
  const base = query.programme
    ? { ...indexPartitions.byProgramme(nameKey(query.programme), 'Plan'), filters: { province: query.province } }
    : query.province
      ? indexPartitions.byProvince(query.province, 'Plan')
      : indexPartitions.byType('Plan');
  const page = await queryPage(store, { ...base, newestFirst: true, limit: query.limit, cursor: query.cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Plan>(i)) };
}
