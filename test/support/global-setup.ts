import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '@abad/local/stack';

/**
 * One running stack for the integration tests: DynamoDB Local in a fresh folder, the table,
 * the HTTP API on a free port. Tests reach it over real HTTP and the real DynamoDB API.
 */
let stack: LocalStack | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  // The handlers log every rejected request at INFO: thousands of lines in the fuzz test.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  dataDir = await mkdtemp(join(tmpdir(), 'abad-test-'));
  stack = await startLocalStack({ dataDir, port: 0, tableName: 'abad-test', log: () => {} });
  project.provide('apiUrl', stack.url);
  project.provide('dynamoDbEndpoint', stack.dynamoDbEndpoint);
  project.provide('tableName', stack.tableName);
  project.provide('dataDir', dataDir);
}

export async function teardown() {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dynamoDbEndpoint: string;
    tableName: string;
    dataDir: string;
  }
}
