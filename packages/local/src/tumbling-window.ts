/**
 * The tumbling window of one shard, as an event source mapping with TumblingWindowInSeconds
 * keeps it: fixed, back-to-back windows; the `state` the function returns is handed to its
 * next invocation in the same window and starts empty in the next one.
 *
 * Lambda places a record by its stream timestamp; DynamoDB Local truncates that timestamp to
 * the minute, so here a batch belongs to the window it is read in. Records are read within
 * milliseconds of being written, so the two agree except when catching up after a stop.
 */
export interface Window {
  start: string;
  end: string;
}

export class TumblingWindow {
  private current: { startMs: number; state: Record<string, string> } | undefined;

  constructor(private readonly lengthMs: number) {
    if (!(lengthMs >= 1_000)) throw new Error(`a tumbling window is at least 1 s long, not ${lengthMs} ms`);
  }

  /** The window `nowMs` falls in and the state to invoke with. */
  at(nowMs: number): { window: Window; state: Record<string, string> } {
    const startMs = nowMs - (nowMs % this.lengthMs);
    if (this.current?.startMs !== startMs) this.current = { startMs, state: {} };
    return { window: { start: iso(startMs), end: iso(startMs + this.lengthMs) }, state: this.current.state };
  }

  /** Keeps what the function returned for its next invocation in the same window. */
  keep(window: Window, state: Record<string, string>): void {
    if (this.current && iso(this.current.startMs) === window.start) this.current.state = state;
  }
}

/** Lambda writes window bounds without milliseconds ("2020-07-30T17:00:00Z"). */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
