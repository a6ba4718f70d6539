import { listAllProjects, listIndicators, type ProjectFilter, type Store } from '@abad/core';
import { projectColumns } from '@abad/core/export/index';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpHandler } from '../handler.ts';
import { parseQuery } from '../queries.ts';
import type { HttpEvent } from '../request.ts';
import { routeOf } from '../routes.ts';
import { exportResponse } from '../table-export.ts';

/** The register's view as a file: every page of `filter`, in its order (GET /projects.csv, .xlsx, or GET /projects with `Accept: text/csv`). */
export async function projectsExport(store: Store, event: HttpEvent, filter: ProjectFilter): Promise<APIGatewayProxyStructuredResultV2> {
  const [rows, indicators] = await Promise.all([listAllProjects(store, filter), listIndicators(store)]);
  return exportResponse(event, { name: 'projects', title: 'پروژه‌ها', columns: projectColumns(indicators), rows });
}

/** The handler of `GET /projects.csv` or `GET /projects.xlsx`. */
export function projectsExportHandler(key: 'GET /projects.csv' | 'GET /projects.xlsx') {
  const route = routeOf(key);
  return httpHandler(route, async ({ store, event, language }) => projectsExport(store, event, parseQuery(route.query, event, language)));
}
