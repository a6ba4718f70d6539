import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { recentReads } from '../shared/recent-reads.ts';
import { conditionalJson, representationOf, type Representation } from './conditional.ts';
import type { HttpEvent } from './request.ts';

/**
 * How long this container answers the same public figures without reading them again: the
 * pages poll every 4 s, and figures a second old are as current as the aggregator makes them
 * (it runs about a second behind the writes). Measured by `npm run bench -- read-throughput`.
 */
export const FIGURES_FRESH_FOR_MS = 1_000;

/**
 * How long a browser or CloudFront may keep them: a few seconds, about one poll of the pages
 * (4 s), so a viewer sees figures at most a poll older than the API has them, while CloudFront
 * asks the API once per 5 s per edge and URL however many viewers poll.
 */
export const FIGURES_MAX_AGE_SECONDS = 5;
export const FIGURES_CACHE_CONTROL = `public, max-age=${FIGURES_MAX_AGE_SECONDS}`;

const recent = recentReads<Representation>(FIGURES_FRESH_FOR_MS);

/**
 * A public figure read: answered from what this container read in the last second (or read
 * now), with the body's hash as ETag, 304 when the reader has it, and public Cache-Control.
 */
export async function publicFigures(event: HttpEvent, key: string, read: () => Promise<unknown>): Promise<APIGatewayProxyStructuredResultV2> {
  const representation = await recent(key, async () => representationOf(await read()));
  return conditionalJson(event, representation, FIGURES_CACHE_CONTROL);
}
