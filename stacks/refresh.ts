import { refreshPermissions } from './access';
import { functionArgs, type SharedEnvironment } from './functions';

/**
 * Daily at 23:30 UTC (03:00 in Tehran, the quietest hour): the day's snapshot is taken at the
 * end of the UTC day whose date it carries (the day the run starts, whenever it ends).
 */
export const REFRESH_SCHEDULE = 'cron(30 23 * * ? *)';
/** A scope is repaired only after this long without changes (no stream record in flight). */
export const REFRESH_QUIET_SECONDS = 900;
/**
 * Parts recounted at once. Each part (250,000 items, core aggregation/refresh-run.ts) reads about
 * 31,000 read units at 1 KB an item; 250 of them within 5 minutes ask about 26,000 read units a
 * second of the table, under the on-demand table's default 40,000 (README «The refresh»).
 */
export const REFRESH_MAX_CONCURRENCY = 250;
/** A part is idempotent: retried on any error, with backoff. */
const PART_RETRY = { ErrorEquals: ['States.ALL'], IntervalSeconds: 20, MaxAttempts: 3, BackoffRate: 2 };
const STEP_RETRY = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException'],
  IntervalSeconds: 10,
  MaxAttempts: 3,
  BackoffRate: 2,
};

/**
 * The refresh's run as a Step Functions state machine over one function (its handler does one
 * step per invocation: packages/functions/src/cron/refresh.ts): `plan`, then `part` for every part
 * in a distributed Map (child executions in parallel, up to REFRESH_MAX_CONCURRENCY), then
 * `merge`. A part that still fails after its retries fails the run before the merge: nothing is
 * repaired, and the next night's run starts afresh.
 */
export function refreshDefinition(functionArn: string): string {
  const invoke = (payload: Record<string, unknown>) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionArn, Payload: payload },
  });
  return JSON.stringify({
    Comment: 'Abad refresh: recount in parts in parallel, then merge, repair and write the history',
    StartAt: 'Plan',
    States: {
      Plan: { ...invoke({ step: 'plan' }), ResultSelector: { 'runId.$': '$.Payload.runId', 'parts.$': '$.Payload.parts' }, Retry: [STEP_RETRY], Next: 'Parts' },
      Parts: {
        Type: 'Map',
        ItemsPath: '$.parts',
        ItemSelector: { 'runId.$': '$.runId', 'part.$': '$$.Map.Item.Value' },
        MaxConcurrency: REFRESH_MAX_CONCURRENCY,
        ToleratedFailurePercentage: 0,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Part',
          States: {
            Part: {
              ...invoke({ step: 'part', 'runId.$': '$.runId', 'part.$': '$.part' }),
              ResultSelector: { 'itemsScanned.$': '$.Payload.itemsScanned' },
              Retry: [PART_RETRY],
              End: true,
            },
          },
        },
        ResultPath: null,
        Next: 'Merge',
      },
      Merge: {
        ...invoke({ step: 'merge', 'runId.$': '$.runId', summary: true }),
        ResultSelector: { 'summary.$': '$.Payload' },
        Retry: [STEP_RETRY],
        End: true,
      },
    },
  });
}

function assumedBy(service: string) {
  return aws.iam.assumeRolePolicyForPrincipal({ Service: service });
}

/**
 * The function, the state machine, its role (invoke the function; run and watch its own child
 * executions, the distributed Map's), and the daily schedule (EventBridge Scheduler, 2 retries)
 * with a role that may only start the state machine.
 */
export function createRefresh(shared: SharedEnvironment) {
  const fn = new sst.aws.Function(
    'Refresh',
    functionArgs(shared, {
      handler: 'packages/functions/src/cron/refresh.handler',
      service: 'abad-refresh',
      // A part is sized to finish in under 5 minutes; the limit is Lambda's own, for a slow night.
      timeout: '15 minutes',
      memory: '1024 MB',
      permissions: refreshPermissions(shared.table),
      environment: { REFRESH_QUIET_SECONDS: String(REFRESH_QUIET_SECONDS) },
    }),
  );
  const prefix = `${$app.name}-${$app.stage}`;
  const machineRole = new aws.iam.Role('RefreshRunRole', { name: `${prefix}-refresh-run`, assumeRolePolicy: assumedBy('states.amazonaws.com') });
  const machine = new aws.sfn.StateMachine('RefreshRun', {
    name: `${prefix}-refresh`,
    roleArn: machineRole.arn,
    type: 'STANDARD',
    definition: fn.arn.apply(refreshDefinition),
  });
  new aws.iam.RolePolicy('RefreshRunPolicy', {
    role: machineRole.name,
    policy: $resolve([fn.arn, machine.arn]).apply(([functionArn, machineArn]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn, `${functionArn}:*`] },
          { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [machineArn] },
          {
            Effect: 'Allow',
            Action: ['states:DescribeExecution', 'states:StopExecution'],
            Resource: [`${machineArn.replace(':stateMachine:', ':execution:')}/*`],
          },
        ],
      }),
    ),
  });
  const schedulerRole = new aws.iam.Role('RefreshScheduleRole', {
    name: `${prefix}-refresh-schedule`,
    assumeRolePolicy: assumedBy('scheduler.amazonaws.com'),
    inlinePolicies: [
      {
        name: 'start-refresh',
        policy: machine.arn.apply((arn) =>
          JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [arn] }] }),
        ),
      },
    ],
  });
  const schedule = new aws.scheduler.Schedule('RefreshSchedule', {
    scheduleExpression: REFRESH_SCHEDULE,
    scheduleExpressionTimezone: 'UTC',
    state: 'ENABLED',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: machine.arn, roleArn: schedulerRole.arn, input: '{}', retryPolicy: { maximumRetryAttempts: 2 } },
  });
  return { function: fn, machine, schedule };
}

export type Refresh = ReturnType<typeof createRefresh>;
