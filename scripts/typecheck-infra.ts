// Type-checks sst.config.ts and stacks/ against SST's real component types (`npm run
// typecheck:infra`, part of `npm test`). The types live in .sst/platform, which `sst install`
// fills from the npm registry alone; .sst/ is git-ignored, so a fresh clone installs it here,
// and so does a clone whose platform belongs to another SST version than the pinned one.
// The install's output (with --print-logs, so a failure says why) is shown only on failure.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const platform = join(root, '.sst', 'platform');

/** Runs a node_modules/.bin script with this Node (22 under npm scripts), not its shebang's. */
function runBin(name: string, args: string[], options: SpawnSyncOptions) {
  const binary = join(root, 'node_modules', '.bin', name);
  const result = spawnSync(process.execPath, [binary, ...args], { cwd: root, ...options });
  if (result.error) throw result.error;
  return result;
}

function pinnedSstVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const version = pkg.devDependencies?.['sst'];
  if (!version) throw new Error('package.json has no devDependency on sst');
  return version;
}

function installedPlatformVersion(): string | undefined {
  const file = join(platform, 'version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * The providers sst.config.ts declares (the keys of `providers: { … }` in its app()), so a
 * provider added to the config is installed (its global, e.g. `random`, typed) before tsc.
 */
function configuredProviders(): string[] {
  const source = readFileSync(join(root, 'sst.config.ts'), 'utf8').replace(/\/\/.*$/gm, '');
  const start = source.search(/providers\s*:\s*\{/);
  if (start < 0) return [];
  let depth = 0;
  let body = '';
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    const c = source[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
    else if (depth === 1) body += c;
  }
  return [...body.matchAll(/(?:^|[,{\s])["']?([A-Za-z_$][\w$-]*)["']?\s*:/g)].map((m) => m[1]!);
}

function installedProviders(): string[] {
  const file = join(root, '.sst', 'provider-lock.json');
  if (!existsSync(file)) return [];
  const lock = JSON.parse(readFileSync(file, 'utf8')) as { name: string }[];
  return lock.map((entry) => entry.name);
}

const pinned = pinnedSstVersion();
const installed = installedPlatformVersion();
const missingProviders = configuredProviders().filter((name) => !installedProviders().includes(name));

const reason = !existsSync(join(platform, 'config.d.ts'))
  ? 'missing'
  : installed !== pinned
    ? `are for SST ${installed ?? 'of unknown version'}, pinned is ${pinned}`
    : missingProviders.length > 0
      ? `lack the provider(s) ${missingProviders.join(', ')} that sst.config.ts declares`
      : undefined;

if (reason) {
  console.log(`SST platform types in .sst/platform ${reason}: running sst install…`);
  const started = Date.now();
  const result = runBin('sst', ['install', '--stage', 'ci', '--print-logs'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      SST_NO_BUN: '1',
      SST_SKIP_DEPENDENCY_CHECK: '1',
      SST_TELEMETRY_DISABLED: '1',
    },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    console.error(`sst install failed (exit status ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`sst install done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const tsc = runBin('tsc', ['-p', 'tsconfig.infra.json'], { stdio: 'inherit' });
process.exit(tsc.status ?? 1);
