import type { Table } from './table';

/**
 * The HTTP API. Minimal for now: the public health check. The full route table and the JWT
 * authorizer come with the deployment issue.
 */
export function createApi({ table }: { table: Table }) {
  const api = new sst.aws.ApiGatewayV2('Api');
  api.route('GET /health', {
    handler: 'packages/functions/src/http/health.handler',
    runtime: 'nodejs22.x',
    link: [table],
  });
  return api;
}
