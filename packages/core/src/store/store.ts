import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every store operation needs: the client, the table, the secret that signs cursors, a clock. */
export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
  cursorSecret: string;
  now: () => Date;
}
