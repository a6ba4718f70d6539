import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  DRIVE_MEMORY_MS,
  donationInput,
  listDonations,
  parseInput,
  recordDonation,
  ValidationError,
  type Principal,
  type ProvinceCode,
  type Store,
} from '@abad/core';
import { newId } from '@abad/core/store/ids';
import { listingKey } from '@abad/core/store/items';
import { RECORD_SHARDS, indexKeys, indexPartitions, keys, recordShard } from '@abad/core/table/keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { createDrive, donationBody } from '../support/fixtures.ts';
import { download, parseCsv } from '../support/files.ts';

/**
 * Donations and distributions on a national drive day: their index keys are write-sharded
 * (RECORD_SHARDS shards, packages/core/src/table/keys.ts), lists merge the shards newest first,
 * and a new record reads its drive from a container's 30-second memory.
 */

interface Listed {
  id: string;
  createdAt: string;
  province: string;
}

/** Newest first, as every list orders: by `createdAt#id`, descending. */
const newestFirst = (records: Listed[]) => [...records].sort((a, b) => (listingKey(a) < listingKey(b) ? 1 : -1)).map((r) => r.id);

/** Every page of a list; the ids in the order the pages gave them, and each page's size. */
async function allPages(path: string, token: string, limit: number): Promise<{ ids: string[]; items: Listed[]; sizes: number[] }> {
  const items: Listed[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const url = `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })}`;
    const page = await api(url, { token });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    sizes.push(page.body.items.length);
    cursor = page.body.cursor;
  } while (cursor);
  return { ids: items.map((i) => i.id), items, sizes };
}

/** A store whose DynamoDB requests are counted, by operation (and GetItem by consistency). */
function countingStore(base: Store = testStore()): { store: Store; counts: Record<string, number>; reset(): void } {
  const counts: Record<string, number> = {};
  base.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ConsistentRead?: boolean };
      const operation = String(context.commandName).replace(/Command$/, ''); // GetItem, PutItem, Query
      const name = operation === 'GetItem' && input.ConsistentRead ? 'GetItem (consistent)' : operation;
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return {
    store: base,
    counts,
    reset: () => {
      for (const name of Object.keys(counts)) delete counts[name];
    },
  };
}

const admin = () => tokenFor('admin', '*');

describe('write-sharded index keys of donations', () => {
  let drive: string;
  const posted: Listed[] = [];
  beforeAll(async () => {
    drive = await createDrive();
    const both = await tokenFor('operator', ['IR-13', 'IR-19']);
    for (let i = 0; i < 50; i++) {
      const province: ProvinceCode = i % 3 === 0 ? 'IR-19' : 'IR-13';
      const created = await api('/donations', { token: both, body: donationBody(drive, province) });
      expect(created.status).toBe(201);
      posted.push(created.body);
    }
  });

  it('spreads one drive’s donations over the shards: each item carries its shard in all three index keys', async () => {
    const store = testStore();
    for (const { id } of posted) {
      const item = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.donation(id), ConsistentRead: true }))).Item!;
      const expected = indexKeys.driveRecord('Donation', { id, province: item.province, driveId: drive }, listingKey(item as Listed));
      expect(item).toMatchObject(expected);
      // Each of the three keys is the shard's partition of its list.
      for (const partitions of [
        indexPartitions.byDrive(drive, 'Donation'),
        indexPartitions.recordsByProvince(item.province, 'Donation'),
        indexPartitions.recordsByType('Donation'),
      ]) {
        const shard = partitions[recordShard(id)]!;
        expect(item[shard.partitionKeyName]).toBe(shard.partitionKey);
      }
    }
    // 50 donations over 16 shards: about 15 shards in use (fewer than 10 has a chance below one in a million).
    expect(new Set(posted.map((d) => recordShard(d.id))).size).toBeGreaterThanOrEqual(10);
    expect(RECORD_SHARDS).toBe(16);
  });

  it('lists a drive over 2.5 pages: every donation once, newest first across the shards', async () => {
    const { ids, sizes } = await allPages(`/donations?drive=${drive}`, await admin(), 20);
    expect(sizes).toEqual([20, 20, 10]);
    expect(ids).toEqual(newestFirst(posted));
  });

  it('pages a filtered list (a drive, the caller’s province only) without a gap or a repeat', async () => {
    const hamadan = await tokenFor('operator', ['IR-13']);
    const { ids, sizes } = await allPages(`/donations?drive=${drive}`, hamadan, 7);
    expect(ids).toEqual(newestFirst(posted.filter((d) => d.province === 'IR-13')));
    expect(sizes.slice(0, -1).every((size) => size === 7)).toBe(true);
    const explicit = await allPages(`/donations?drive=${drive}&province=IR-19`, await admin(), 6);
    expect(explicit.ids).toEqual(newestFirst(posted.filter((d) => d.province === 'IR-19')));
  });

  it('lists a province, and all donations, in one order over the shards', async () => {
    for (const [path, mine] of [
      ['/donations?province=IR-19', posted.filter((d) => d.province === 'IR-19')],
      ['/donations', posted],
    ] as const) {
      const { ids, items } = await allPages(path, await admin(), 100);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(newestFirst(items));
      expect(ids.filter((id) => mine.some((d) => d.id === id))).toEqual(newestFirst([...mine]));
    }
  });

  it('exports every donation of the drive once', async () => {
    const csv = await download(`/donations.csv?drive=${drive}`, { token: await admin() });
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.text).slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(posted.map((d) => d.id).sort());
  });

  it('binds the cursor to its query: another drive, type or filter is 400; another limit is not', async () => {
    const token = await admin();
    const first = await api(`/donations?drive=${drive}&limit=5`, { token });
    const cursor = encodeURIComponent(first.body.cursor);
    expect(first.body.cursor).toEqual(expect.any(String));
    const other = await createDrive();
    for (const path of [
      `/donations?drive=${other}&cursor=${cursor}`,
      `/distributions?drive=${drive}&cursor=${cursor}`,
      `/donations?drive=${drive}&province=IR-13&cursor=${cursor}`,
      `/donations?province=IR-13&cursor=${cursor}`,
      `/donations?drive=${drive}&cursor=${cursor.slice(0, -2)}xx`,
    ]) {
      const response = await api(path, { token });
      expect(response.status, path).toBe(400);
      expect(response.body.type).toBe('/problems/invalid-cursor');
    }
    const next = await api(`/donations?drive=${drive}&limit=45&cursor=${cursor}`, { token });
    expect(next.status).toBe(200);
    expect([...first.body.items, ...next.body.items].map((d: Listed) => d.id)).toEqual(newestFirst(posted));
    expect(next.body.cursor).toBeUndefined();
  });
});

