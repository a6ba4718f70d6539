import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { idForIdempotencyKey, requestHash } from '../src/store/idempotency.ts';

describe('idForIdempotencyKey', () => {
  const key = { route: 'POST /donations', caller: 'operator-1', key: 'abc' };

  it('is a valid ULID, the same for the same route, caller and key', () => {
    const id = idForIdempotencyKey(key);
    expect(z.ulid().safeParse(id).success).toBe(true);
    expect(idForIdempotencyKey({ ...key })).toBe(id);
  });

  it('differs when the route, the caller or the key differs', () => {
    const id = idForIdempotencyKey(key);
    expect(idForIdempotencyKey({ ...key, route: 'POST /distributions' })).not.toBe(id);
    expect(idForIdempotencyKey({ ...key, caller: 'operator-2' })).not.toBe(id);
    expect(idForIdempotencyKey({ ...key, key: 'abd' })).not.toBe(id);
    // No ambiguity from concatenation: ("a b", "c") is not ("a", "b c").
    expect(idForIdempotencyKey({ route: 'r', caller: 'a b', key: 'c' })).not.toBe(idForIdempotencyKey({ route: 'r', caller: 'a', key: 'b c' }));
  });

  it('is always a ULID (first character 0–7), for any key', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string({ minLength: 1 }),
        (route, caller, k) => z.ulid().safeParse(idForIdempotencyKey({ route, caller, key: k })).success,
      ),
      { seed: 8 },
    );
  });
});

describe('requestHash', () => {
  it('ignores key order and undefined fields, and reads money as its digits', () => {
    expect(requestHash({ a: 1, b: { c: 2n, d: undefined } })).toBe(requestHash({ b: { c: 2n }, a: 1 }));
  });

  it('tells different requests apart', () => {
    expect(requestHash({ amountToman: 2n })).not.toBe(requestHash({ amountToman: 3n }));
    expect(requestHash({ amountToman: 2n })).not.toBe(requestHash({ amountToman: 2 }));
    expect(requestHash({ items: [1, 2] })).not.toBe(requestHash({ items: [2, 1] }));
  });
});
