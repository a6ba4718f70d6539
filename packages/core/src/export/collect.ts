import { ValidationError } from '../errors.ts';
import type { Page } from '../store/items.ts';
import type { Language } from '../validation/messages.ts';
import { ruleMessage } from '../validation/messages.ts';
import { MAX_EXPORT_ROWS } from './table.ts';

/** How many items a page read for an export asks for (DynamoDB still returns at most 1 MB a request). */
export const EXPORT_PAGE_SIZE = 1_000;

/**
 * An export larger than one file may be: more than MAX_EXPORT_ROWS rows (`max` rows), or more
 * bytes than one response carries (`max` undefined). 422 naming `(query)`, saying in Persian
 * to narrow the view with its filters; nothing is sent but this problem.
 */
export class ExportTooLargeError extends ValidationError {
  constructor(readonly max?: number) {
    const rule = max === undefined ? 'exportTooLarge' : 'tooManyRows';
    super([{ field: '(query)', rule, params: { max }, message: ruleMessage(rule, 'en', { max }) }], ruleMessage(rule, 'en', { max }));
  }

  override describe(language: Language): string {
    return ruleMessage(this.max === undefined ? 'exportTooLarge' : 'tooManyRows', language, { max: this.max });
  }
}

/**
 * Every item of a paged list, page after page (the list's own query, so exactly its filtered
 * view, in its order), stopping with ExportTooLargeError as soon as more than `max` are found.
 */
export async function readAllPages<T>(readPage: (limit: number, cursor: string | undefined) => Promise<Page<T>>, max = MAX_EXPORT_ROWS): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(Math.min(EXPORT_PAGE_SIZE, max + 1 - items.length), cursor);
    items.push(...page.items);
    if (items.length > max) throw new ExportTooLargeError(max);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
