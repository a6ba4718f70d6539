import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processInfo } from './process-info.ts';

/**
 * `<dataDir>/runtime.json` says, while `npm start` runs, where its DynamoDB Local listens and
 * which table it serves, so commands run beside it (`npm run refresh`) use that server
 * instead of starting a second one on the same files, which DynamoDB Local would refuse.
 */
export interface RuntimeInfo {
  /** The node process running the stack: a file left by a killed one is ignored. */
  pid: number;
  dynamoDbEndpoint: string;
  tableName: string;
  url: string;
}

const FILE = 'runtime.json';

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const path = join(dataDir, FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Removes the file if it is still this process's (a newer start may have replaced it). */
export function removeRuntimeFile(dataDir: string, pid: number): void {
  if (readRuntimeFile(dataDir)?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}

/** The running stack's details, or undefined when none is running on this data folder. */
export function runningStack(dataDir: string): RuntimeInfo | undefined {
  const info = readRuntimeFile(dataDir);
  return info && processInfo(info.pid) ? info : undefined;
}

function readRuntimeFile(dataDir: string): RuntimeInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8'));
  } catch {
    return undefined; // missing, or cut short: as good as no stack
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, dynamoDbEndpoint, tableName, url } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof dynamoDbEndpoint !== 'string' || typeof tableName !== 'string' || typeof url !== 'string') return undefined;
  return { pid, dynamoDbEndpoint, tableName, url };
}
