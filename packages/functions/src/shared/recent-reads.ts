/**
 * What this container read in the last `freshForMs`, by key: a crowd asking for the same thing
 * costs one read per period per container, not one per request, and requests that arrive while
 * it is being read wait for that same read. A failed read is not kept. The age of an answer is
 * counted from when its read began, so none is older than `freshForMs`. At most `maxKeys` are
 * kept (the oldest go first), so keys from arbitrary input cannot grow it without bound.
 */
export function recentReads<T>(freshForMs: number, maxKeys = 256): (key: string, read: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  return (key, read) => {
    const now = Date.now();
    const kept = entries.get(key);
    if (kept && kept.until > now) return kept.value;
    entries.delete(key);
    if (entries.size >= maxKeys) {
      for (const [k, entry] of entries) if (entry.until <= now) entries.delete(k);
      if (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
    }
    const value = read();
    entries.set(key, { value, until: now + freshForMs });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  };
}
