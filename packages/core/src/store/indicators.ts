import { authorize, type Principal } from '../auth/principal.ts';
import { AlreadyExistsError, ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationError, VersionMismatchError } from '../errors.ts';
import { SHIPPED_INDICATORS, UNITS, shippedIndicator, type Indicator } from '../indicators/catalogue.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { IndicatorInput, IndicatorPatch } from '../schemas/indicator.ts';
import { indexKeys, indexPartitions, keys, partitionQuery } from '../table/keys.ts';
import { ruleMessage } from '../validation/messages.ts';
import { requestHash, type IdempotencyKey } from './idempotency.ts';
import { getItem, getItems, internalAttributes, listingKey, putNewEntityItem, queryAll, replaceItemAtVersion, withoutKeys, type Item } from './items.ts';
import type { Store } from './store.ts';

/** An indicator an admin added: stored, versioned. Shipped indicators have no version. */
export type StoredIndicator = Indicator & Partial<Omit<EntityMeta, 'id'>>;

/** An indicator as a reader sees it: with its unit's names. */
export type IndicatorView = StoredIndicator & { unitLabel: { fa: string; en: string } };

function view(indicator: StoredIndicator): IndicatorView {
  return { ...indicator, unitLabel: { ...UNITS[indicator.unit] } };
}

function indicatorItem(indicator: StoredIndicator & Omit<EntityMeta, 'id'>, internal: Item = {}): Item {
  return {
    ...keys.indicator(indicator.code),
    ...indexKeys.byType('Indicator', listingKey({ createdAt: indicator.createdAt, id: indicator.code })),
    type: 'Indicator',
    ...indicator,
    ...internal,
  };
}

/** The whole catalogue: the shipped indicators, then those admins added (oldest first). */
export async function listIndicators(store: Store): Promise<IndicatorView[]> {
  const added = await queryAll(store, partitionQuery(indexPartitions.byType('Indicator')));
  return [...SHIPPED_INDICATORS, ...added.map((item) => withoutKeys<StoredIndicator>(item))].map(view);
}

export async function getIndicator(store: Store, code: string): Promise<IndicatorView> {
  const shipped = shippedIndicator(code);
  if (shipped) return view(shipped);
  const item = await getItem(store, keys.indicator(code));
  if (!item) throw new NotFoundError('Indicator', code);
  return view(withoutKeys<StoredIndicator>(item));
}

/**
 * Adds an indicator (admin). Its code is its key, so the create is idempotent by nature: the
 * same request again gets the same indicator, another request with a taken code a 409.
 */
export async function createIndicator(store: Store, principal: Principal, fields: IndicatorInput, _idempotencyKey?: IdempotencyKey): Promise<IndicatorView> {
  authorize(principal, 'catalogue:write');
  if (shippedIndicator(fields.code)) throw new AlreadyExistsError('Indicator', fields.code);
  const now = store.now().toISOString();
  const indicator = { ...fields, additive: true, builtIn: false, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
  try {
    const { replayed } = await putNewEntityItem(store, indicatorItem(indicator), 'Indicator', {
      id: fields.code,
      requestHash: requestHash({ ...fields, by: principal.subject }),
    });
    return view(replayed ? withoutKeys<StoredIndicator>(replayed) : indicator);
  } catch (error) {
    // The same code with other fields, or by someone else: the code is taken.
    if (error instanceof IdempotencyKeyReusedError) throw new AlreadyExistsError('Indicator', fields.code);
    throw error;
  }
}

/** Changes an added indicator at the version read; its unit only while no figure counts it. */
export async function updateIndicator(
  store: Store,
  principal: Principal,
  code: string,
  expectedVersion: number,
  patch: IndicatorPatch,
  /** aggregation/indicator-use.ts `indicatorInUse` (the store does not read figures itself). */
  inUse: (store: Store, code: string) => Promise<boolean>,
): Promise<IndicatorView> {
  authorize(principal, 'catalogue:write');
  if (shippedIndicator(code)) throw new ConflictError('shippedIndicator');
  const item = await getItem(store, keys.indicator(code));
  if (!item) throw new NotFoundError('Indicator', code);
  const current = withoutKeys<StoredIndicator & Omit<EntityMeta, 'id'>>(item);
  if (current.version !== expectedVersion) throw new VersionMismatchError('Indicator', code, expectedVersion);
  if (patch.unit !== undefined && patch.unit !== current.unit) {
    if (await inUse(store, code)) throw new ConflictError('indicatorInUse');
  }
  const merged = { ...current, ...patch, version: current.version + 1, updatedAt: store.now().toISOString() };
  await replaceItemAtVersion(store, indicatorItem(merged, internalAttributes(item)), expectedVersion, 'Indicator', code);
  return view(merged);
}

/**
 * The indicators a write names, checked against the catalogue: shipped ones need no read,
 * added ones one batch read. An unknown code is a 422 naming the field (`outputs.2.indicator`).
 */
export async function resolveIndicators(store: Store, named: { field: string; code: string }[]): Promise<Map<string, Indicator>> {
  const found = new Map<string, Indicator>();
  const toRead = [...new Set(named.map((n) => n.code).filter((code) => !shippedIndicator(code)))];
  for (const n of named) {
    const shipped = shippedIndicator(n.code);
    if (shipped) found.set(n.code, shipped);
  }
  if (toRead.length) {
    const items = await getItems(
      store,
      toRead.map((code) => keys.indicator(code)),
    );
    for (const item of items) found.set(String(item.code), withoutKeys<Indicator>(item));
  }
  const unknown = named.filter((n) => !found.has(n.code));
  if (unknown.length) {
    throw new ValidationError(unknown.map((n) => ({ field: n.field, rule: 'unknownIndicator', message: ruleMessage('unknownIndicator', 'en') })));
  }
  return found;
}
