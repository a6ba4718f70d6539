import { applyStreamBatch, isCountedRecord } from '@abad/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../shared/logger.ts';
import { metrics } from '../shared/metrics.ts';
import { getStore } from '../shared/store.ts';
import { toChangeRecord, type TumblingWindowResponse, type TumblingWindowStreamEvent } from './event.ts';
import { finishedShardsOf } from './stream-shards.ts';

/**
 * The aggregator: one shard's batch of table changes → one conditional update per aggregate
 * scope, which also drops the marks of the shard's finished ancestors. A scope that fails is reported at its earliest record, so Lambda retries from there
 * while the scopes that succeeded skip what they already applied.
 */
async function aggregate(event: TumblingWindowStreamEvent): Promise<TumblingWindowResponse> {
  const state = event.state ?? {};
  if (!event.shardId) throw new Error('the event has no shardId: the event source mapping must use a tumbling window');
  const records = event.Records.map(toChangeRecord).filter((r) => isCountedRecord(r.keys));
  if (records.length === 0) return { state, batchItemFailures: [] };

  const streamArn = event.eventSourceARN ?? event.Records[0]?.eventSourceARN;
  const finishedShards = streamArn ? await finishedShardsOf(streamArn, event.shardId) : [];
  const result = await applyStreamBatch(getStore(), event.shardId, records, { finishedShards });

  if (result.shardFinished) {
    // Only a stream read anew (a replaced mapping) delivers a finished shard: all of it was applied then.
    logger.warn('records of a finished shard came again; skipped', { shardId: event.shardId, records: records.length });
  }
  for (const invalid of result.invalid) {
    // Keys and issues only: images carry donor names and phones.
    logger.error('stream image cannot be aggregated; counted as nothing', {
      keys: invalid.keys,
      image: invalid.image,
      sequenceNumber: invalid.sequenceNumber,
      issues: invalid.issues,
    });
  }
  for (const failure of result.failed) {
    logger.error('aggregate update failed; reported for retry', {
      scope: failure.scope,
      sequenceNumber: failure.sequenceNumber,
      error: failure.error as Error,
    });
  }
  metrics.addMetric('StreamRecords', MetricUnit.Count, records.length);
  metrics.addMetric('AggregateWrites', MetricUnit.Count, result.writeRequests);
  metrics.addMetric('AlreadyAppliedScopes', MetricUnit.Count, result.alreadyApplied.length);
  metrics.addMetric('InvalidImages', MetricUnit.Count, result.invalid.length);
  metrics.addMetric('FailedScopes', MetricUnit.Count, result.failed.length);
  logger.debug('batch aggregated', {
    shardId: event.shardId,
    records: records.length,
    applied: result.applied.length,
    alreadyApplied: result.alreadyApplied.length,
    failed: result.failed.length,
  });

  return { state, batchItemFailures: result.failed.map((f) => ({ itemIdentifier: f.sequenceNumber })) };
}

export const handler = middy(aggregate)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
