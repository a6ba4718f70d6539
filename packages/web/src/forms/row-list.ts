import { h, uid } from '../dom.ts';
import { faNumber } from '../format/numbers.ts';
import type { Field } from './fields.ts';

/**
 * A list of rows added and removed with buttons (a project's outputs, its partners). Every
 * cell is registered under its API field name, `outputs.<i>.target`, renumbered whenever a row
 * goes, and each row is a field of its own (`outputs.<i>`), so a message about a cell lands
 * next to that cell and one about the whole row (or a cell the row does not show) next to the
 * row — never on another row. The cells' labels carry the row's number («هدف ۲»).
 */
export interface RowCell {
  /** The cell's key within the row: `indicator`, `target`, `partner`… */
  key: string;
  /** Its label, to which the row's number is added. */
  label: string;
  field: Field;
}

export interface Row {
  cells: RowCell[];
}

export interface RowList<R extends Row> extends Field {
  rows(): readonly R[];
  /** The cells and rows, for error placement. */
  rowFields(): Field[];
  addRow(focus?: boolean): R;
  /** Shows why no row can be added (nothing to choose from), or lets rows be added again. */
  setUnavailable(reason: string | undefined): void;
}

export interface RowListOptions<R extends Row> {
  name: string;
  label: string;
  hint?: string;
  /** «افزودن شاخص» */
  addLabel: string;
  /** What one row is called, for its remove button: «شاخص» → «حذف شاخص ۲». */
  itemLabel: string;
  make: () => R;
  /** After a row is removed (to update what depends on the rows). */
  onChange?: () => void;
}

interface Placed<R> {
  row: R;
  element: HTMLLIElement;
  remove: HTMLButtonElement;
  rowField: Field;
}

export function rowList<R extends Row>(options: RowListOptions<R>): RowList<R> {
  const id = uid(`f-${options.name}`);
  const placed: Placed<R>[] = [];
  const list = h('ol', { class: 'row-list' });
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  const unavailable = h('p', { class: 'hint', id: `${id}-unavailable`, hidden: true });
  const add = h('button', { type: 'button', class: 'secondary' }, options.addLabel);
  const element = h(
    'fieldset',
    { class: 'field rows', 'data-field': options.name, 'aria-describedby': `${error.id} ${unavailable.id}` },
    h('legend', {}, options.label),
    options.hint ? h('p', { class: 'hint' }, options.hint) : null,
    list,
    unavailable,
    add,
    error,
  );

  const renumber = () => {
    placed.forEach(({ row, element: li, remove, rowField }, i) => {
      const n = faNumber(i + 1);
      rowField.name = `${options.name}.${i}`;
      li.dataset.field = rowField.name;
      li.querySelector(':scope > .row-error')?.setAttribute('data-error-for', rowField.name);
      for (const cell of row.cells) {
        cell.field.name = `${options.name}.${i}.${cell.key}`;
        cell.field.element.dataset.field = cell.field.name;
        cell.field.element.querySelector('.error')?.setAttribute('data-error-for', cell.field.name);
        const label = cell.field.element.querySelector('label');
        if (label?.firstChild) label.firstChild.textContent = `${cell.label} ${n}`;
      }
      remove.textContent = `حذف ${options.itemLabel} ${n}`;
    });
  };

  const addRow = (focus = false): R => {
    const row = options.make();
    const rowError = h('p', { class: 'error row-error', id: uid(`${id}-row-error`), hidden: true });
    const remove = h('button', { type: 'button', class: 'link' }, 'حذف');
    const li = h(
      'li',
      { class: 'row' },
      row.cells.map((c) => c.field.element),
      remove,
      rowError,
    );
    const rowField: Field = {
      name: '',
      element: li,
      focusTarget: row.cells[0]?.field.focusTarget ?? remove,
      setError(message) {
        rowError.textContent = message ?? '';
        rowError.hidden = !message;
        li.classList.toggle('invalid', Boolean(message));
      },
      reset() {
        this.setError(undefined);
      },
    };
    const entry: Placed<R> = { row, element: li, remove, rowField };
    remove.addEventListener('click', () => {
      placed.splice(placed.indexOf(entry), 1);
      li.remove();
      renumber();
      options.onChange?.();
      add.focus();
    });
    placed.push(entry);
    list.append(li);
    renumber();
    if (focus) row.cells[0]?.field.focusTarget.focus();
    return row;
  };
  add.addEventListener('click', () => addRow(true));

  const setError = (message: string | undefined) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    element.classList.toggle('invalid', Boolean(message));
  };

  return {
    name: options.name,
    element,
    focusTarget: add,
    setError,
    rows: () => placed.map((p) => p.row),
    // Rows first, then their cells: a message finds its cell, or else its row.
    rowFields: () => placed.flatMap((p) => [p.rowField, ...p.row.cells.map((c) => c.field)]),
    addRow,
    setUnavailable(reason) {
      unavailable.textContent = reason ?? '';
      unavailable.hidden = !reason;
      add.disabled = Boolean(reason);
    },
    reset() {
      for (const p of placed.splice(0)) p.element.remove();
      setError(undefined);
      options.onChange?.();
    },
  };
}
