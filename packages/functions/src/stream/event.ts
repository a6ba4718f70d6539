import type { ChangeRecord } from '@abad/core';
import { readNumber } from '@abad/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchItemFailure, DynamoDBRecord } from 'aws-lambda';

/**
 * A DynamoDB stream event from an event source mapping with a tumbling window: Lambda adds
 * the shard, the window and the state carried from the previous invocation of the window.
 */
export interface TumblingWindowStreamEvent {
  Records: DynamoDBRecord[];
  shardId?: string;
  eventSourceARN?: string;
  window?: { start: string; end: string };
  state?: Record<string, string>;
  isFinalInvokeForWindow?: boolean;
  isWindowTerminatedEarly?: boolean;
}

export interface TumblingWindowResponse {
  state: Record<string, string>;
  batchItemFailures: DynamoDBBatchItemFailure[];
}

const options = { wrapNumbers: readNumber } as const;

/** A stream record as core reads it: images unmarshalled, money never through a float. */
export function toChangeRecord(record: DynamoDBRecord): ChangeRecord {
  const data = record.dynamodb;
  if (!data?.SequenceNumber || !data.Keys) throw new Error(`stream record ${record.eventID} has no sequence number or keys`);
  return {
    sequenceNumber: data.SequenceNumber,
    keys: unmarshall(data.Keys as Record<string, AttributeValue>, options),
    ...(data.OldImage ? { oldImage: unmarshall(data.OldImage as Record<string, AttributeValue>, options) } : {}),
    ...(data.NewImage ? { newImage: unmarshall(data.NewImage as Record<string, AttributeValue>, options) } : {}),
  };
}
