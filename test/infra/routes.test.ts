import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes } from '../../packages/functions/src/http/routes.ts';

/**
 * The route table (packages/functions/src/http/routes.ts) is what both the local runtime and
 * the stacks serve, so it and the handler files must agree: every route has a handler file
 * exporting `handler`, and every module under http/ that exports `handler` is routed.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const HTTP = join(ROOT, 'packages', 'functions', 'src', 'http');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.[cm]?[jt]s$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** Each module's exports, read statically (esbuild, no bundling, nothing executed). */
async function exportsOf(files: string[]): Promise<Map<string, string[]>> {
  const result = await build({
    entryPoints: files,
    outdir: '/nonexistent',
    outbase: HTTP,
    absWorkingDir: ROOT,
    bundle: false,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const exports = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint) exports.set(relative(HTTP, join(ROOT, output.entryPoint)).replace(/\.[cm]?[jt]s$/, ''), output.exports);
  }
  return exports;
}

describe('the route table and the handler files', () => {
  it('every route has a handler file that exports `handler`, and every such file is routed', async () => {
    const modules = await exportsOf(sourceFiles(HTTP));
    for (const route of routes) {
      expect(modules.has(route.handler), `${route.method} ${route.path}: no file packages/functions/src/http/${route.handler}.ts`).toBe(true);
      expect(modules.get(route.handler), `${route.handler} exports`).toContain('handler');
    }
    const handlerModules = [...modules].filter(([, names]) => names.includes('handler')).map(([name]) => name);
    const routed = new Set<string>(routes.map((r) => r.handler));
    expect(
      handlerModules.filter((name) => !routed.has(name)),
      'handler files without a route',
    ).toEqual([]);
  });

  it('has each method and path once, as API Gateway route keys', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of routes) {
      expect(route.path).toMatch(/^\/[A-Za-z0-9._~{}/-]*$/);
      expect(['jwt', 'public']).toContain(route.auth);
    }
  });
});
