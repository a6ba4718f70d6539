import { h, uid } from '../dom.ts';
import { faNumber } from '../format/numbers.ts';
import { countField, textField, type Field, type InputField } from './fields.ts';

/**
 * The goods of an in-kind donation or of a distribution: rows of name, quantity and unit,
 * added and removed with buttons. Each input is registered as `items.<i>.<field>` so errors
 * from the schema land next to the right cell.
 */
export interface GoodsField extends Field {
  value(): { name: string; quantity: string; unit: string }[] | undefined;
  /** The fields of the rows, for error placement. */
  rowFields(): Field[];
  /** Starts with one empty row (in-kind donations always list goods). */
  ensureRow(): void;
}

interface Row {
  element: HTMLElement;
  name: InputField;
  quantity: InputField;
  unit: InputField;
}

export function goodsField(options: { name: string; label: string; hint?: string }): GoodsField {
  const id = uid(`f-${options.name}`);
  const rows: Row[] = [];
  const list = h('ol', { class: 'goods-rows' });
  const error = h('p', { class: 'error', id: `${id}-error`, 'data-error-for': options.name, hidden: true });
  const add = h('button', { type: 'button', class: 'secondary' }, 'افزودن قلم');
  const element = h(
    'fieldset',
    { class: 'field goods', 'data-field': options.name, 'aria-describedby': error.id },
    h('legend', {}, options.label),
    options.hint ? h('p', { class: 'hint' }, options.hint) : null,
    list,
    add,
    error,
  );

  const renumber = () => {
    rows.forEach((row, i) => {
      const n = faNumber(i + 1);
      row.name.name = `${options.name}.${i}.name`;
      row.quantity.name = `${options.name}.${i}.quantity`;
      row.unit.name = `${options.name}.${i}.unit`;
      for (const field of [row.name, row.quantity, row.unit]) {
        field.element.dataset.field = field.name;
        field.element.querySelector('.error')?.setAttribute('data-error-for', field.name);
      }
      row.name.element.querySelector('label')!.firstChild!.textContent = `نام قلم ${n}`;
      row.quantity.element.querySelector('label')!.firstChild!.textContent = `تعداد ${n}`;
      row.unit.element.querySelector('label')!.firstChild!.textContent = `واحد ${n}`;
      row.element.querySelector('button')!.textContent = `حذف قلم ${n}`;
    });
  };

  const addRow = (focus: boolean) => {
    const row: Row = {
      element: h('li', { class: 'goods-row' }),
      name: textField({ name: '', label: 'نام قلم' }),
      quantity: countField({ name: '', label: 'تعداد' }),
      unit: textField({ name: '', label: 'واحد' }),
    };
    const remove = h('button', { type: 'button', class: 'link' }, 'حذف');
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      renumber();
      add.focus();
    });
    row.element.append(row.name.element, row.quantity.element, row.unit.element, remove);
    rows.push(row);
    list.append(row.element);
    renumber();
    if (focus) row.name.input.focus();
  };
  add.addEventListener('click', () => addRow(true));

  return {
    name: options.name,
    element,
    focusTarget: add,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      element.classList.toggle('invalid', Boolean(message));
    },
    rowFields: () => rows.flatMap((r) => [r.name, r.quantity, r.unit]),
    ensureRow: () => {
      if (rows.length === 0) addRow(false);
    },
    value() {
      // Every row as typed, so `items.<i>` in an error is the i-th row on screen.
      return rows.length ? rows.map((r) => ({ name: r.name.value() ?? '', quantity: r.quantity.value() ?? '', unit: r.unit.value() ?? '' })) : undefined;
    },
    reset() {
      for (const row of rows.splice(0)) row.element.remove();
      this.setError(undefined);
    },
  };
}
