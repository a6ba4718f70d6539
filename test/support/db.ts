import { createDocumentClient, type Store } from '@abad/core';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import { inject } from 'vitest';

/** Direct access to the test table through the real DynamoDB API, to check what was written. */
export function testStore(): Store {
  return {
    doc: createDocumentClient(localDynamoDbClientConfig(inject('dynamoDbEndpoint'))),
    tableName: inject('tableName'),
    cursorSecret: 'test',
    now: () => new Date(),
  };
}

