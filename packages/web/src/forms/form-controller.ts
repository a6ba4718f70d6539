import type { z } from 'zod';
import { ValidationError } from '@abad/core/errors';
import { parseInput } from '@abad/core/validation/parse';
import { newIdempotencyKey, postJson, type FieldError, type Problem, type WriteResult } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import type { Field } from './fields.ts';

/**
 * One form's submission: check the input with the API's own zod schema (Persian messages
 * from the same error map), post it with the bearer token and an Idempotency-Key, and show
 * the outcome — errors next to their fields, a summary, or a confirmation.
 *
 * On submit every field's first mistake shows at once, the rules across fields included. A
 * field showing a message is checked again, with the same parse, whenever the reader types or
 * picks anything in the form: the message goes as soon as the field is right (or changes to the
 * field's next mistake), and fixing one field can clear another's rule (status and progress).
 *
 * The key is made for a submission and kept until that submission succeeds, so a double
 * click, or a retry after a network error whose request did reach the server, writes once.
 * While a request is in flight the form does not submit again.
 */
export interface FormSpec<S extends z.ZodType, R> {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  schema: S;
  /** The fields (including nested ones such as goods rows, asked each time). */
  fields: () => Field[];
  /** The body as typed (the API normalizes it exactly as the schema here does). */
  collect: () => Record<string, unknown>;
  /** The path to post to; a FieldError when a choice outside the body is missing (the project of a progress report). */
  endpoint: () => string | FieldError;
  token: () => string | undefined;
  /** What to say once the record exists. */
  success: (record: R) => Node | string;
  /** After a success: clear the fields for the next record. */
  afterSuccess?: () => void;
  /**
   * The schema's rules across fields (its superRefine), checked on their own: zod skips an
   * object's refinements while any of its fields is wrong, and the reader should see every
   * mistake at once, «پیشرفت ۱۰۰٪» beside «عنوان لازم است».
   */
  rules?: (body: Record<string, unknown>) => FieldError[];
  /** How to send instead of an idempotent POST: a correction's PATCH with If-Match. */
  send?: (endpoint: string, body: Record<string, unknown>, token: string) => Promise<WriteResult<R>>;
  /** A refusal the form explains itself (a newer version, 412); true when it did. */
  explain?: (problem: Problem) => boolean;
}

export interface FormController {
  status: HTMLElement;
}

const SUBMIT_BUSY = 'در حال ارسال…';

