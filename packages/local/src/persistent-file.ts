import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Reads a small secret file, creating it on first use. `npm start` and `npm run token` may
 * both create the issuer key at the same moment: the content is written to a private temp
 * file and hard-linked into place, which fails if the file already exists, so the first
 * writer wins whole and nobody ever reads a half-written file.
 */
export async function readOrCreateFile(path: string, create: () => Promise<string> | string): Promise<string> {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, await create(), { mode: 0o600 });
  try {
    linkSync(temp, path);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error; // someone else created it first: use theirs
  } finally {
    rmSync(temp, { force: true });
  }
  return readFileSync(path, 'utf8');
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
