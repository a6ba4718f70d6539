import * as z from 'zod';
import type { RuleViolation } from '@abad/core/schemas/project';
import { ruleMessage } from '@abad/core/validation/messages';
import type { FieldError } from '../api.ts';

/**
 * A schema's rules across fields (its superRefine), run on their own. zod skips an object's
 * refinements while any of its fields is wrong, so an empty title would hide «a completed project
 * is at 100%» until the title is fixed; the form instead parses just the fields the rule reads
 * (with the schema's own field schemas and defaults) and, when those parse, runs the same rule
 * function as the API, with the same Persian messages.
 */
export function crossFieldRules<T>(
  schema: { shape: z.ZodRawShape },
  keys: readonly string[],
  violations: (parsed: T) => RuleViolation[],
): (body: Record<string, unknown>) => FieldError[] {
  const picked = z.object(Object.fromEntries(keys.map((key) => [key, schema.shape[key]!])));
  return (body) => {
    const parsed = picked.safeParse(Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]])));
    if (!parsed.success) return [];
    return violations(parsed.data as T).map((v) => ({ field: v.field, message: ruleMessage(v.rule, 'fa') }));
  };
}
