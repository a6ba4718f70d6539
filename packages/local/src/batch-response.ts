import { compareSequences } from '@abad/core';

/**
 * What a stream handler's answer means to the event source mapping (ReportBatchItemFailures
 * with a tumbling window): nothing or no failures — the batch is done; failures — the batch
 * is done up to the lowest reported sequence number and is read again from there; a failure
 * that names no record of the batch — Lambda treats the whole batch as failed.
 */
export type BatchOutcome =
  | { kind: 'done'; state?: Record<string, string> }
  | { kind: 'failed-at'; sequenceNumber: string; state?: Record<string, string> }
  | { kind: 'failed'; reason: string };

export function readBatchResponse(response: unknown, delivered: readonly string[]): BatchOutcome {
  if (response === undefined || response === null) return { kind: 'done' };
  if (typeof response !== 'object') return { kind: 'failed', reason: `the handler returned ${typeof response}, not a batch response` };
  const { state, batchItemFailures } = response as Record<string, unknown>;
  const kept = isState(state) ? { state } : {};
  if (batchItemFailures === undefined || batchItemFailures === null) return { kind: 'done', ...kept };
  if (!Array.isArray(batchItemFailures)) return { kind: 'failed', reason: 'batchItemFailures is not a list' };
  if (batchItemFailures.length === 0) return { kind: 'done', ...kept };

  const inBatch = new Set(delivered);
  const reported: string[] = [];
  for (const failure of batchItemFailures as unknown[]) {
    const id = typeof failure === 'object' && failure !== null ? (failure as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || !inBatch.has(id))
      return { kind: 'failed', reason: `batchItemFailures names ${JSON.stringify(id)}, not a record of the batch` };
    reported.push(id);
  }
  const lowest = reported.sort(compareSequences)[0]!;
  return { kind: 'failed-at', sequenceNumber: lowest, ...kept };
}

function isState(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
