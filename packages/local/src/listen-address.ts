import { isIP } from 'node:net';

/**
 * Where the local runtime listens: loopback unless the user sets HOST, for the HTTP API and
 * DynamoDB Local alike, so a laptop serves neither to its network by default.
 */
export const DEFAULT_HOST = '127.0.0.1';

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** The address a server binds for `host`; `localhost` is pinned to IPv4 loopback so clients know where it is. */
export function bindAddress(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' ? DEFAULT_HOST : bare;
}

/** The host part of a URL reaching a server bound to `host` from this machine. */
export function connectHost(host: string): string {
  const bound = bindAddress(host);
  if (WILDCARDS.has(bound)) return DEFAULT_HOST; // every interface includes loopback
  return isIP(bound) === 6 ? `[${bound}]` : bound;
}
