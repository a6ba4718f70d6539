import type { RefreshReport } from '@abad/core';
import type { Context } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.ts';

/** The refresh handler (packages/functions/src/cron/refresh.ts), as the local runtime calls it. */
type RefreshHandler = (event: never, context: Context) => Promise<unknown>;

/** Lambda's timeout for the refresh function, which the handler sees in its context. */
const REFRESH_TIMEOUT_MS = 900_000;

export interface RefreshStepsOptions {
  /** Overrides REFRESH_QUIET_SECONDS. */
  quietSeconds?: number;
  /** Overrides the number of parts (from the table's size by default). */
  parts?: number;
}

/** One step of the refresh (`{ step: 'plan' | 'part' | 'merge', … }`), invoked as Lambda would, with its timeout in the context. */
export function invokeRefreshStep<T>(refresh: RefreshHandler, event: object): Promise<T> {
  return refresh(event as never, createLambdaContext('abad-refresh', REFRESH_TIMEOUT_MS)) as Promise<T>;
}

/**
 * The refresh's state machine (stacks/refresh.ts), locally: the handler's `plan`, then its
 * `part` for every part at once in this process, then its `merge`, whose report is returned.
 * A failed part fails the run before the merge, as in AWS; the run's items expire on their own.
 */
export async function runRefreshSteps(refresh: RefreshHandler, options: RefreshStepsOptions = {}): Promise<RefreshReport> {
  const invoke = <T>(event: object) => invokeRefreshStep<T>(refresh, event);
  const planned = await invoke<{ runId: string; parts: number[] }>({
    step: 'plan',
    ...(options.quietSeconds === undefined ? {} : { quietSeconds: options.quietSeconds }),
    ...(options.parts === undefined ? {} : { parts: options.parts }),
  });
  await Promise.all(planned.parts.map((part) => invoke({ step: 'part', runId: planned.runId, part })));
  return invoke<RefreshReport>({ step: 'merge', runId: planned.runId });
}
