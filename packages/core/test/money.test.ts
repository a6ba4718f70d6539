import { describe, expect, it } from 'vitest';
import { MAX_TOMAN_PER_RECORD, formatToman, storedToman, tomanInput } from '../src/money/toman.ts';
import { readNumber } from '../src/store/client.ts';

describe('tomanInput', () => {
  it('reads integers and digit strings in any digit set as bigint', () => {
    expect(tomanInput.parse(1500)).toBe(1500n);
    expect(tomanInput.parse('۶۲٬۰۰۰٬۰۰۰٬۰۰۰')).toBe(62_000_000_000n);
    expect(tomanInput.parse('9,007,199,254,740,993')).toBe(9_007_199_254_740_993n);
  });

  it('rejects negatives, fractions, floats, unsafe JSON numbers and amounts beyond the cap', () => {
    for (const bad of [
      -1,
      1.5,
      Number.NaN,
      2 ** 53 + 2,
      '-5',
      '1.5',
      '',
      'ده‌ها',
      '4،482',
      '۱٫۲۳۴۵ هزار',
      (MAX_TOMAN_PER_RECORD + 1n).toString(),
      null,
      true,
      {},
    ]) {
      expect(tomanInput.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('round-trips through storage and JSON without a float', () => {
    const big = 123_456_789_012_345_678_901n;
    expect(storedToman.parse(readNumber(big.toString()))).toBe(big);
    expect(formatToman(big)).toBe('123456789012345678901');
  });
});

describe('readNumber (DynamoDB numbers)', () => {
  it('gives numbers for safe integers and decimals, bigint beyond 2^53', () => {
    expect(readNumber('42')).toBe(42);
    expect(readNumber('99.5')).toBe(99.5);
    expect(readNumber('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(readNumber('-9007199254740993')).toBe(-9_007_199_254_740_993n);
  });
});
