import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the stream poller stands in each shard: the last sequence number fully processed,
 * kept in `<dataDir>/stream-checkpoints.json` so a restart resumes right after it instead of
 * re-reading the whole stream. Tied to one stream ARN: a table created anew has a new stream
 * and its reading starts from the beginning.
 */
export const CHECKPOINT_FILE = 'stream-checkpoints.json';

interface CheckpointFile {
  streamArn: string;
  /** shard id → last sequence number processed */
  shards: Record<string, string>;
}

export class StreamCheckpoints {
  private readonly path: string;
  private readonly shards = new Map<string, string>();
  /** True when the file held checkpoints for another stream (the table was recreated). */
  readonly otherStream: boolean;

  constructor(
    dataDir: string,
    private readonly streamArn: string,
  ) {
    this.path = join(dataDir, CHECKPOINT_FILE);
    const file = readCheckpointFile(this.path);
    this.otherStream = file !== undefined && file.streamArn !== streamArn;
    if (file && !this.otherStream) for (const [shard, sequence] of Object.entries(file.shards)) this.shards.set(shard, sequence);
  }

  get(shardId: string): string | undefined {
    return this.shards.get(shardId);
  }

  /** Records and writes at once: written whole (temp file, then rename), so a crash never leaves half a file. */
  set(shardId: string, sequenceNumber: string): void {
    this.shards.set(shardId, sequenceNumber);
    this.save();
  }

  /** Forgets shards the stream no longer has (trimmed after 24 h). */
  keepOnly(shardIds: ReadonlySet<string>): void {
    const gone = [...this.shards.keys()].filter((shard) => !shardIds.has(shard));
    if (gone.length === 0) return;
    for (const shard of gone) this.shards.delete(shard);
    this.save();
  }

  private save(): void {
    const file: CheckpointFile = { streamArn: this.streamArn, shards: Object.fromEntries(this.shards) };
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(temp, this.path);
  }
}

/** The file, or undefined when missing or not what we write (then reading starts over). */
function readCheckpointFile(path: string): CheckpointFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { streamArn, shards } = value as Record<string, unknown>;
    if (typeof streamArn !== 'string' || typeof shards !== 'object' || shards === null) return undefined;
    const entries = Object.entries(shards).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^\d{1,40}$/.test(entry[1]));
    return { streamArn, shards: Object.fromEntries(entries) };
  } catch {
    return undefined;
  }
}
