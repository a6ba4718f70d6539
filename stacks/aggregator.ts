import { STREAM_FILTER_PATTERN } from '../packages/core/src/aggregation/stream-filter';
import { aggregatorPermissions } from './access';
import { functionArgs, type SharedEnvironment } from './functions';

/**
 * The event source mapping settings DESIGN.md's exactly-once aggregation relies on, with
 * Pulumi's field names (aws.lambda.EventSourceMappingArgs).
 */
export const STREAM_SETTINGS = {
  /** Each event then carries its `shardId` (and `window`, `state`); the handler requires it. */
  tumblingWindowInSeconds: 60,
  /** The handler reports the earliest failed record of each failed scope; Lambda retries from there. */
  functionResponseTypes: ['ReportBatchItemFailures'],
  /** Bounded batches, delivered within about a second: figures stay current. */
  batchSize: 100,
  maximumBatchingWindowInSeconds: 1,
  /** Bounded retries; then the batch's metadata goes to the on-failure queue (alarmed) and the daily refresh repairs the drift. */
  maximumRetryAttempts: 10,
  /** Records are not dropped for age before their retries run out (the stream keeps 24 h). */
  maximumRecordAgeInSeconds: -1,
  /** One batch at a time per shard: sequence numbers arrive in order. */
  parallelizationFactor: 1,
  /** No bisecting: a retry must start exactly where the handler said. */
  bisectBatchOnFunctionError: false,
  /**
   * From the oldest record the stream still has: a mapping created (or replaced) after the
   * first writes misses nothing, and records applied before are skipped by the shard marks.
   */
  startingPosition: 'TRIM_HORIZON',
};

/**
 * The aggregator on the table's stream. The filter (declared once in core, also used by the
 * local poller) keeps aggregate, history and idempotency writes from invoking it. Batches that
 * exhaust their retries are recorded in an SQS queue (the function's role may send to it:
 * Lambda uses the function's role for a stream mapping's on-failure destination).
 */
export function createAggregator(shared: SharedEnvironment) {
  const failures = new sst.aws.Queue('AggregatorFailures', {
    transform: { queue: { messageRetentionSeconds: 14 * 24 * 60 * 60 } },
  });

  const subscriber = shared.table.subscribe(
    'Aggregator',
    functionArgs(shared, {
      handler: 'packages/functions/src/stream/aggregate.handler',
      service: 'abad-aggregator',
      timeout: '1 minute',
      permissions: [...aggregatorPermissions(shared.table), { actions: ['sqs:SendMessage'], resources: [failures.arn] }],
    }),
    {
      filters: [STREAM_FILTER_PATTERN],
      transform: {
        eventSourceMapping: {
          ...STREAM_SETTINGS,
          destinationConfig: { onFailure: { destinationArn: failures.arn } },
        },
      },
    },
  );

  return {
    failures,
    subscriber,
    function: subscriber.apply((s) => s.nodes.function),
    eventSourceMapping: subscriber.apply((s) => s.nodes.eventSourceMapping),
  };
}

export type Aggregator = ReturnType<typeof createAggregator>;
