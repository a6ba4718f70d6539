import { SORT_KEYS } from '../table/keys.ts';

/**
 * Which stream records can change an aggregate: writes to projects, donations,
 * distributions and plans (by their sort key). The Lambda event source mapping's filter and the local
 * stream poller are both built from this, so aggregate, history and idempotency writes never
 * invoke the aggregator.
 */
export const COUNTED_SORT_KEYS = [SORT_KEYS.project, SORT_KEYS.donation, SORT_KEYS.distribution, SORT_KEYS.plan] as const;

export function isCountedRecord(keys: { sk?: unknown } | undefined): boolean {
  return typeof keys?.sk === 'string' && (COUNTED_SORT_KEYS as readonly string[]).includes(keys.sk);
}

/** The event source mapping filter (Lambda event filtering syntax) for the same rule. */
export const STREAM_FILTER_PATTERN = { dynamodb: { Keys: { sk: { S: [...COUNTED_SORT_KEYS] } } } };
