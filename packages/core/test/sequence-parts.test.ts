import { describe, expect, it } from 'vitest';
import { MAX_PARTS, padSequence, partSequence } from '../src/aggregation/sequence.ts';

/**
 * A record whose change to one scope is too large for one update goes in parts, each leaving
 * the shard's mark at `<padded sequence>.<part>`. Marks are compared as strings (in code and in
 * DynamoDB's condition `#mark < :first`, byte order): a part must sort after its record and
 * before every later record, whatever the lengths of their sequence numbers.
 */
const inOrder = (marks: string[]) => marks.every((mark, i) => i === 0 || marks[i - 1]! < mark);

describe('the mark of a part of a record', () => {
  it('is the padded sequence number and the part, in three digits', () => {
    expect(partSequence('900000000000000000001', 1)).toBe(`${'0'.repeat(19)}900000000000000000001.001`);
    expect(partSequence('900000000000000000001', 12)).toMatch(/^\d{40}\.012$/);
    expect(partSequence(padSequence('93'), MAX_PARTS)).toBe(`${padSequence('93')}.999`);
    for (const part of [0, -1, 1.5, MAX_PARTS + 1]) expect(() => partSequence('93', part), String(part)).toThrow();
  });

  it('orders S < S.001 < S.002 < S.999 < S′ for the next record, with 21- and 22-digit sequence numbers', () => {
    const s21 = '900000000000000000001';
    const next21 = '900000000000000000002';
    const s22 = '1000000000000000000004'; // larger as a number, smaller as unpadded text
    const next22 = '1000000000000000000005';
    expect([s21, next21, s22, next22].map((s) => s.length)).toEqual([21, 21, 22, 22]);
    const marks = (s: string) => [padSequence(s), partSequence(s, 1), partSequence(s, 2), partSequence(s, 10), partSequence(s, MAX_PARTS)];
    expect(inOrder([...marks(s21), ...marks(next21), ...marks(s22), ...marks(next22), padSequence('9'.repeat(40))])).toBe(true);
    // Byte order, as DynamoDB compares strings: the same.
    const all = [...marks(s21), ...marks(s22), ...marks(next22)];
    const bytes = [...all].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(bytes).toEqual(all);
  });

  it('a part is never below its record nor above any later one, even one a single unit higher or far longer', () => {
    for (const [s, later] of [
      ['1', '2'],
      ['999999999999999999999', '1000000000000000000000'],
      ['1000000000000000000009', '1000000000000000000010'],
      ['123456789012345678901', '9'.repeat(40)],
    ] as const) {
      expect(padSequence(s) < partSequence(s, 1), s).toBe(true);
      expect(partSequence(s, MAX_PARTS) < padSequence(later), `${s} < ${later}`).toBe(true);
      expect(partSequence(s, MAX_PARTS) < partSequence(later, 1), `${s} < ${later}`).toBe(true);
    }
  });
});
