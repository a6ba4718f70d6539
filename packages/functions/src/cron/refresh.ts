import { mergeRefresh, planRefresh, recountPart, type PartResult, type RefreshReport } from '@abad/core';
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
 * The refresh, one step per invocation (core aggregation/refresh-run.ts). In AWS a Step
 * Functions state machine (stacks/refresh.ts), started daily, invokes `plan`, then `part` for
 * every part in parallel (a distributed Map), then `merge`; locally packages/local/src/refresh-steps.ts
 * does the same in one process.
 *
 * - `plan` (`quietSeconds`, `parts` optional): a new run; answers its id and its parts' numbers.
 * - `part` (`runId`, `part`): recounts one part and stores its count; idempotent.
 * - `merge` (`runId`): once every part is done, repairs drift in quiet scopes, prunes shard marks,
 *   writes the national rollup and the day's history. Each drifting scope is one log line, and so
 *   is each stored county name that matches no catalogue county. Answers the whole report, or
 *   with `summary` its counts only (a state's output is at most 256 KB).
 */
export type RefreshEvent =
  | { step: 'plan'; quietSeconds?: number; parts?: number }
  | { step: 'part'; runId: string; part: number }
  | { step: 'merge'; runId: string; summary?: boolean };

export interface PlannedRun {
  runId: string;
  /** 0 … parts − 1: the Map's items. */
  parts: number[];
}

export interface RefreshSummary {
  runId: string;
  itemsScanned: number;
  scopesChecked: number;
  drift: number;
  repaired: number;
  invalidItems: number;
  unmatchedCounties: number;
  marksPruned: number;
  historyDate: string;
  historyWritten: number;
}

function summaryOf(runId: string, report: RefreshReport): RefreshSummary {
  return {
    runId,
    itemsScanned: report.itemsScanned,
    scopesChecked: report.scopesChecked,
    drift: report.drift.length,
    repaired: report.drift.filter((d) => d.repaired).length,
    invalidItems: report.invalidItems.length,
    unmatchedCounties: report.unmatchedCounties.length,
    marksPruned: report.marksPruned,
    historyDate: report.historyDate,
    historyWritten: report.historyWritten,
  };
}

async function refresh(event: RefreshEvent): Promise<PlannedRun | PartResult | RefreshReport | RefreshSummary> {
  switch (event?.step) {
    case 'plan': {
      const quiet = typeof event.quietSeconds === 'number' ? event.quietSeconds : quietSeconds();
      const run = await planRefresh(getStore(), { quietMs: quiet * 1000, ...(typeof event.parts === 'number' ? { parts: event.parts } : {}) });
      logger.info('refresh planned', { runId: run.runId, parts: run.parts, historyDate: run.historyDate });
      return { runId: run.runId, parts: Array.from({ length: run.parts }, (_, part) => part) };
    }
    case 'part': {
      const result = await recountPart(getStore(), event.runId, event.part);
      metrics.addMetric('ItemsRecounted', MetricUnit.Count, result.itemsScanned);
      logger.info('refresh part done', { ...result });
      return result;
    }
    case 'merge': {
      const report = await mergeRefresh(getStore(), event.runId);
      for (const drift of report.drift) logger.warn('aggregate drift', { ...drift });
      for (const invalid of report.invalidItems) logger.error('item cannot be aggregated', { ...invalid });
      // Records stored before counties had codes, naming no catalogue county: counted for their province only.
      for (const unmatched of report.unmatchedCounties) logger.warn('county matches no catalogue county', { ...unmatched });
      metrics.addMetric('DriftScopes', MetricUnit.Count, report.drift.length);
      metrics.addMetric('RepairedScopes', MetricUnit.Count, report.drift.filter((d) => d.repaired).length);
      metrics.addMetric(
        'UnmatchedCountyRecords',
        MetricUnit.Count,
        report.unmatchedCounties.reduce((sum, u) => sum + u.records, 0),
      );
      const summary = summaryOf(event.runId, report);
      logger.info('refresh done', { ...summary });
      return event.summary ? summary : report;
    }
    default:
      throw new Error(`a refresh step is plan, part or merge, not ${JSON.stringify((event as { step?: unknown } | undefined)?.step)}`);
  }
}

export const handler = middy(refresh)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
