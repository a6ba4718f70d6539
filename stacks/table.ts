import { KEY_ATTRIBUTES, TABLE } from '../packages/core/src/table/definition';

/** SST's name for each DynamoDB stream view type, so the view type is declared once, in core. */
const STREAM = {
  KEYS_ONLY: 'keys-only',
  NEW_IMAGE: 'new-image',
  OLD_IMAGE: 'old-image',
  NEW_AND_OLD_IMAGES: 'new-and-old-images',
} as const;

/**
 * The single DynamoDB table, built from core's one definition of its keys and indexes
 * (the same definition the local runtime creates DynamoDB Local's table from).
 * On-demand billing (SST's default), a stream with new and old images for the aggregator,
 * TTL on `expiresAt` (unused today), point-in-time recovery, and deletion protection
 * for the prod stage only (the stage's removal policy and protection are in sst.config.ts).
 */
export function createTable() {
  return new sst.aws.Dynamo('Table', {
    fields: Object.fromEntries(KEY_ATTRIBUTES.map((name) => [name, 'string' as const])),
    primaryIndex: { hashKey: TABLE.partitionKey, rangeKey: TABLE.sortKey },
    globalIndexes: Object.fromEntries(Object.values(TABLE.indexes).map((index) => [index.name, { hashKey: index.partitionKey, rangeKey: index.sortKey }])),
    stream: STREAM[TABLE.streamViewType],
    ttl: TABLE.ttlAttribute,
    deletionProtection: $app.stage === 'prod',
    transform: {
      table: {
        // SST 4.17.1 turns this on by default; stated here so an upgrade cannot drop it.
        pointInTimeRecovery: { enabled: true },
      },
    },
  });
}

export type Table = ReturnType<typeof createTable>;
