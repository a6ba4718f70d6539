import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web pages (packages/web/dist) when they are missing or older than their sources.
 * `npm start` runs it before starting the local runtime, and the browser tests before they
 * open a page, so neither ever serves a stale site; an up-to-date build costs one directory
 * walk.
 *
 *   tsx packages/web/scripts/build-site.ts            # build when stale
 *   tsx packages/web/scripts/build-site.ts --force    # always build
 */
export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');
const CORE_SRC = join(WEB_DIR, '..', 'core', 'src');
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src', 'licenses'].map((p) => join(WEB_DIR, p));

function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

/** True when dist/index.html is missing or older than any source (the web package's or core's, which the pages bundle). */
export function siteIsStale(): boolean {
  const built = newestMtime(join(DIST_DIR, 'index.html'));
  if (built === 0) return true;
  return Math.max(...SOURCES.map(newestMtime), newestMtime(CORE_SRC)) > built;
}

/** Runs `vite build` (the repository's one Vite) with this Node; throws with its output on failure. */
export function buildSite(): void {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Builds when stale; returns whether it built. */
export function ensureSiteBuilt(force = false): boolean {
  if (!force && !siteIsStale()) return false;
  buildSite();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  try {
    const built = ensureSiteBuilt(process.argv.includes('--force'));
    if (built) console.log(`web pages built into packages/web/dist (${Date.now() - started} ms)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
