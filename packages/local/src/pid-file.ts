import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processInfo, waitForExit } from './process-info.ts';
import { StartupError } from './startup-error.ts';

/**
 * A pid file in the data directory records which DynamoDB Local serves it. When the node
 * process that started it is SIGKILLed, the JVM survives as an orphan that still holds the
 * database file and its port; the next start finds it here and ends it first.
 */
interface PidRecord {
  pid: number;
  /** The node process that spawned it: if that one still owns it, it is not an orphan. */
  parentPid: number;
}

const FILE = 'dynamodb-local.pid';

export function writePidFile(dataDir: string, record: PidRecord): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(record)}\n`);
}

/** Removes the pid file, but only if it still names `pid` (a newer start may have rewritten it). */
export function removePidFile(dataDir: string, pid: number): void {
  if (readPidFile(dataDir)?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}

function readPidFile(dataDir: string): PidRecord | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, parentPid } = value as Record<string, unknown>;
    return typeof pid === 'number' && typeof parentPid === 'number' ? { pid, parentPid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ends a DynamoDB Local left running on `dataDir` by a dead parent. A process that merely
 * reuses the recorded pid is left alone (its command line must name the jar and this
 * directory); one whose parent is still alive belongs to another running stack, and
 * starting a second server on the same files is refused rather than killing it.
 */
export async function endOrphan(dataDir: string): Promise<void> {
  const record = readPidFile(dataDir);
  if (!record) return;
  const info = processInfo(record.pid);
  const ours = info?.command.includes('DynamoDBLocal.jar') && info.command.includes(`-dbPath ${dataDir}`);
  if (!info || !ours) {
    rmSync(join(dataDir, FILE), { force: true });
    return;
  }
  if (info.ppid === record.parentPid && processInfo(record.parentPid)) {
    throw new StartupError(`DynamoDB Local (pid ${record.pid}, started by pid ${record.parentPid}) is already serving ${dataDir}; stop that runtime first.`);
  }
  process.kill(record.pid, 'SIGTERM');
  if (!(await waitForExit(record.pid, 5_000))) {
    process.kill(record.pid, 'SIGKILL');
    await waitForExit(record.pid, 5_000);
  }
  rmSync(join(dataDir, FILE), { force: true });
}
