import type { Aggregator } from './aggregator';
import type { Api } from './api';
import type { DeployConfig } from './config';
import type { Refresh } from './refresh';

/** An aggregator batch older than this (ms) means the stream is falling behind. */
export const ITERATOR_AGE_THRESHOLD_MS = 60_000;
/** Percentage of API requests answered with a 5xx (a 5xx is a bug: see DESIGN.md). */
export const API_5XX_PERCENT_THRESHOLD = 1;

/**
 * The alarms, all to one SNS topic (and an e-mail address, with ABAD_ALARM_EMAIL):
 * - a stream batch exhausted its retries and sits in the on-failure queue;
 * - the aggregator's iterator age (figures falling behind the writes);
 * - the API's 5xx rate;
 * - the aggregator's errors, and the refresh's;
 * - a refresh run (the state machine: plan, parts, merge) that failed, timed out or was stopped.
 */
export function createAlarms(input: { config: DeployConfig; api: Api; aggregator: Aggregator; refresh: Refresh }) {
  const topic = new sst.aws.SnsTopic('Alarms');
  if (input.config.alarmEmail) {
    new aws.sns.TopicSubscription('AlarmsEmail', {
      topic: topic.arn,
      protocol: 'email',
      endpoint: input.config.alarmEmail,
    });
  }
  const prefix = `${$app.name}-${$app.stage}`;
  const notify = { alarmActions: [topic.arn], okActions: [topic.arn], treatMissingData: 'notBreaching' };
  const aggregatorName = input.aggregator.function.apply((fn) => fn.name);
  const refreshName = input.refresh.function.name;

  const failuresQueued = new aws.cloudwatch.MetricAlarm('AggregatorFailuresQueuedAlarm', {
    name: `${prefix}-aggregator-failures-queued`,
    alarmDescription:
      'A stream batch exhausted its retries: its record range is in the on-failure queue. The daily refresh repairs the figures; find the cause in the aggregator logs.',
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: input.aggregator.failures.nodes.queue.name },
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    ...notify,
  });

  const iteratorAge = new aws.cloudwatch.MetricAlarm('AggregatorIteratorAgeAlarm', {
    name: `${prefix}-aggregator-iterator-age`,
    alarmDescription: `The aggregator is more than ${ITERATOR_AGE_THRESHOLD_MS / 1000} s behind the table's stream: figures are stale.`,
    namespace: 'AWS/Lambda',
    metricName: 'IteratorAge',
    dimensions: { FunctionName: aggregatorName },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: ITERATOR_AGE_THRESHOLD_MS,
    comparisonOperator: 'GreaterThanThreshold',
    ...notify,
  });

  const apiMetric = (metricName: string) => ({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensions: { ApiId: input.api.api.nodes.api.id, Stage: '$default' },
    period: 300,
    stat: 'Sum',
  });
  const api5xx = new aws.cloudwatch.MetricAlarm('Api5xxRateAlarm', {
    name: `${prefix}-api-5xx-rate`,
    alarmDescription: `More than ${API_5XX_PERCENT_THRESHOLD}% of API requests answered 5xx in 5 minutes.`,
    metricQueries: [
      { id: 'errors', metric: apiMetric('5xx'), returnData: false },
      { id: 'requests', metric: apiMetric('Count'), returnData: false },
      { id: 'rate', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5xx %', returnData: true },
    ],
    evaluationPeriods: 1,
    threshold: API_5XX_PERCENT_THRESHOLD,
    comparisonOperator: 'GreaterThanThreshold',
    ...notify,
  });

  const lambdaErrors = (logicalName: string, alarmName: string, functionName: $util.Input<string>, description: string) =>
    new aws.cloudwatch.MetricAlarm(logicalName, {
      name: `${prefix}-${alarmName}`,
      alarmDescription: description,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: functionName },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      ...notify,
    });
  const aggregatorErrors = lambdaErrors(
    'AggregatorErrorsAlarm',
    'aggregator-errors',
    aggregatorName,
    'The aggregator failed a whole batch (an error, not a reported partial failure); Lambda retries it.',
  );
  const refreshErrors = lambdaErrors('RefreshErrorsAlarm', 'refresh-errors', refreshName, 'The daily refresh failed.');

  // A run can fail where no function errs (a part's task timing out, the distributed map giving
  // up): the machine's own outcome, any of the three that are not success.
  const machineArn = input.refresh.machine.arn;
  const runOutcome = (id: string, metricName: string) => ({
    id,
    metric: { namespace: 'AWS/States', metricName, dimensions: { StateMachineArn: machineArn }, period: 3600, stat: 'Sum' },
    returnData: false,
  });
  const refreshRunFailed = new aws.cloudwatch.MetricAlarm('RefreshRunFailedAlarm', {
    name: `${prefix}-refresh-run-failed`,
    alarmDescription:
      'A refresh run failed, timed out or was stopped: drift was not repaired and no history snapshot was written for the day. Its execution in Step Functions names the state that failed.',
    metricQueries: [
      runOutcome('failed', 'ExecutionsFailed'),
      runOutcome('timedOut', 'ExecutionsTimedOut'),
      runOutcome('aborted', 'ExecutionsAborted'),
      { id: 'unsuccessful', expression: 'failed + timedOut + aborted', label: 'Refresh runs that did not succeed', returnData: true },
    ],
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    ...notify,
  });

  return { topic, failuresQueued, iteratorAge, api5xx, aggregatorErrors, refreshErrors, refreshRunFailed };
}
