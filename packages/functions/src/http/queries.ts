import { parseInput, type Language } from '@abad/core';
import type * as z from 'zod';
import { HttpProblem } from './problem.ts';
import type { HttpEvent } from './request.ts';

/** Parsers of what a request carries besides its body; the schemas are the route's own (request-schemas.ts). */
export function parseQuery<S extends z.ZodType>(schema: S, event: HttpEvent, language: Language): z.output<S> {
  return parseInput(schema, event.queryStringParameters ?? {}, language);
}

/** Path parameters, checked before any read: one that names nothing (a bogus or oversized code) is 404, as an unknown id is. */
export function parsePath<S extends z.ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const result = schema.safeParse(event.pathParameters ?? {});
  if (!result.success) throw new HttpProblem('not-found', 'Nothing is at this path');
  return result.data;
}
