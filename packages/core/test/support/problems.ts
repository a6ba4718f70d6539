import { ValidationError } from '../../src/errors.ts';

/** The field problems a parse throws; fails the test when it throws nothing or something else. */
export function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
