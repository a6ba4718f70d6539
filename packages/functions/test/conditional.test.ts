import { describe, expect, it } from 'vitest';
import { noneMatchNames, representationOf } from '../src/http/conditional.ts';

describe('representationOf', () => {
  it('serializes money as decimal strings and tags the body by its hash: same body, same strong tag', () => {
    const a = representationOf({ total: 62_000_000_000n, count: 3 });
    expect(a.body).toBe('{"total":"62000000000","count":3}');
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(representationOf({ total: 62_000_000_000n, count: 3 }).etag).toBe(a.etag);
    expect(representationOf({ total: 62_000_000_001n, count: 3 }).etag).not.toBe(a.etag);
  });
});

describe('noneMatchNames (If-None-Match, weak comparison)', () => {
  const tag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['', false],
    [undefined, false],
  ] as const)('%s → %s', (header, expected) => {
    expect(noneMatchNames(header, tag)).toBe(expected);
  });
});