describe('the merge of shards', () => {
  const principal: Principal = { subject: 'sharding-test', role: 'admin', provinces: '*' };
  let driveId: string;
  const stored: Listed[] = [];

  /** A donation item as the store writes it, straight into the table, with an id on the shard asked for. */
  async function put(store: Store, shard: number, province: ProvinceCode): Promise<void> {
    let id = newId();
    while (recordShard(id) !== shard) id = newId();
    const createdAt = new Date(Date.now() - 60_000 + stored.length).toISOString();
    const record = { id, driveId, province, kind: 'cash', amountToman: 1000, channel: 'مسجد', version: 1, createdAt, updatedAt: createdAt, createdBy: 'test' };
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.donation(id), ...indexKeys.driveRecord('Donation', record, listingKey(record)), type: 'Donation', ...record },
      }),
    );
    stored.push(record);
  }

  beforeAll(async () => {
    driveId = await createDrive();
    const store = testStore();
    // 30 in shard 3 and one in each of 12 others, interleaved: one shard far above its share of every page.
    for (let i = 0, other = 4; i < 30; i++) {
      await put(store, 3, i % 5 === 0 ? 'IR-19' : 'IR-13');
      if (i % 2 === 1 && other < 16) await put(store, other++, other % 4 === 0 ? 'IR-19' : 'IR-13');
    }
  });

  it('reads each shard again when the merge has taken all it read of it, and pages exactly', async () => {
    const { store, counts, reset } = countingStore();
    const ids: string[] = [];
    const queries: number[] = [];
    let cursor: string | undefined;
    do {
      reset();
      const page = await listDonations(store, principal, { driveId, limit: 8, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((d) => d.id));
      queries.push(counts.Query ?? 0);
      expect(page.items.length === 8 || !page.cursor).toBe(true);
      cursor = page.cursor;
    } while (cursor);
    expect(ids).toEqual(newestFirst(stored));
    // The first page reads all 17 partitions (16 shards and the unsharded key) for 4 items each, then shard 3
    // again (7 of the 8 newest are its own); a partition read to its end is not read again.
    expect(queries[0]).toBe(18);
    expect(queries.slice(1).every((q) => q <= 17)).toBe(true);
    expect(queries.length).toBe(Math.ceil(stored.length / 8));
  });

  it('merges a selective filter (one donation in five) without a gap', async () => {
    const { store } = countingStore();
    const inIR19 = stored.filter((d) => d.province === 'IR-19');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDonations(store, { ...principal, role: 'operator', provinces: ['IR-19'] }, { driveId, limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((d) => d.id));
      cursor = page.cursor;
    } while (cursor);
    expect(ids).toEqual(newestFirst(inIR19));
  });

  it('lists records still under the unsharded keys among the others, once; a correction moves one to its shard', async () => {
    const drive = await createDrive();
    const operator = await tokenFor('operator', ['IR-13']);
    const created: Listed[] = [];
    for (let i = 0; i < 4; i++) created.push((await api('/donations', { token: operator, body: donationBody(drive) })).body);
    // Two of them as they were stored before sharding: each index key without its shard.
    const store = testStore();
    const legacy = [
      indexPartitions.byDrive(drive, 'Donation'),
      indexPartitions.recordsByProvince('IR-13', 'Donation'),
      indexPartitions.recordsByType('Donation'),
    ].map((partitions) => partitions.at(-1)!);
    for (const { id } of created.slice(1, 3)) {
      await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.donation(id),
          UpdateExpression: 'SET #a = :a, #b = :b, #c = :c',
          ExpressionAttributeNames: { '#a': legacy[0]!.partitionKeyName, '#b': legacy[1]!.partitionKeyName, '#c': legacy[2]!.partitionKeyName },
          ExpressionAttributeValues: { ':a': legacy[0]!.partitionKey, ':b': legacy[1]!.partitionKey, ':c': legacy[2]!.partitionKey },
        }),
      );
    }
    const token = await admin();
    for (const limit of [1, 2, 10]) expect((await allPages(`/donations?drive=${drive}`, token, limit)).ids).toEqual(newestFirst(created));
    const inProvince = (await allPages('/donations?province=IR-13', token, 100)).ids;
    expect(inProvince.filter((id) => created.some((d) => d.id === id))).toEqual(newestFirst(created));

    const moved = created[1]!.id;
    const patched = await api(`/donations/${moved}`, { method: 'PATCH', token: operator, body: { channel: 'حساب بانکی' }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    const item = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.donation(moved), ConsistentRead: true }))).Item!;
    expect(item).toMatchObject(indexKeys.driveRecord('Donation', { id: moved, province: 'IR-13', driveId: drive }, listingKey(created[1]!)));
    expect((await allPages(`/donations?drive=${drive}`, token, 3)).ids).toEqual(newestFirst(created));
  });
});

