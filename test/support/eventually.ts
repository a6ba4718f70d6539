/**
 * Reads until `accept` holds or the time is up, and returns the last read (the caller's
 * assertions then say what was wrong). Figures follow writes through the stream, about a
 * second behind, and public figure reads are cached for a second.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs = 5_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
