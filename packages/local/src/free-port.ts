import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port. Needed because DynamoDB Local does not accept `-port 0`,
 * and because the issuer URL must be known before the HTTP server listens. The port is free
 * when this resolves; another process could take it before we bind it, which is acceptable
 * for a development runtime.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('no port assigned')) : resolve(port)));
    });
  });
}

/**
 * True when nothing listens on `port`. Checked before a fixed port is handed to DynamoDB
 * Local: if another server already answered there, our readiness probe would succeed
 * against the wrong database.
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