describe('the drive a new donation names, kept 30 s in the container', () => {
  const operator: Principal = { subject: 'drive-memory-test', role: 'operator', provinces: ['IR-13', 'IR-19'] };
  const fields = (driveId: string, province: ProvinceCode = 'IR-13') => parseInput(donationInput, donationBody(driveId, province));

  it('a second donation for the same drive within 30 s reads no drive; after 30 s it reads it again', async () => {
    const drive = await createDrive();
    const { store, counts, reset } = countingStore();
    await recordDonation(store, operator, fields(drive));
    expect(counts).toEqual({ GetItem: 1, PutItem: 1 }); // eventually consistent: half a read unit
    reset();
    await recordDonation(store, operator, fields(drive));
    await recordDonation(store, operator, fields(drive, 'IR-19'));
    expect(counts).toEqual({ PutItem: 2 });
    reset();
    const later: Store = { ...store, now: () => new Date(Date.now() + DRIVE_MEMORY_MS + 1_000) };
    await recordDonation(later, operator, fields(drive));
    expect(counts).toEqual({ GetItem: 1, PutItem: 1 });
  });

  it('never refuses from memory: a drive moved to the record’s province is read again; a refusal is exact', async () => {
    const drive = await createDrive('IR-13');
    const { store, counts, reset } = countingStore();
    await recordDonation(store, operator, fields(drive));
    // Moved by another container (the API's): this one still remembers IR-13.
    const moved = await api(`/drives/${drive}`, { method: 'PATCH', token: await admin(), body: { province: 'IR-19' }, headers: { 'if-match': '"1"' } });
    expect(moved.status).toBe(200);
    reset();
    // The window the README states: within 30 s a donation of the old province is still taken, from memory.
    await recordDonation(store, operator, fields(drive, 'IR-13'));
    expect(counts).toEqual({ PutItem: 1 });
    reset();
    // The new province: memory says no, a consistent read says yes; the memory now holds the drive as read.
    await recordDonation(store, operator, fields(drive, 'IR-19'));
    expect(counts).toEqual({ 'GetItem (consistent)': 1, PutItem: 1 });
    reset();
    await expect(recordDonation(store, operator, fields(drive, 'IR-13'))).rejects.toMatchObject({
      problems: [expect.objectContaining({ rule: 'driveProvince' })],
    });
    expect(counts).toEqual({ 'GetItem (consistent)': 1 });
  });

  it('does not remember a drive it did not find', async () => {
    const { store, counts, reset } = countingStore();
    const missing = newId();
    for (let i = 0; i < 2; i++) {
      reset();
      await expect(recordDonation(store, operator, fields(missing))).rejects.toBeInstanceOf(ValidationError);
      expect(counts).toEqual({ GetItem: 1, 'GetItem (consistent)': 1 });
    }
  });

  it('over HTTP, a PATCH of the drive in the same container takes effect at once', async () => {
    const drive = await createDrive('IR-13');
    const token = await tokenFor('operator', ['IR-13', 'IR-19']);
    expect((await api('/donations', { token, body: donationBody(drive, 'IR-13') })).status).toBe(201);
    const moved = await api(`/drives/${drive}`, { method: 'PATCH', token: await admin(), body: { province: 'IR-19' }, headers: { 'if-match': '"1"' } });
    expect(moved.status).toBe(200);
    const refused = await api('/donations', { token, body: donationBody(drive, 'IR-13') });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'province', rule: 'driveProvince' })]);
    expect((await api('/donations', { token, body: donationBody(drive, 'IR-19') })).status).toBe(201);
  });
});
