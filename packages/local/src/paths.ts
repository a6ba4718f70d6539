import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './startup-error.ts';

/** The repository root, from this file's place (packages/local/src), whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const DEFAULT_PORT = 3000;
export const DEFAULT_TABLE_NAME = 'abad-local';

/** The `.abad/` folder holding everything the local runtime keeps; `ABAD_DATA_DIR` moves it. */
export function abadDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ABAD_DATA_DIR ? resolve(env.ABAD_DATA_DIR) : join(REPO_ROOT, '.abad');
}

/** `PORT` as a TCP port (0 = any free one); throws a one-line message when it is not one. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env, name = 'PORT', fallback = DEFAULT_PORT): number {
  const raw = env[name] || String(fallback);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) throw new StartupError(`${name} must be a number from 0 to 65535, not "${raw}".`);
  return port;
}

/** The issuer URL tokens carry (`iss`): the API's own origin, as an OIDC issuer would be. */
export function localIssuerUrl(port: number): string {
  return `http://localhost:${port}`;
}

export const DEFAULT_REFRESH_INTERVAL_SECONDS = 300;

/** `REFRESH_INTERVAL_SECONDS`: how often the local refresh runs; 0 turns it off. */
export function refreshIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REFRESH_INTERVAL_SECONDS || String(DEFAULT_REFRESH_INTERVAL_SECONDS);
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new StartupError(`REFRESH_INTERVAL_SECONDS must be a number of seconds (0 turns the refresh off), not "${raw}".`);
  return seconds;
}
