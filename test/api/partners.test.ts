import { keys } from '@abad/core/table/keys';
import { nameKey } from '@abad/core/text/name-key';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/api.ts';
import { countRequestItems, testStore } from '../support/db.ts';
import { unique } from '../support/fixtures.ts';

/** The partner register ("who does what where"): POST/PATCH by admins, reads for anyone. */
let admin: string;

beforeAll(async () => {
  admin = await tokenFor('admin', '*');
});

async function createPartner(body: Record<string, unknown>, token = admin) {
  const response = await api('/partners', { token, body });
  if (response.status !== 201) throw new Error(`partner not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; name: string; kind: string; parent?: string; version: number };
}

function patch(id: string, body: Record<string, unknown>, version: number, token = admin, headers: Record<string, string> = {}) {
  return api(`/partners/${id}`, { method: 'PATCH', token, body, headers: { 'if-match': `"${version}"`, ...headers } });
}

/** Every partner item and name claim stored under this name key (read straight from the table). */
async function storedUnder(name: string): Promise<{ partners: number; claims: number }> {
  const store = testStore();
  const key = nameKey(name);
  const scan = await store.doc.send(
    new ScanCommand({
      TableName: store.tableName,
      ConsistentRead: true,
      FilterExpression: '(#type = :partner AND nameKey = :key) OR pk = :claim',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':partner': 'Partner', ':key': key, ':claim': keys.partnerName(key).pk },
    }),
  );
  const items = scan.Items ?? [];
  return { partners: items.filter((i) => i.type === 'Partner').length, claims: items.filter((i) => i.pk === keys.partnerName(key).pk).length };
}

describe('partners: create, read, list, change', () => {
  it('creates a partner: 201, Location, ETag, normalized name; GET answers it, publicly, without internal attributes', async () => {
    const name = unique('بنياد مسكن');
    const created = await api('/partners', { token: admin, body: { name, kind: 'charity' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/partners/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      name: name.replace('ي', 'ی').replace('ك', 'ک'),
      kind: 'charity',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: created.body.createdAt,
      createdBy: 'admin-all',
      // Every moment comes with its Jalali date and time in Tehran beside it.
      createdAtJalali: expect.stringMatching(/^14\d\d-\d\d-\d\d \d\d:\d\d$/),
      updatedAtJalali: created.body.createdAtJalali,
    });
    const read = await api(`/partners/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual({ ...created.body, provinces: [] }); // no figures until a record names it
    expect((await api('/partners/01JD5XQ8Y5W6Z8N3K2M1P0R9ST')).status).toBe(404);
  });

  it('lists partners newest first, by kind, by parent and by name (spelling, spaces and ZWNJ aside), page by page', async () => {
    const tag = unique('آزمون');
    const root = await createPartner({ name: `سازمان ${tag}`, kind: 'government' });
    const child = await createPartner({ name: `اداره کل ${tag}`, kind: 'government', parent: root.id });
    const charity = await createPartner({ name: `خیریه ${tag}`, kind: 'charity', parent: root.id });

    const all = await api('/partners?limit=100');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((p: { id: string }) => p.id);
    expect(ids.indexOf(charity.id)).toBeLessThan(ids.indexOf(child.id));
    expect(ids.indexOf(child.id)).toBeLessThan(ids.indexOf(root.id));

    const byKind = await api('/partners?kind=charity&limit=100');
    expect(byKind.body.items.every((p: { kind: string }) => p.kind === 'charity')).toBe(true);
    expect(byKind.body.items.map((p: { id: string }) => p.id)).toContain(charity.id);

    const children = await api(`/partners?parent=${root.id}`);
    expect(children.body.items.map((p: { id: string }) => p.id).sort()).toEqual([child.id, charity.id].sort());

    // The tag typed with Arabic letters and a ZWNJ instead of the space finds the same three.
    const search = await api(`/partners?${new URLSearchParams({ q: tag.replace(' ', '\u200c').replace('ی', 'ي'), limit: '100' })}`);
    expect(search.status).toBe(200);
    expect(search.body.items.map((p: { id: string }) => p.id).sort()).toEqual([root.id, child.id, charity.id].sort());

    const first = await api(`/partners?${new URLSearchParams({ q: tag, limit: '2' })}`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await api(`/partners?${new URLSearchParams({ q: tag, limit: '2', cursor: first.body.cursor })}`);
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([root.id]);
    // A cursor belongs to its query.
    expect((await api(`/partners?${new URLSearchParams({ kind: 'charity', limit: '2', cursor: first.body.cursor })}`)).status).toBe(400);
    expect((await api('/partners?kind=ngo')).status).toBe(422);
  });

  it('changes a partner at the version read: 428 without If-Match, 412 when stale, nothing changed either way', async () => {
    const partner = await createPartner({ name: unique('هیئت'), kind: 'religious' });
    expect((await api(`/partners/${partner.id}`, { method: 'PATCH', token: admin, body: { kind: 'community' } })).status).toBe(428);
    const ok = await patch(partner.id, { kind: 'community' }, 1);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(ok.body).toMatchObject({ kind: 'community', version: 2, name: partner.name });
    expect((await patch(partner.id, { kind: 'private' }, 1)).status).toBe(412);
    expect((await api(`/partners/${partner.id}`)).body).toEqual({ ...ok.body, provinces: [] });
    const empty = await patch(partner.id, {}, 2);
    expect(empty.status).toBe(422);
  });
});

