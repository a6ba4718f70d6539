import { h, uid } from '../dom.ts';
import { faNumber, faPercent, parseTyped, parseTypedPercent, tomanInWords } from '../format/numbers.ts';

/**
 * Form fields: a visible label on every control, a hint, an echo of what was understood
 * (amounts in words, counts with Persian digits) and an error slot tied to the control with
 * aria-describedby. Each field is registered under its API field name (dotted for nested ones,
 * `donor.phone`), which is how errors from the schema or the API find it.
 */
export interface Field {
  /** The API field name, e.g. `amountToman`, `donor.phone`, `items.0.quantity`. */
  name: string;
  element: HTMLElement;
  /** Where focus goes when this field has the first error. */
  focusTarget: HTMLElement;
  setError(message: string | undefined): void;
  reset(): void;
}

export interface InputField extends Field {
  input: HTMLInputElement;
  /** The trimmed text; undefined when empty. */
  value(): string | undefined;
}

export interface SelectField extends Field {
  select: HTMLSelectElement;
  value(): string | undefined;
  setOptions(options: readonly Option[], placeholder?: string): void;
}

export interface Option {
  value: string;
  label: string;
}

interface BaseOptions {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
}

/** The label, hint, echo and error elements around one control. */
function frame(options: BaseOptions, control: HTMLElement, id: string, echo?: HTMLElement) {
  const hint = options.hint ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : undefined;
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  control.setAttribute('aria-describedby', [hint?.id, echo?.id, error.id].filter(Boolean).join(' '));
  const label = h('label', { for: id }, options.label, options.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
  const element = h('div', { class: 'field', 'data-field': options.name }, label, hint, control, echo, error);
  const setError = (message: string | undefined) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    element.classList.toggle('invalid', Boolean(message));
  };
  return { element, setError };
}

export interface TextOptions extends BaseOptions {
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
  autocomplete?: string;
  /** Left-to-right content (phone numbers). */
  ltr?: boolean;
  list?: string;
  multiline?: boolean;
}

export function textField(options: TextOptions, echoText?: (text: string) => string): InputField {
  const id = uid(`f-${options.name.replace(/\W/g, '-')}`);
  const input = h('input', {
    id,
    name: options.name,
    type: 'text',
    inputmode: options.inputMode,
    autocomplete: options.autocomplete ?? 'off',
    required: options.required,
    dir: options.ltr ? 'ltr' : undefined,
    list: options.list,
  });
  const echo = echoText ? h('p', { class: 'echo', id: `${id}-echo`, 'aria-live': 'polite' }) : undefined;
  const { element, setError } = frame(options, input, id, echo);
  const refreshEcho = () => {
    if (echo && echoText) echo.textContent = input.value.trim() ? echoText(input.value) : '';
  };
  input.addEventListener('input', refreshEcho);
  return {
    name: options.name,
    element,
    input,
    focusTarget: input,
    setError,
    value: () => input.value.trim() || undefined,
    reset: () => {
      input.value = '';
      refreshEcho();
      setError(undefined);
    },
  };
}

/** Toman, typed in any digits with any separators, echoed in words: «۶۲ میلیارد تومان». */
export function amountField(options: BaseOptions): InputField {
  return textField({ ...options, inputMode: 'numeric' }, (text) => {
    const amount = parseTyped(text, { toman: true });
    return amount === undefined ? 'عدد صحیح وارد کنید' : tomanInWords(amount);
  });
}

/** A whole number, echoed with Persian digits and separators. */
export function countField(options: BaseOptions): InputField {
  return textField({ ...options, inputMode: 'numeric' }, (text) => {
    const count = parseTyped(text);
    return count === undefined ? 'عدد صحیح وارد کنید' : faNumber(count);
  });
}

/** A percentage (one decimal), echoed as «۸۰٫۵٪». */
export function percentField(options: BaseOptions): InputField {
  return textField({ ...options, inputMode: 'decimal' }, (text) => {
    const percent = parseTypedPercent(text);
    return percent === undefined ? 'عددی از ۰ تا ۱۰۰ وارد کنید' : faPercent(percent);
  });
}

export function selectField(options: BaseOptions & { options?: readonly Option[]; placeholder?: string }): SelectField {
  const id = uid(`f-${options.name.replace(/\W/g, '-')}`);
  const select = h('select', { id, name: options.name, required: options.required });
  const { element, setError } = frame(options, select, id);
  const setOptions = (list: readonly Option[], placeholder?: string) => {
    const previous = select.value;
    select.replaceChildren(
      ...(placeholder !== undefined && list.length !== 1 ? [h('option', { value: '' }, placeholder)] : []),
      ...list.map((o) => h('option', { value: o.value }, o.label)),
    );
    if (list.some((o) => o.value === previous)) select.value = previous;
    select.dispatchEvent(new Event('change'));
  };
  setOptions(options.options ?? [], options.placeholder);
  return {
    name: options.name,
    element,
    select,
    focusTarget: select,
    setError,
    setOptions,
    value: () => select.value || undefined,
    reset: () => {
      select.selectedIndex = 0;
      select.dispatchEvent(new Event('change'));
      setError(undefined);
    },
  };
}

/** Radio buttons in a fieldset whose legend is the label. */
export function radioField(options: BaseOptions & { options: readonly Option[]; initial: string }): Field & { value(): string; inputs: HTMLInputElement[] } {
  const id = uid(`f-${options.name}`);
  const inputs = options.options.map((o, i) =>
    h('input', { type: 'radio', id: `${id}-${i}`, name: `${id}-radio`, value: o.value, checked: o.value === options.initial }),
  );
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  const element = h(
    'fieldset',
    { class: 'field radios', 'data-field': options.name, 'aria-describedby': error.id },
    h('legend', {}, options.label),
    h(
      'div',
      { class: 'radio-row' },
      options.options.map((o, i) => h('label', { class: 'radio', for: `${id}-${i}` }, inputs[i], ` ${o.label}`)),
    ),
    error,
  );
  return {
    name: options.name,
    element,
    inputs,
    focusTarget: inputs[0]!,
    setError: (message) => {
      error.textContent = message ?? '';
      error.hidden = !message;
      element.classList.toggle('invalid', Boolean(message));
    },
    value: () => inputs.find((i) => i.checked)?.value ?? options.initial,
    reset: () => {
      for (const input of inputs) input.checked = input.value === options.initial;
      inputs[0]?.dispatchEvent(new Event('change', { bubbles: true }));
    },
  };
}

export function checkboxField(options: BaseOptions): Field & { input: HTMLInputElement; value(): boolean } {
  const id = uid(`f-${options.name.replace(/\W/g, '-')}`);
  const input = h('input', { type: 'checkbox', id, name: options.name });
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  input.setAttribute('aria-describedby', error.id);
  const element = h('div', { class: 'field checkbox', 'data-field': options.name }, h('label', { for: id }, input, ` ${options.label}`), error);
  return {
    name: options.name,
    element,
    input,
    focusTarget: input,
    setError: (message) => {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
    value: () => input.checked,
    reset: () => {
      input.checked = false;
    },
  };
}
