import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recentReads } from '../src/shared/recent-reads.ts';

describe('recentReads', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('reads once per period per key, and concurrent requests share the read in flight', async () => {
    const recent = recentReads<number>(1_000);
    let reads = 0;
    const read = async () => ++reads;
    expect(await Promise.all([recent('a', read), recent('a', read), recent('a', read)])).toEqual([1, 1, 1]);
    vi.setSystemTime(999);
    expect(await recent('a', read)).toBe(1);
    expect(await recent('b', read)).toBe(2);
    vi.setSystemTime(1_000);
    expect(await recent('a', read)).toBe(3);
    expect(reads).toBe(3);
  });

  it('keeps no failed read', async () => {
    const recent = recentReads<string>(1_000);
    await expect(recent('a', async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(await recent('a', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxKeys, dropping the oldest', async () => {
    const recent = recentReads<string>(1_000, 2);
    let reads = 0;
    const read = (value: string) => async () => {
      reads++;
      return value;
    };
    await recent('a', read('a'));
    await recent('b', read('b'));
    await recent('c', read('c'));
    expect(reads).toBe(3);
    await recent('b', read('b'));
    await recent('c', read('c'));
    expect(reads).toBe(3);
    await recent('a', read('a'));
    expect(reads).toBe(4);
  });
});
