import { chmodSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/** Secrets and personal data on disk are for this user only (other local users cannot read them). */
export const OWNER_ONLY_FILE_MODE = 0o600;
export const OWNER_ONLY_DIR_MODE = 0o700;

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
  writeFileSync(temp, await create(), { mode: OWNER_ONLY_FILE_MODE });
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

/**
 * Creates `dir` if needed and makes it and the files directly in it owner-only: files written
 * before modes were enforced (or by a process with a looser umask) are tightened on every start.
 */
export function restrictToOwner(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  chmodSync(dir, OWNER_ONLY_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), OWNER_ONLY_FILE_MODE);
  }
}
