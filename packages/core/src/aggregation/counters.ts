/**
 * Counters: named integers an item adds to an aggregate. Money counters end in `Toman`;
 * every counter is a bigint so sums never pass through a float.
 */
export type Counters = Map<string, bigint>;

export function addInto(target: Counters, source: Counters, sign: 1n | -1n = 1n): Counters {
  for (const [name, value] of source) {
    const sum = (target.get(name) ?? 0n) + sign * value;
    if (sum === 0n) target.delete(name);
    else target.set(name, sum);
  }
  return target;
}

export function difference(after: Counters, before: Counters): Counters {
  return addInto(addInto(new Map(), after), before, -1n);
}

export function isZero(counters: Counters): boolean {
  for (const value of counters.values()) if (value !== 0n) return false;
  return true;
}

/** Per scope: `scope key → counters`. */
export type ScopedCounters = Map<string, Counters>;

export function addScoped(target: ScopedCounters, source: ScopedCounters, sign: 1n | -1n = 1n): ScopedCounters {
  for (const [scope, counters] of source) {
    const into = target.get(scope) ?? new Map<string, bigint>();
    addInto(into, counters, sign);
    if (into.size) target.set(scope, into);
    else target.delete(scope);
  }
  return target;
}
