/** The local runtime's public surface, for tests, the bench and scripts. */
export { startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalOptions } from './dynamodb-local.ts';
export { localDynamoDbClientConfig, LOCAL_REGION, LOCAL_CREDENTIALS } from './client-config.ts';
export { JavaMissingError } from './java.ts';
export { StartupError } from './startup-error.ts';
export { ensureTable } from './table.ts';
export { loadIssuer, AUDIENCE, type Issuer, type TokenRequest } from './issuer.ts';
export { ROLES, type Role } from './claims.ts';
export { createHttpServer, JWKS_PATH, type HttpServerOptions } from './http-adapter.ts';
export type { LocalRoute, HttpHandler } from './routes.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.ts';
export { abadDataDir, DEFAULT_TABLE_NAME, REPO_ROOT } from './paths.ts';
