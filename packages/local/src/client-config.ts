import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * The one way to reach DynamoDB Local: every client (runtime, tests, bench, stream poller)
 * uses this so region and credentials never disagree. With `-sharedDb` DynamoDB Local
 * ignores both, but the SDK still signs requests and needs some.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export function localDynamoDbClientConfig(endpoint: string): DynamoDBClientConfig {
  return { endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } };
}
