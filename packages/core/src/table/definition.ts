import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table: its key schema, indexes, stream and TTL, declared once and used by the
 * stack (stacks/table.ts), the local runtime and the tests.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** Entities by province: `PROVINCE#IR-13#PROJECT` → newest first. */
    byProvince: { name: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Projects by programme, donations and distributions by drive. */
    byParent: { name: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Every entity of one type, newest first: unfiltered lists (drives, all projects). */
    byType: { name: 'GSI3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  },
  /** Items that set this attribute (epoch seconds) expire through DynamoDB TTL; none does today. */
  ttlAttribute: 'expiresAt',
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof TABLE.indexes)[keyof typeof TABLE.indexes]['name'];

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES = [TABLE.partitionKey, TABLE.sortKey, ...Object.values(TABLE.indexes).flatMap((i) => [i.partitionKey, i.sortKey])] as const;

/** The CreateTable request for DynamoDB (Local or real): on-demand, stream on. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.values(TABLE.indexes).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamViewType },
  };
}
