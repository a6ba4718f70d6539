import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { authorize, type Principal } from '../auth/principal.ts';
import { AlreadyExistsError, ConflictError, IdempotencyKeyReusedError, ValidationError, VersionMismatchError, type FieldProblem } from '../errors.ts';
import type { EntityMeta } from '../schemas/common.ts';
import type { PartnerFields, PartnerKind, PartnerPatch, PartnerRef } from '../schemas/partner.ts';
import { keys, indexKeys, indexPartitions } from '../table/keys.ts';
import { nameKey } from '../text/name-key.ts';
import { ruleMessage } from '../validation/messages.ts';
import { REQUEST_HASH_ATTRIBUTE, type IdempotencyKey } from './idempotency.ts';
import { getEntityItem, getItem, getItems, listingKey, newEntity, queryPage, withoutKeys, type Item, type Page } from './items.ts';
import type { Store } from './store.ts';

/**
 * The partner register ("who does what where"): national reference data, written by admins.
 * A partner's name is unique by its name key (text/name-key.ts): the partner's item and a
 * name-claim item (`keys.partnerName`) are written in one transaction, each on condition, so
 * two spellings of one name cannot both be registered, even at the same moment.
 */
export type Partner = PartnerFields & EntityMeta;

/** The attribute holding a partner's name key on its item (for search); never part of the entity. */
const NAME_KEY_ATTRIBUTE = 'nameKey';

/** At most this many partners above one (bounds the walk up the hierarchy and the write's transaction). */
export const MAX_PARTNER_ANCESTORS = 8;

/** Writes retried after a transaction lost a race (the next attempt reads again and decides). */
const ATTEMPTS = 6;

/** Another partner already holds this name (by name key): 409, naming the field. */
export class PartnerNameTakenError extends ConflictError {
  readonly problems: FieldProblem[] = [fieldProblem('name', 'partnerNameTaken')];
  constructor() {
    super('Another partner already has this name');
  }
}

function fieldProblem(field: string, rule: string): FieldProblem {
  return { field, rule, message: ruleMessage(rule, 'en') };
}

function invalid(field: string, rule: string): ValidationError {
  return new ValidationError([fieldProblem(field, rule)]);
}

function partnerItem(partner: Partner, internal: Item = {}): Item {
  return {
    ...keys.partner(partner.id),
    ...indexKeys.byType('Partner', listingKey(partner)),
    type: 'Partner',
    ...partner,
    [NAME_KEY_ATTRIBUTE]: nameKey(partner.name),
    ...internal,
  };
}

/** The item that reserves a name key for one partner. */
function nameClaimItem(partner: Partner): Item {
  return { ...keys.partnerName(nameKey(partner.name)), partnerId: partner.id };
}

function partnerOf(item: Item): Partner {
  const { [NAME_KEY_ATTRIBUTE]: _nameKey, ...partner } = withoutKeys<Partner & { [NAME_KEY_ATTRIBUTE]?: string }>(item);
  return partner;
}

