import { PLANNING_HORIZON_YEARS } from '@abad/core/validation/date-range';
import { h, uid } from '../dom.ts';
import { JALALI_MONTHS, daysInJalaliMonth, faDate, isoDateToMoment, isoDateToStartMoment, jalaliToIso, tehranIsoDate, todayJalali } from '../format/dates.ts';
import { faNumber } from '../format/numbers.ts';
import type { Field } from './fields.ts';

/**
 * A date picked in the Persian calendar — day, month and year as three labelled selects
 * (operable with the keyboard and by phone pickers alike) — and handed to the API as an ISO
 * date (`2025-03-21`) or, for date-time fields, as noon of that day in Tehran.
 */
export interface DateField extends Field {
  /** ISO date or moment; undefined when nothing is picked; `invalid` when the pick is incomplete or no such day. */
  value(): string | undefined;
}

export interface DateOptions {
  name: string;
  label: string;
  required?: boolean;
  /** `date`: `YYYY-MM-DD`; `moment`: ISO date-time (for `receivedAt`, `reportedAt`…). */
  kind: 'date' | 'moment';
  /** Starts on today's date. */
  today?: boolean;
  hint?: string;
}

/** The first year the pickers offer: records of the last two decades and more are still being entered. */
export const FIRST_YEAR = 1380;

export function dateField(options: DateOptions): DateField {
  const id = uid(`f-${options.name}`);
  const today = todayJalali();
  // From 1380 to as far as the API allows: a planned date up to PLANNING_HORIZON_YEARS ahead, a moment up to this year.
  const lastYear = today.year + (options.kind === 'date' ? PLANNING_HORIZON_YEARS : 0);
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const empty = (text: string) => h('option', { value: '' }, text);
  const day = h(
    'select',
    { id: `${id}-day`, name: `${options.name}-day` },
    empty('—'),
    ...Array.from({ length: 31 }, (_, i) => h('option', { value: String(i + 1) }, faNumber(i + 1))),
  );
  const month = h(
    'select',
    { id: `${id}-month`, name: `${options.name}-month` },
    empty('—'),
    ...JALALI_MONTHS.map((m, i) => h('option', { value: String(i + 1) }, m)),
  );
  const year = h(
    'select',
    { id: `${id}-year`, name: `${options.name}-year` },
    empty('—'),
    ...years.map((y) => h('option', { value: String(y) }, faNumber(y).replace(/٬/g, ''))),
  );
  const echo = h('p', { class: 'echo', id: `${id}-echo`, 'aria-live': 'polite' });
  const hint = options.hint ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : null;
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  const describedBy = [hint ? `${id}-hint` : '', echo.id, error.id].filter(Boolean).join(' ');
  for (const select of [day, month, year]) select.setAttribute('aria-describedby', describedBy);

  const part = (label: string, select: HTMLSelectElement) => h('div', { class: 'date-part' }, h('label', { for: select.id }, label), select);
  const element = h(
    'fieldset',
    { class: 'field date', 'data-field': options.name },
    h('legend', {}, options.label, options.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    hint,
    h('div', { class: 'date-row' }, part('روز', day), part('ماه', month), part('سال', year)),
    echo,
    error,
  );

  const picked = () => ({ year: Number(year.value), month: Number(month.value), day: Number(day.value) });
  const isoDate = (): string | undefined | 'invalid' => {
    if (!day.value && !month.value && !year.value) return undefined;
    if (!day.value || !month.value || !year.value) return 'invalid';
    return jalaliToIso(picked()) ?? 'invalid';
  };
  /** Days past the month's length are disabled, so 31 Mehr or 30 Esfand of a common year cannot be picked. */
  const limitDays = () => {
    const length = month.value && year.value ? daysInJalaliMonth(Number(year.value), Number(month.value)) : 31;
    for (const option of Array.from(day.options)) if (option.value) option.disabled = Number(option.value) > length;
    if (Number(day.value) > length) day.value = String(length);
  };
  const refresh = () => {
    limitDays();
    const iso = isoDate();
    echo.textContent = iso === undefined ? '' : iso === 'invalid' ? 'روز، ماه و سال را کامل انتخاب کنید' : faDate(iso);
  };
  for (const select of [day, month, year]) select.addEventListener('change', refresh);

  const setToday = () => {
    if (options.today) {
      year.value = String(today.year);
      month.value = String(today.month);
      day.value = String(today.day);
    } else {
      year.value = month.value = day.value = '';
    }
    refresh();
  };
  setToday();

  return {
    name: options.name,
    element,
    focusTarget: day,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      for (const select of [day, month, year]) {
        if (message) select.setAttribute('aria-invalid', 'true');
        else select.removeAttribute('aria-invalid');
      }
      element.classList.toggle('invalid', Boolean(message));
    },
    value() {
      const iso = isoDate();
      if (iso === undefined || iso === 'invalid') return iso;
      if (options.kind === 'date') return iso;
      // Today before noon is sent as its start: the API refuses a moment in the future (a later day stays noon, and is refused).
      const noon = isoDateToMoment(iso);
      return iso === tehranIsoDate() && Date.parse(noon) > Date.now() ? isoDateToStartMoment(iso) : noon;
    },
    reset() {
      setToday();
      this.setError(undefined);
    },
  };
}
