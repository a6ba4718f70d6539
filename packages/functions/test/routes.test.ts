import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/http/openapi-document.ts';
import { routes, type Route } from '../src/http/routes.ts';

/**
 * The route table is the one place a route's facts are declared. A handler module must be
 * built from its own entry (a copy-pasted `routeOf('GET /donations')` in donations/get.ts would
 * give it the list's auth and schemas), and the document must be buildable from the table alone.
 */
const EXPORT_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

describe('the route table', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: its handler module is built from this entry', async (_key, route) => {
    const file = new URL(`../src/http/${route.handler}.ts`, import.meta.url).href;
    const module = (await import(/* @vite-ignore */ file)) as { handler?: { route?: Route } };
    expect(module.handler?.route).toBe(route);
  });

  it('declares path parameters exactly as the path names them, and a JSON body only where it takes one', () => {
    for (const route of routes as readonly Route[]) {
      const named = (route.path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
      expect(Object.keys(route.params?.shape ?? {}), `${route.method} ${route.path}`).toEqual(named);
      if (route.method === 'GET' || route.method === 'DELETE') expect(route.body, `${route.method} ${route.path}`).toBeUndefined();
      expect(route.idempotent === true, `${route.method} ${route.path}: every POST creates, so takes Idempotency-Key`).toBe(route.method === 'POST');
      expect(route.action !== undefined, `${route.method} ${route.path}: a jwt route checks a role`).toBe(route.auth === 'jwt');
    }
  });

  it('gives every operation of the document a success response with a named schema (204 aside)', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
    };
    for (const route of routes as readonly Route[]) {
      const responses = document.paths[route.path]![route.method.toLowerCase()]!.responses;
      const success = responses[String(route.response.status)]!;
      if (route.response.status === 204) expect(success.content).toBeUndefined();
      // An export is a file (CSV or XLSX), its schema a string.
      else if (route.response.export)
        expect(Object.keys(success.content ?? {}), `${route.method} ${route.path}`).toEqual([EXPORT_TYPES[route.response.export]]);
      else expect(success.content?.['application/json']?.schema.$ref, `${route.method} ${route.path}`).toMatch(/^#\/components\/schemas\/\w+$/);
    }
  });
});
