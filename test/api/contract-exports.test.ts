import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type Route } from '../../packages/functions/src/http/routes.ts';
import { api, tokenFor } from '../support/api.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';
import { OpenApiContract } from '../support/openapi-contract.ts';
import { download, openXlsx, parseCsv } from '../support/files.ts';

/**
 * The exports in the contract (contract.test.ts checks the JSON routes, and every route's 401,
 * 403, 404 and 422): each export route's success is the media type and headers the document
 * says, and its body the file it names. Any export route added to the table is checked here.
 */
const exportRoutes = (routes as readonly Route[]).filter((r) => r.response.export);

let contract: OpenApiContract;
let document: Record<string, any>;
let admin: string;

beforeAll(async () => {
  document = (await api('/openapi.json')).body;
  contract = new OpenApiContract(document);
  admin = await tokenFor('admin', '*');
  const drive = await createDrive('IR-13');
  const editor = await tokenFor('editor', ['IR-13']);
  expect((await api('/projects', { token: editor, body: projectBody('IR-13') })).status).toBe(201);
  expect((await api('/donations', { token: editor, body: donationBody(drive) })).status).toBe(201);
});

describe('the exports in the document', () => {
  it('lists an export route for CSV and XLSX beside each list, as a file with Content-Disposition', () => {
    expect(exportRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/projects.csv',
        '/projects.xlsx',
        '/drives.csv',
        '/drives.xlsx',
        '/partners.csv',
        '/partners.xlsx',
        '/programmes.csv',
        '/programmes.xlsx',
        '/donations.csv',
        '/donations.xlsx',
        '/distributions.csv',
        '/distributions.xlsx',
        '/provinces/{code}/counties.csv',
        '/provinces/{code}/counties.xlsx',
      ]),
    );
    for (const route of exportRoutes) {
      const operation = document.paths[route.path].get;
      const media = route.response.export === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      expect(Object.keys(operation.responses['200'].content), route.path).toEqual([media]);
      expect(operation.responses['200'].headers['Content-Disposition'].required, route.path).toBe(true);
      expect(operation.responses['422'], route.path).toBeDefined();
      // The same query as the JSON list, less its paging.
      const json = (routes as readonly Route[]).find((r) => r.method === 'GET' && r.path === route.path.replace(/\.(csv|xlsx)$/, ''));
      expect(json, route.path).toBeDefined();
      expect(route.auth, route.path).toBe(json!.auth);
      expect(route.action, route.path).toBe(json!.action);
      const names = (operation.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
      const jsonNames = (document.paths[json!.path].get.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
      expect(names, route.path).toEqual(jsonNames.filter((n) => n !== 'limit' && n !== 'cursor'));
    }
  });

  it('answers every export route as documented, with the file it names', async () => {
    for (const route of exportRoutes) {
      const path = route.path.replace(/\{\w+\}/, 'IR-13');
      const file = await download(path, { token: route.auth === 'jwt' ? admin : undefined });
      const response = { status: file.status, headers: file.headers, body: file.text };
      expect(contract.problems('GET', route.path, response), `${route.path} → ${file.status} ${file.text.slice(0, 300)}`).toEqual([]);
      expect(file.status, route.path).toBe(200);
      const disposition = file.headers.get('content-disposition') ?? '';
      expect(disposition, route.path).toMatch(
        new RegExp(`^attachment; filename="abad-[\\w-]+-\\d{4}-\\d{2}-\\d{2}\\.${route.response.export}"; filename\\*=UTF-8''`),
      );
      const headers = route.response.export === 'csv' ? parseCsv(file.text)[0]! : openXlsx(file.bytes).rows[0]!;
      expect(headers.length, route.path).toBeGreaterThan(1);
      expect(headers.join(), route.path).toMatch(/[\u0600-\u06FF]/);
    }
    for (const route of exportRoutes) expect(contract.checked, route.path).toContain(`GET ${route.path} 200`);
  });

  it('catches a file the document does not allow (the checker works on these routes too)', async () => {
    const file = await download('/projects.csv');
    const response = { status: file.status, headers: file.headers, body: file.text };
    expect(contract.problems('GET', '/projects.csv', response)).toEqual([]);
    expect(contract.problems('GET', '/projects.csv', { ...response, headers: new Headers({ 'content-type': 'application/json' }) })).not.toEqual([]);
    const noDisposition = new Headers(response.headers);
    noDisposition.delete('content-disposition');
    expect(contract.problems('GET', '/projects.csv', { ...response, headers: noDisposition })).not.toEqual([]);
  });
});
