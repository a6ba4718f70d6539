import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';
import { findFreePort } from '@abad/local/free-port';
import { loadCursorSecret, setHandlerEnv } from '@abad/local/handler-env';
import { createHttpServer, type HttpServerOptions } from '@abad/local/http-adapter';
import { loadIssuer } from '@abad/local/issuer';
import { importHandler, loadRouteTable } from '@abad/local/routes';
import { createStaticSite, type StaticSiteOptions } from '@abad/local/static-site';
import { WEB_DIR } from '../../../packages/web/scripts/build-site.ts';

/**
 * A build of the pages with other build-time settings (e.g. `VITE_AUTH_URL` for the hosted
 * sign-in), into a temporary folder; packages/web/dist is left alone.
 */
export function buildSiteVariant(env: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'abad-site-variant-'));
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A second local runtime in front of the test stack's table: the real routes and handlers (in
 * this process), its own issuer URL (the same key), and the site from `site.dir`, so a page
 * built with other settings is served with the API on its own origin, as `npm start` serves
 * packages/web/dist.
 */
export async function serveSite(
  site: StaticSiteOptions & { dir: string },
  http: Pick<HttpServerOptions, 'compression' | 'conditionalGets'> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  setHandlerEnv({ tableName: inject('tableName'), dynamoDbEndpoint: inject('dynamoDbEndpoint'), cursorSecret: await loadCursorSecret(inject('dataDir')) });
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  const issuer = await loadIssuer(inject('dataDir'), url);
  const server: Server = createHttpServer({
    routes: await loadRouteTable(),
    loadHandler: importHandler,
    issuer,
    site: createStaticSite({ issuer, ...site }),
    ...http,
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
