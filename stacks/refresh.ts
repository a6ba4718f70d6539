import { refreshPermissions } from './access';
import { functionArgs, type SharedEnvironment } from './functions';

/**
 * Daily at 23:30 UTC (03:00 in Tehran, the quietest hour): the day's snapshot is taken at the
 * end of the UTC day whose date it carries.
 */
export const REFRESH_SCHEDULE = 'cron(30 23 * * ? *)';
/** A scope is repaired only after this long without changes (no stream record in flight). */
export const REFRESH_QUIET_SECONDS = 900;

/**
 * The daily refresh: recount, repair drift in quiet scopes, rollup and history. SST 4.17.1
 * deprecates `sst.aws.Cron` (an EventBridge rule) in favour of `CronV2` (EventBridge
 * Scheduler, with a time zone and retries), so this uses CronV2.
 */
export function createRefresh(shared: SharedEnvironment) {
  return new sst.aws.CronV2('Refresh', {
    schedule: REFRESH_SCHEDULE,
    timezone: 'UTC',
    retries: 2,
    function: functionArgs(shared, {
      handler: 'packages/functions/src/cron/refresh.handler',
      service: 'abad-refresh',
      timeout: '15 minutes',
      memory: '1024 MB',
      permissions: refreshPermissions(shared.table),
      environment: { REFRESH_QUIET_SECONDS: String(REFRESH_QUIET_SECONDS) },
    }),
  });
}