describe('partner names are unique by name key', () => {
  it('«خیریه امام علی» and «خيريه  امام‌علی» are one name: the second is 409 naming `name` (Persian on request) and writes nothing', async () => {
    const suffix = unique('').trim();
    const first = await api('/partners', { token: admin, body: { name: `خیریه امام علی ${suffix}`, kind: 'charity' } });
    expect(first.status).toBe(201);
    const before = await countRequestItems();
    const second = await api('/partners', {
      token: admin,
      body: { name: `خيريه  امام\u200cعلی ${suffix}`, kind: 'community' },
      headers: { 'accept-language': 'fa' },
    });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toBe('application/problem+json');
    expect(second.body).toMatchObject({ type: '/problems/conflict', status: 409 });
    expect(second.body.errors).toEqual([{ field: 'name', rule: 'partnerNameTaken', message: 'نهاد همکار دیگری با همین نام ثبت شده است' }]);
    expect(await countRequestItems()).toBe(before);
    expect(await storedUnder(`خیریه امام علی ${suffix}`)).toEqual({ partners: 1, claims: 1 });
  });

  it('of two creates of one name at the same moment, exactly one is written', async () => {
    const name = unique('کانون');
    const responses = await Promise.all(
      ['charity', 'community', 'private', 'religious'].map((kind, i) =>
        api('/partners', { token: admin, body: { name: i % 2 ? name.replace(' ', '\u200c') : name, kind } }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await storedUnder(name)).toEqual({ partners: 1, claims: 1 });
  });

  it('a rename moves the claim: the old name is free, the new one taken; renaming onto a taken name is 409 and changes nothing', async () => {
    const oldName = unique('جمعیت');
    const newName = `انجمن علمی ${unique('').trim()}`;
    const partner = await createPartner({ name: oldName, kind: 'community' });
    const renamed = await patch(partner.id, { name: newName }, 1);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: newName, version: 2 });
    expect(await storedUnder(oldName)).toEqual({ partners: 0, claims: 0 });
    expect(await storedUnder(newName)).toEqual({ partners: 1, claims: 1 });

    const reuse = await api('/partners', { token: admin, body: { name: oldName, kind: 'charity' } });
    expect(reuse.status).toBe(201);
    expect((await api('/partners', { token: admin, body: { name: newName.replace(' ', '  '), kind: 'charity' } })).status).toBe(409);

    // Onto the name the other partner now holds: refused, both untouched.
    const clash = await patch(partner.id, { name: oldName, kind: 'charity' }, 2);
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'partnerNameTaken' })]);
    expect((await api(`/partners/${partner.id}`)).body).toEqual({ ...renamed.body, provinces: [] });
    expect(await storedUnder(oldName)).toEqual({ partners: 1, claims: 1 });

    // Another spelling of its own name keeps the claim (same key) and shows the new spelling.
    const respelled = await patch(partner.id, { name: newName.replace('انجمن علمی', 'انجمن\u200cعلمي') }, 2);
    expect(respelled.status).toBe(200);
    expect(respelled.body.name).toBe(newName.replace('انجمن علمی', 'انجمن\u200cعلمی'));
    expect(await storedUnder(newName)).toEqual({ partners: 1, claims: 1 });
  });
});