async function transact(store: Store, items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<boolean> {
  try {
    await store.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

async function pause(attempt: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
}

/**
 * The partners above `parentId` (the parent first), as read. The parent must exist, must not
 * be the partner itself (`childId`), nor be under it (a cycle); the chain is bounded.
 */
async function ancestry(store: Store, parentId: string, childId: string): Promise<Partner[]> {
  if (parentId === childId) throw invalid('parent', 'parentIsSelf');
  const chain: Partner[] = [];
  for (let next: string | undefined = parentId; next !== undefined; ) {
    const item = await getItem(store, keys.partner(next));
    if (!item) {
      if (chain.length === 0) throw invalid('parent', 'partnerNotFound');
      break; // partners are never deleted; a dangling parent higher up ends the chain
    }
    const partner = partnerOf(item);
    if (partner.id === childId) throw invalid('parent', 'parentCycle');
    chain.push(partner);
    if (chain.length > MAX_PARTNER_ANCESTORS) throw invalid('parent', 'partnerTooDeep');
    next = partner.parent;
  }
  return chain;
}

/**
 * Registers a partner (admins). With an idempotency key the id comes from the key, so a retry
 * finds the partner the first request wrote and gets it back; a name already taken (by name
 * key) is a 409 and writes nothing.
 */
export async function createPartner(store: Store, principal: Principal, fields: PartnerFields, idempotencyKey?: IdempotencyKey): Promise<Partner> {
  authorize(principal, 'catalogue:write');
  const created = newEntity(fields, idempotencyKey);
  for (let attempt = 1; ; attempt++) {
    if (fields.parent) await ancestry(store, fields.parent, created.id);
    const now = store.now().toISOString();
    const partner: Partner = { ...fields, id: created.id, version: 1, createdAt: now, updatedAt: now, createdBy: principal.subject };
    const internal = created.requestHash ? { [REQUEST_HASH_ATTRIBUTE]: created.requestHash } : {};
    const written = await transact(store, [
      { Put: { TableName: store.tableName, Item: partnerItem(partner, internal), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: store.tableName, Item: nameClaimItem(partner), ConditionExpression: 'attribute_not_exists(pk)' } },
      // Partners are never deleted, but the parent read above must still be there when this is written.
      ...(fields.parent
        ? [{ ConditionCheck: { TableName: store.tableName, Key: keys.partner(fields.parent), ConditionExpression: 'attribute_exists(pk)' } }]
        : []),
    ]);
    if (written) return partner;

    // Why was it refused? A replay (the id exists), a name taken, or a race to read again.
    const existing = await getItem(store, keys.partner(created.id));
    if (existing) {
      if (!created.requestHash) throw new AlreadyExistsError('Partner', created.id);
      if (existing[REQUEST_HASH_ATTRIBUTE] !== created.requestHash || existing.type !== 'Partner') throw new IdempotencyKeyReusedError();
      return partnerOf(existing);
    }
    if (await getItem(store, keys.partnerName(nameKey(fields.name)))) throw new PartnerNameTakenError();
    if (attempt >= ATTEMPTS) throw new ConflictError('partnersBusy');
    await pause(attempt);
  }
}

async function getPartnerItem(store: Store, id: string): Promise<{ partner: Partner; internal: Item }> {
  const { entity, internal } = await getEntityItem(store, keys.partner(id), 'Partner', id, partnerOf);
  return { partner: entity, internal };
}

export async function getPartner(store: Store, id: string): Promise<Partner> {
  return (await getPartnerItem(store, id)).partner;
}

/**
 * Applies a patch at the version the caller read (admins). A rename moves the name claim in the
 * same transaction (the old name is free once it commits); a new parent must exist and must
 * not be the partner or under it. The partners above the new parent are checked at the versions
 * read, so two moves at once cannot close a circle between them.
 */
export async function updatePartner(store: Store, principal: Principal, id: string, expectedVersion: number, patch: PartnerPatch): Promise<Partner> {
  authorize(principal, 'catalogue:write');
  for (let attempt = 1; ; attempt++) {
    const { partner: current, internal } = await getPartnerItem(store, id);
    if (current.version !== expectedVersion) throw new VersionMismatchError('Partner', id, expectedVersion);
    const { parent, ...fields } = patch;
    const merged: Partner = { ...current, ...fields, version: current.version + 1, updatedAt: store.now().toISOString() };
    if (parent === null) delete merged.parent;
    else if (parent !== undefined) merged.parent = parent;

    const oldKey = nameKey(current.name);
    const newKey = nameKey(merged.name);
    if (newKey !== oldKey) {
      const claim = await getItem(store, keys.partnerName(newKey));
      if (claim && claim.partnerId !== id) throw new PartnerNameTakenError();
    }
    const ancestors = merged.parent !== undefined && merged.parent !== current.parent ? await ancestry(store, merged.parent, id) : [];

    const versionIs = (version: number) => ({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': version },
    });
    const written = await transact(store, [
      { Put: { TableName: store.tableName, Item: partnerItem(merged, internal), ...versionIs(expectedVersion) } },
      ...(newKey !== oldKey
        ? [
            { Put: { TableName: store.tableName, Item: nameClaimItem(merged), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Delete: {
                TableName: store.tableName,
                Key: keys.partnerName(oldKey),
                // Only this partner's claim is freed.
                ConditionExpression: 'attribute_not_exists(pk) OR #partnerId = :id',
                ExpressionAttributeNames: { '#partnerId': 'partnerId' },
                ExpressionAttributeValues: { ':id': id },
              },
            },
          ]
        : []),
      ...ancestors.map((a) => ({ ConditionCheck: { TableName: store.tableName, Key: keys.partner(a.id), ...versionIs(a.version) } })),
    ]);
    if (written) return merged;
    // Something changed since the reads: the next attempt reads again and says what (412, 409, 422).
    if (attempt >= ATTEMPTS) throw new ConflictError('partnersBusy');
    await pause(attempt);
  }
}

export interface PartnerQuery {
  kind?: PartnerKind;
  /** Only the partners directly under this one. */
  parent?: string;
  /** Partners whose name holds this text (compared by name key: spelling, spaces and ZWNJ do not matter). */
  q?: string;
  limit: number;
  cursor?: string;
}

/** Lists partners newest first, optionally of one kind, under one parent, or matching a name. */
export async function listPartners(store: Store, query: PartnerQuery): Promise<Page<Partner>> {
  const search = query.q === undefined ? '' : nameKey(query.q);
  const page = await queryPage(store, {
    ...indexPartitions.byType('Partner'),
    filters: { kind: query.kind, parent: query.parent },
    contains: { [NAME_KEY_ATTRIBUTE]: search === '' ? undefined : search },
    newestFirst: true,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { ...page, items: page.items.map(partnerOf) };
}

/**
 * A record's partners must be registered: one batch read. An unknown id is a 422 naming the
 * field (`partners.2.partner`), as a schema rule would. `field` is where the refs sit in the body.
 */
export async function assertPartnersExist(store: Store, refs: readonly PartnerRef[] | undefined, field = 'partners'): Promise<void> {
  if (!refs?.length) return;
  const ids = [...new Set(refs.map((r) => r.partner))];
  const found = new Set<string>();
  const items = await getItems(
    store,
    ids.map((id) => keys.partner(id)),
  );
  for (const item of items) found.add(String(item.id));
  const unknown = refs.flatMap((ref, i) => (found.has(ref.partner) ? [] : [fieldProblem(`${field}.${i}.partner`, 'partnerNotFound')]));
  if (unknown.length) throw new ValidationError(unknown);
}
