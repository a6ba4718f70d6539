import type { AttributeValue as SdkAttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';
import { LOCAL_REGION } from './client-config.ts';

/**
 * A stream record as the SDK reads it → the record as Lambda delivers it. They differ in
 * what JSON does to them: Lambda gives binary as base64 text and the creation time as epoch
 * seconds, where the SDK gives bytes and a Date. DynamoDB Local also names its own region
 * and leaves out the stream ARN, which Lambda always sets.
 */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb;
  const dynamodb: StreamRecord = {
    ...(data?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) } : {}),
    ...(data?.Keys ? { Keys: toLambdaImage(data.Keys) } : {}),
    ...(data?.NewImage ? { NewImage: toLambdaImage(data.NewImage) } : {}),
    ...(data?.OldImage ? { OldImage: toLambdaImage(data.OldImage) } : {}),
    ...(data?.SequenceNumber ? { SequenceNumber: data.SequenceNumber } : {}),
    ...(data?.SizeBytes !== undefined ? { SizeBytes: data.SizeBytes } : {}),
    ...(data?.StreamViewType ? { StreamViewType: data.StreamViewType } : {}),
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb,
    eventSourceARN: streamArn,
    // Present only for deletions by TTL, as in Lambda's records.
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}

function toLambdaImage(image: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));
}

function toLambdaValue(value: SdkAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
