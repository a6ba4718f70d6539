import { refreshAggregates, type RefreshReport } from '@abad/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../shared/logger.ts';
import { metrics } from '../shared/metrics.ts';
import { getStore } from '../shared/store.ts';

/** Quiet period before drift is repaired: longer than any stream record can be in flight. */
const quietSeconds = () => Number(process.env.REFRESH_QUIET_SECONDS ?? 900);

/**
 * The scheduled refresh: recount, repair drift in quiet scopes, prune shard marks, write the
 * national rollup and today's history. Each drifting scope is one log line, and so is each
 * stored county name that matches no catalogue county; the whole report is the result.
 */
async function refresh(event: { quietSeconds?: number } | undefined): Promise<RefreshReport> {
  const quiet = typeof event?.quietSeconds === 'number' ? event.quietSeconds : quietSeconds();
  const report = await refreshAggregates(getStore(), { quietMs: quiet * 1000 });
  for (const drift of report.drift) logger.warn('aggregate drift', { ...drift });
  for (const invalid of report.invalidItems) logger.error('item cannot be aggregated', { ...invalid });
  // Records stored before counties had codes, naming no catalogue county: counted for their province only.
  for (const unmatched of report.unmatchedCounties) logger.warn('county matches no catalogue county', { ...unmatched });
  metrics.addMetric('DriftScopes', MetricUnit.Count, report.drift.length);
  metrics.addMetric('RepairedScopes', MetricUnit.Count, report.drift.filter((d) => d.repaired).length);
  metrics.addMetric('ItemsRecounted', MetricUnit.Count, report.itemsScanned);
  metrics.addMetric(
    'UnmatchedCountyRecords',
    MetricUnit.Count,
    report.unmatchedCounties.reduce((sum, u) => sum + u.records, 0),
  );
  logger.info('refresh done', {
    itemsScanned: report.itemsScanned,
    scopesChecked: report.scopesChecked,
    drift: report.drift.length,
    unmatchedCounties: report.unmatchedCounties.length,
    marksPruned: report.marksPruned,
    historyWritten: report.historyWritten,
  });
  return report;
}

export const handler = middy(refresh)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
