import { ValidationError } from '../errors.ts';
import type { RuleViolation } from '../schemas/project.ts';
import { ruleMessage } from '../validation/messages.ts';

/** Rule violations found after a merge or against stored data, as a ValidationError. */
export function assertNoViolations(violations: RuleViolation[]): void {
  if (violations.length) {
    throw new ValidationError(violations.map((v) => ({ field: v.field, rule: v.rule, message: ruleMessage(v.rule, 'en') })));
  }
}
