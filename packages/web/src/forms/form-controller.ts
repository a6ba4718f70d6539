import type { z } from 'zod';
import { ValidationError } from '@abad/core/errors';
import { parseInput } from '@abad/core/validation/parse';
import { newIdempotencyKey, postJson, type FieldError, type Problem } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import type { Field } from './fields.ts';

/**
 * One form's submission: check the input with the API's own zod schema (Persian messages
 * from the same error map), post it with the bearer token and an Idempotency-Key, and show
 * the outcome — errors next to their fields, a summary, or a confirmation.
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

  const clearErrors = () => {
    for (const field of spec.fields()) field.setError(undefined);
    status.className = 'form-status';
    status.replaceChildren();
  };

  /** Puts each message next to its field (or its closest parent field); returns what found no field. */
  const showErrors = (errors: readonly FieldError[], summary: string) => {
    const fields = spec.fields();
    const byName = new Map(fields.map((f) => [f.name, f]));
    const unplaced: string[] = [];
    const shown = new Set<Field>();
    let first: Field | undefined;
    for (const error of errors) {
      let name = error.field;
      let field = byName.get(name);
      while (!field && name.includes('.')) {
        name = name.slice(0, name.lastIndexOf('.'));
        field = byName.get(name);
      }
      if (!field) {
        unplaced.push(error.message);
        continue;
      }
      if (shown.has(field)) continue; // the first message per field is the one to fix first
      shown.add(field);
      field.setError(error.message);
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
    if (problem.status === 422 && problem.errors?.length) {
      showErrors(problem.errors, problem.detail ?? 'درخواست فیلدهای نامعتبر دارد');
      return;
    }
    const message =
      problem.status === 0
        ? 'ارتباط با سرور برقرار نشد. دوباره «ثبت» را بزنید؛ همین درخواست تکراری ثبت نمی‌شود.'
        : problem.status === 401
          ? 'نشست شما پایان یافته است؛ دوباره وارد شوید.'
          : problem.status === 403
            ? 'شما اجازهٔ این کار را در این استان ندارید.'
            : (problem.detail ?? `خطای سرور (${problem.status})`);
    status.className = 'form-status failure';
    replaceChildren(status, h('p', {}, message));
    status.focus();
  };

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
      const problems: FieldError[] = typeof endpoint === 'string' ? [] : [endpoint];
      try {
        parseInput(spec.schema, body, 'fa');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // Parsed in Persian: every message, the project's own rules included, is already the reader's.
        problems.push(...error.problems.map((p) => ({ field: p.field, message: p.message })));
      }
      if (problems.length > 0 || typeof endpoint !== 'string') {
        return showErrors(problems, 'فرم خطا دارد؛ پیام هر خطا کنار فیلد آن آمده است.');
      }

      setBusy(true);
      idempotencyKey ??= newIdempotencyKey();
      try {
        const result = await postJson<R>(endpoint, body, { token, idempotencyKey });
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
