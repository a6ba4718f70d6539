import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda handler is packaged, declared once: the stacks pass these to SST, and
 * the offline stack test and `npm run bench` (bench/bundles.ts) build with the same settings.
 * No SST globals here, so plain Node code can import this file.
 */

/** The Node.js runtime of every function. */
export const NODE_RUNTIME = 'nodejs22.x';

/** Graviton: cheaper per GB-second; nothing here is native code. */
export const ARCHITECTURE = 'arm64';

/** The AWS SDK v3 that the Lambda Node.js runtime provides: left out of every bundle. */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/** SST's `nodejs` function settings: ESM (zod alone is ~41 KB as ESM, ~288 KB as CJS), minified. */
export const HANDLER_BUNDLE = {
  format: 'esm' as const,
  minify: true,
  sourcemap: false,
  esbuild: { external: RUNTIME_PROVIDED },
};

/** The `nodejs` properties SST hands to its builder (what `Runtime.Build` receives). */
export interface NodeBuildProperties {
  format?: 'esm' | 'cjs';
  minify?: boolean;
  sourcemap?: boolean;
  banner?: string;
  install?: string[] | Record<string, string>;
  esbuild?: { external?: string[] };
}

/** SST's builder always leaves these out (it installs them instead). */
const FORCE_EXTERNAL = ['sharp', 'pg-native'];

/**
 * The esbuild options SST 4.17.1's Node builder (pkg/runtime/node/build.go) uses for one
 * handler in a deploy, for the given `nodejs` properties. Mirrored, not imported: the builder
 * is Go code inside the SST binary. The output is `<outdir>/<dir of the handler>/<file>.mjs`.
 */
export function sstBuildOptions(entry: string, outfile: string, properties: NodeBuildProperties): BuildOptions {
  const esm = properties.format !== 'cjs';
  const install = Array.isArray(properties.install) ? properties.install : Object.keys(properties.install ?? {});
  const minify = properties.minify ?? true;
  const banner = [
    "import { createRequire as topLevelCreateRequire } from 'module';",
    'const require = topLevelCreateRequire(import.meta.url);',
    'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
    'const __filename = topLevelFileUrlToPath(import.meta.url)',
    'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
    properties.banner ?? '',
  ].join('\n');
  return {
    entryPoints: [entry],
    outfile,
    platform: 'node',
    bundle: true,
    external: [...FORCE_EXTERNAL, ...install, ...(properties.esbuild?.external ?? [])],
    keepNames: true,
    metafile: true,
    write: true,
    format: esm ? 'esm' : 'cjs',
    target: 'esnext',
    mainFields: esm ? ['module', 'main'] : ['main'],
    banner: { js: esm ? banner : (properties.banner ?? '') },
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: minify,
    sourcemap: properties.sourcemap ? 'linked' : false,
    logLevel: 'silent',
  };
}
