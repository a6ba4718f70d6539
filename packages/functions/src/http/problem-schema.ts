import { named } from '@abad/core';
import * as z from 'zod';
import { MAX_BODY_BYTES } from './handler.ts';
import { PROBLEM_TYPES } from './problem.ts';

/**
 * problem.ts's `Problem` as a schema, for the OpenAPI document. A field list is bounded by the
 * body it describes (64 KiB; at most 100 goods items of three fields each, and so on); a top-level
 * unknown key names every such key, so `field` and `message` may be as long as the body.
 */
export const problemSchema = named(
  'Problem',
  z.strictObject({
    type: z.enum(Object.keys(PROBLEM_TYPES).map((type) => `/problems/${type}`) as [string, ...string[]]),
    title: z.string().max(100),
    status: z.int().min(400).max(599),
    detail: z.string().max(1000),
    errors: z
      .array(
        z.strictObject({
          field: z.string().max(MAX_BODY_BYTES),
          message: z.string().max(2 * MAX_BODY_BYTES),
          rule: z.string().max(64).optional().describe("For the project's own rules: the message key"),
        }),
      )
      .max(1000)
      .optional(),
  }),
);