describe('the partner hierarchy', () => {
  it('an unknown parent is 422 naming `parent`, on create and on change, and writes nothing', async () => {
    const before = await countRequestItems();
    const name = unique('شعبه');
    const created = await api('/partners', {
      token: admin,
      body: { name, kind: 'charity', parent: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST' },
      headers: { 'accept-language': 'fa' },
    });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ field: 'parent', rule: 'partnerNotFound', message: 'نهاد همکاری با این شناسه وجود ندارد' }]);
    expect(await countRequestItems()).toBe(before);
    expect(await storedUnder(name)).toEqual({ partners: 0, claims: 0 });

    const partner = await createPartner({ name, kind: 'charity' });
    const changed = await patch(partner.id, { parent: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST' }, 1);
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([expect.objectContaining({ field: 'parent', rule: 'partnerNotFound' })]);
    expect((await api('/partners', { token: admin, body: { name: unique('شعبه'), kind: 'charity', parent: 'not-an-id' } })).body.errors).toEqual([
      expect.objectContaining({ field: 'parent' }),
    ]);
    expect((await api(`/partners/${partner.id}`)).body.version).toBe(1);
  });

  it('refuses a partner under itself or under its own descendant (a cycle); moves and detaches otherwise', async () => {
    const a = await createPartner({ name: unique('وزارت'), kind: 'government' });
    const b = await createPartner({ name: unique('اداره کل'), kind: 'government', parent: a.id });
    const c = await createPartner({ name: unique('اداره'), kind: 'government', parent: b.id });

    const self = await patch(a.id, { parent: a.id }, 1);
    expect(self.status).toBe(422);
    expect(self.body.errors).toEqual([expect.objectContaining({ field: 'parent', rule: 'parentIsSelf' })]);
    const cycle = await patch(a.id, { parent: c.id }, 1, admin, { 'accept-language': 'fa' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors).toEqual([expect.objectContaining({ field: 'parent', rule: 'parentCycle', message: expect.stringMatching(/دوری/) })]);
    const direct = await patch(a.id, { parent: b.id }, 1);
    expect(direct.status).toBe(422);
    expect((await api(`/partners/${a.id}`)).body).toMatchObject({ version: 1 });
    expect((await api(`/partners/${a.id}`)).body.parent).toBeUndefined();

    // c moves up under a; then detaches.
    const moved = await patch(c.id, { parent: a.id }, 1);
    expect(moved.status).toBe(200);
    expect(moved.body.parent).toBe(a.id);
    const detached = await patch(c.id, { parent: null }, 2);
    expect(detached.status).toBe(200);
    expect(detached.body).not.toHaveProperty('parent');
    expect((await api(`/partners/${c.id}`)).body).toEqual({ ...detached.body, provinces: [] });
  });

  it('two moves at once cannot close a circle between them', async () => {
    for (let round = 0; round < 3; round++) {
      const x = await createPartner({ name: unique('بنیاد'), kind: 'charity' });
      const y = await createPartner({ name: unique('بنیاد'), kind: 'charity' });
      const [xy, yx] = await Promise.all([patch(x.id, { parent: y.id }, 1), patch(y.id, { parent: x.id }, 1)]);
      expect([xy.status, yx.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      const [xNow, yNow] = await Promise.all([api(`/partners/${x.id}`), api(`/partners/${y.id}`)]);
      expect(xNow.body.parent === y.id && yNow.body.parent === x.id).toBe(false);
    }
  });
});

describe('who may write the register', () => {
  it('admins (of any provinces) write; editors, operators and viewers get 403 on POST and PATCH and write nothing; no token is 401', async () => {
    const provincial = await tokenFor('admin', ['IR-13']);
    const byProvincial = await api('/partners', { token: provincial, body: { name: unique('بسیج سازندگی'), kind: 'military_affiliated' } });
    expect(byProvincial.status).toBe(201);
    const partner = byProvincial.body;

    for (const role of ['editor', 'operator', 'viewer'] as const) {
      const token = await tokenFor(role, '*');
      const before = await countRequestItems();
      const name = unique('ممنوع');
      const created = await api('/partners', { token, body: { name, kind: 'charity' }, headers: { 'idempotency-key': `forbidden-${role}` } });
      expect(created.status, role).toBe(403);
      expect(created.body).toMatchObject({ type: '/problems/forbidden' });
      const changed = await patch(partner.id, { name }, 1, token);
      expect(changed.status, role).toBe(403);
      expect(await countRequestItems(), role).toBe(before);
      expect(await storedUnder(name), role).toEqual({ partners: 0, claims: 0 });
    }
    expect((await api(`/partners/${partner.id}`)).body).toEqual({ ...partner, provinces: [] });

    expect((await api('/partners', { body: { name: unique('بی‌نام'), kind: 'charity' } })).status).toBe(401);
    expect((await api(`/partners/${partner.id}`, { method: 'PATCH', body: { kind: 'charity' }, headers: { 'if-match': '"1"' } })).status).toBe(401);
    const ok = await patch(partner.id, { kind: 'community' }, 1, provincial);
    expect(ok.status).toBe(200);
  });
});

describe('Idempotency-Key on POST /partners', () => {
  it('a replay returns the same partner (even spelled otherwise); concurrent replays write one; another body is 422', async () => {
    const name = unique('خیریه کوثر');
    const key = `partner-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const first = await api('/partners', { token: admin, body: { name, kind: 'charity' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const again = await api('/partners', { token: admin, body: { kind: 'charity', name: name.replace('ی', 'ي') }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));

    const other = await api('/partners', { token: admin, body: { name, kind: 'private' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await storedUnder(name)).toEqual({ partners: 1, claims: 1 });

    const burstName = unique('بنیاد برکت');
    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        api('/partners', { token: admin, body: { name: burstName, kind: 'charity' }, headers: { 'idempotency-key': `burst-${key}` } }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(await storedUnder(burstName)).toEqual({ partners: 1, claims: 1 });

    // The key is the caller's: another admin with the same key and body registers nothing new but hears the name is taken.
    const otherAdmin = await tokenFor('admin', '*', 'admin-other');
    const elsewhere = await api('/partners', { token: otherAdmin, body: { name, kind: 'charity' }, headers: { 'idempotency-key': key } });
    expect(elsewhere.status).toBe(409);
  });
});

describe('drives name registered partners', () => {
  it('an unknown partner is 422 naming `partners.0.partner` and writes nothing; a known one is stored; one role twice is 422', async () => {
    const partner = await createPartner({ name: unique('ستاد اجرایی'), kind: 'government' });
    const drive = { name: unique('پویش'), startDate: '2026-03-01', province: 'IR-13' };

    const before = await countRequestItems();
    const unknown = await api('/drives', {
      token: admin,
      body: { ...drive, partners: [{ partner: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST', role: 'implementing' }] },
      headers: { 'accept-language': 'fa' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'partners.0.partner', rule: 'partnerNotFound', message: 'نهاد همکاری با این شناسه وجود ندارد' }]);
    expect(await countRequestItems()).toBe(before);

    const second = await api('/drives', {
      token: admin,
      body: {
        ...drive,
        partners: [
          { partner: partner.id, role: 'funding' },
          { partner: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST', role: 'funding' },
        ],
      },
    });
    expect(second.body.errors).toEqual([expect.objectContaining({ field: 'partners.1.partner', rule: 'partnerNotFound' })]);

    const twice = await api('/drives', {
      token: admin,
      body: {
        ...drive,
        partners: [
          { partner: partner.id, role: 'funding' },
          { partner: partner.id, role: 'funding' },
        ],
      },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'partners.1.partner', rule: 'duplicatePartnerRole' })]);
    expect(await countRequestItems()).toBe(before);

    const refs = [
      { partner: partner.id, role: 'implementing' },
      { partner: partner.id, role: 'funding' },
    ];
    const created = await api('/drives', { token: admin, body: { ...drive, partners: refs } });
    expect(created.status).toBe(201);
    expect(created.body.partners).toEqual(refs);
    expect((await api(`/drives/${created.body.id}`)).body.partners).toEqual(refs);

    // A patch is checked too; a patch without `partners` keeps them.
    const bad = await api(`/drives/${created.body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { partners: [{ partner: '01JD5XQ8Y5W6Z8N3K2M1P0R9ST', role: 'funding' }] },
      headers: { 'if-match': '"1"' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'partners.0.partner' })]);
    const phase = await api(`/drives/${created.body.id}`, { method: 'PATCH', token: admin, body: { phase: 'دوم' }, headers: { 'if-match': '"1"' } });
    expect(phase.status).toBe(200);
    expect(phase.body.partners).toEqual(refs);
  });
});
