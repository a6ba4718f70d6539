import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors.ts';
import { errorMapFor, type Language } from './messages.ts';

/** Parses input with a schema; on failure throws ValidationError listing every field, in the asked language. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, language: Language = 'en'): z.output<S> {
  const result = schema.safeParse(input, { error: errorMapFor(language), reportInput: false });
  if (result.success) return result.data;
  throw new ValidationError(toFieldProblems(result.error), language === 'fa' ? 'درخواست فیلدهای نامعتبر دارد' : undefined);
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const rule = issue.code === 'custom' ? (issue.params as { key?: string } | undefined)?.key : undefined;
    return {
      field: issue.path.length ? issue.path.map(String).join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(body)',
      message: issue.message,
      ...(rule ? { rule } : {}),
    };
  });
}