export function controlForm<S extends z.ZodType, R>(spec: FormSpec<S, R>): FormController {
  const { form, submit } = spec;
  const status = h('div', { class: 'form-status', 'data-testid': 'form-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  form.append(status);
  form.noValidate = true;
  const idleLabel = submit.textContent ?? '';
  let busy = false;
  let idempotencyKey: string | undefined;

  const setBusy = (value: boolean) => {
    busy = value;
    submit.disabled = value;
    submit.setAttribute('aria-busy', String(value));
    submit.textContent = value ? SUBMIT_BUSY : idleLabel;
  };

  /** The message each field shows now, by field name; `api` when the API found it (the page cannot check it again). */
  const shownErrors = new Map<string, { message: string; api: boolean }>();

  const clearErrors = () => {
    for (const field of spec.fields()) field.setError(undefined);
    shownErrors.clear();
    status.className = 'form-status';
    status.replaceChildren();
  };

  /** Every mistake of the body as typed: the schema's, then its rules across fields (each once). */
  const validate = (body: Record<string, unknown>): FieldError[] => {
    const endpoint = spec.endpoint();
    const problems: FieldError[] = typeof endpoint === 'string' ? [] : [endpoint];
    try {
      parseInput(spec.schema, body, 'fa');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // Parsed in Persian: every message, the project's own rules included, is already the reader's.
      problems.push(...error.problems.map((p) => ({ field: p.field, message: p.message })));
    }
    for (const rule of spec.rules?.(body) ?? []) {
      if (!problems.some((p) => p.field === rule.field && p.message === rule.message)) problems.push(rule);
    }
    return problems;
  };

  /** Each field's first message (the one to fix first), found by its name or its closest parent field's; and what found no field. */
  const place = (errors: readonly FieldError[]) => {
    const byName = new Map(spec.fields().map((f) => [f.name, f]));
    const placed = new Map<Field, string>();
    const unplaced: string[] = [];
    for (const error of errors) {
      let name = error.field;
      let field = byName.get(name);
      while (!field && name.includes('.')) {
        name = name.slice(0, name.lastIndexOf('.'));
        field = byName.get(name);
      }
      if (!field) unplaced.push(error.message);
      else if (!placed.has(field)) placed.set(field, error.message);
    }
    return { placed, unplaced };
  };

  /** Puts each message next to its field (or its closest parent field), the rest in the summary. */
  const showErrors = (errors: readonly FieldError[], summary: string, api = false) => {
    const { placed, unplaced } = place(errors);
    let first: Field | undefined;
    for (const [field, message] of placed) {
      field.setError(message);
      shownErrors.set(field.name, { message, api });
      if (!first || (first.element.compareDocumentPosition(field.element) & Node.DOCUMENT_POSITION_PRECEDING) !== 0) first = field;
    }
    status.className = 'form-status failure';
    replaceChildren(
      status,
      h('p', {}, summary),
      unplaced.length
        ? h(
            'ul',
            {},
            unplaced.map((m) => h('li', {}, m)),
          )
        : null,
    );
    (first?.focusTarget ?? status).focus();
  };

  const showProblem = (problem: Problem) => {
    if (spec.explain?.(problem)) return;
    if (problem.status === 422 && problem.errors?.length) {
      showErrors(problem.errors, problem.detail ?? 'درخواست فیلدهای نامعتبر دارد', true);
      return;
    }
    const message =
      problem.status === 0
        ? 'ارتباط با سرور برقرار نشد. دوباره «ثبت» را بزنید؛ همین درخواست تکراری ثبت نمی‌شود.'
        : problem.status === 401
          ? 'نشست شما پایان یافته است؛ دوباره وارد شوید.'
          : problem.status >= 500 || problem.status === 429
            ? // The gateway's own 502/503/504/429 carry no Persian: say what to do, not a number.
              'سرور اکنون پاسخ نمی‌دهد. چند لحظه بعد دوباره «ثبت» را بزنید؛ همین درخواست دو بار ثبت نمی‌شود.'
            : problem.status === 403
              ? (problem.detail ?? 'شما اجازهٔ این کار را در این استان ندارید.')
              : (problem.detail ?? 'درخواست پذیرفته نشد؛ فرم را بازبینی کنید و دوباره بفرستید.');
    status.className = 'form-status failure';
    replaceChildren(status, h('p', {}, message));
    status.focus();
  };

  /**
   * After an edit: the fields showing a message are checked again; a fixed one loses it, none
   * gains one. A message of the API's own (an unknown county) goes when its field is edited.
   */
  const recheck = (event: Event) => {
    if (shownErrors.size === 0 || busy) return;
    const { placed } = place(validate(spec.collect()));
    const edited = event.target instanceof Node ? event.target : undefined;
    for (const field of spec.fields()) {
      const before = shownErrors.get(field.name);
      if (before === undefined) continue;
      const now = placed.get(field) ?? (before.api && !(edited && field.element.contains(edited)) ? before.message : undefined);
      if (now === before.message) continue;
      field.setError(now);
      if (now === undefined) shownErrors.delete(field.name);
      else shownErrors.set(field.name, { message: now, api: false });
    }
    if (shownErrors.size === 0 && status.classList.contains('failure')) {
      status.className = 'form-status';
      status.replaceChildren();
    }
  };
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    void (async () => {
      clearErrors();
      const token = spec.token();
      if (!token) return showProblem({ status: 401 });
      const endpoint = spec.endpoint();
      const body = spec.collect();
      // The API's schema, the API's messages: nothing is sent when it would be refused.
      const problems = validate(body);
      if (problems.length > 0 || typeof endpoint !== 'string') {
        return showErrors(problems, 'فرم خطا دارد؛ پیام هر خطا کنار فیلد آن آمده است.');
      }

      setBusy(true);
      idempotencyKey ??= newIdempotencyKey();
      try {
        const result = spec.send ? await spec.send(endpoint, body, token) : await postJson<R>(endpoint, body, { token, idempotencyKey });
        if (result.ok) {
          idempotencyKey = undefined;
          spec.afterSuccess?.();
          status.className = 'form-status success';
          replaceChildren(status, spec.success(result.body));
          status.focus();
        } else {
          // A refused request is not remembered by the API, so the same key may carry the corrected form.
          showProblem(result.problem);
        }
      } finally {
        setBusy(false);
      }
    })();
  });

  return { status };
}
