import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Counts the DynamoDB requests the API's handlers send, by operation, without touching them.
 *
 * The stack runs in this process, so Node's own diagnostics channels see both sides: every
 * request the local HTTP server receives marks its async context as "serving the API", and
 * every outgoing request the AWS SDK makes (node:http, with the operation in the
 * `X-Amz-Target` header) is counted if it was made in such a context. That excludes the
 * stream poller and aggregator, which run
 * beside the API, and the benchmark's own raw writes. The benchmark's HTTP calls go through
 * fetch (undici), not node:http, so they are not mistaken for DynamoDB traffic.
 */
const servingApi = new AsyncLocalStorage<true>();
const counts = new Map<string, number>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // Published synchronously just before the server's 'request' event, in the same context:
  // everything the handler then awaits inherits the mark.
  subscribe('http.server.request.start', () => servingApi.enterWith(true));
  subscribe('http.client.request.start', (message) => {
    if (!servingApi.getStore()) return;
    const target = (message as { request: ClientRequest }).request.getHeader('x-amz-target');
    if (typeof target !== 'string') return;
    const operation = target.slice(target.indexOf('.') + 1); // DynamoDB_20120810.PutItem → PutItem
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  });
}

/** Starts counting from zero; call the result to read the counts since then. */
export function countApiDynamoDbRequests(): () => Record<string, number> {
  install();
  counts.clear();
  return () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
