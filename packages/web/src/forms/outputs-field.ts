import type { IndicatorField } from '@abad/core/indicators/catalogue';
import { h, uid } from '../dom.ts';
import { loadIndicators, unitLabel } from '../catalogue.ts';
import { faNumber, parseTyped } from '../format/numbers.ts';
import type { IndicatorJson } from '../types.ts';
import { selectField, textField, type InputField, type Option, type SelectField } from './fields.ts';
import { rowList, type RowList, type Row } from './row-list.ts';

/**
 * What a project delivers, in the catalogue's indicators (GET /indicators): rows of an
 * indicator, its target and its actual, each number with the indicator's unit beside it
 * («کیلومتر») and echoed with it («۱۲ کیلومتر»). The fixed counters (jobs, housing units,
 * households, projects) take only a target here: their actual is the project's own field, so
 * the actual cell is disabled for them. A progress report gives actuals only, and never of a
 * fixed counter.
 */
export interface OutputValue {
  indicator?: string;
  target?: string;
  actual?: string;
}

export interface OutputsField extends RowList<OutputRow> {
  value(): OutputValue[] | undefined;
  /** Resolves once the catalogue is in (or failed, with the reason shown). */
  loaded: Promise<void>;
}

interface OutputRow extends Row {
  indicator: SelectField;
  target?: InputField;
  actual: InputField;
}

export interface OutputsOptions {
  name: string;
  label: string;
  hint?: string;
  /** `project`: target and actual; `report`: a progress report's actuals. */
  mode: 'project' | 'report';
  /** What to say about a fixed counter's actual: where on the form it is entered. */
  fromField?: (field: IndicatorField) => string;
}

/** The indicators a select offers, with the unit in the label: «راه روستایی (کیلومتر)». */
export function indicatorOptions(indicators: readonly IndicatorJson[]): Option[] {
  return indicators.map((i) => ({ value: i.code, label: `${i.fa} (${unitLabel(i)})` }));
}

/** A number input with a unit beside it; the echo repeats the number in Persian digits with the unit. */
export function unitNumberField(options: { name: string; label: string; required?: boolean; hint?: string }): InputField & { setUnit(unit: string): void } {
  let unit = '';
  const field = textField({ ...options, inputMode: 'numeric' }, (text) => {
    const n = parseTyped(text);
    return n === undefined ? 'عدد صحیح وارد کنید' : `${faNumber(n)}${unit ? ` ${unit}` : ''}`;
  });
  const unitId = uid('unit');
  const unitText = h('span', { class: 'unit', id: unitId });
  const wrap = h('div', { class: 'with-unit' });
  field.input.replaceWith(wrap);
  wrap.append(field.input, unitText);
  field.input.setAttribute('aria-describedby', `${unitId} ${field.input.getAttribute('aria-describedby') ?? ''}`.trim());
  return Object.assign(field, {
    setUnit(next: string) {
      unit = next;
      unitText.textContent = next;
      field.input.dispatchEvent(new Event('input'));
    },
  });
}

export function outputsField(options: OutputsOptions): OutputsField {
  let catalogue: IndicatorJson[] = [];
  const offered = () => (options.mode === 'report' ? catalogue.filter((i) => !i.field) : catalogue);
  const byCode = () => new Map(catalogue.map((i) => [i.code, i]));

  const make = (): OutputRow => {
    const indicator = selectField({ name: '', label: 'شاخص', required: true });
    const target = options.mode === 'project' ? unitNumberField({ name: '', label: 'هدف' }) : undefined;
    const actual = unitNumberField({ name: '', label: 'محقق‌شده', required: options.mode === 'report' });
    const noteId = uid('from-field');
    const note = h('p', { class: 'hint', id: noteId, hidden: true });
    actual.element.append(note);
    actual.input.setAttribute('aria-describedby', `${actual.input.getAttribute('aria-describedby')} ${noteId}`);
    const sync = () => {
      const chosen = byCode().get(indicator.select.value);
      const unit = chosen ? unitLabel(chosen) : '';
      target?.setUnit(unit);
      actual.setUnit(unit);
      // A fixed counter's actual is its project field: sending one here would count it twice.
      const fixed = options.mode === 'project' ? chosen?.field : undefined;
      actual.input.disabled = Boolean(fixed);
      if (fixed) actual.input.value = '';
      note.textContent = fixed ? (options.fromField?.(fixed) ?? '') : '';
      note.hidden = !fixed;
    };
    indicator.select.addEventListener('change', sync);
    fill(indicator);
    const cells = [
      { key: 'indicator', label: 'شاخص', field: indicator },
      ...(target ? [{ key: 'target', label: 'هدف', field: target }] : []),
      { key: 'actual', label: 'محقق‌شده', field: actual },
    ];
    return { cells, indicator, target, actual };
  };

  const fill = (select: SelectField) => {
    const list = offered();
    select.setOptions(indicatorOptions(list), list.length ? 'شاخص را انتخاب کنید' : 'در حال دریافت فهرست شاخص‌ها…');
  };

  const rows = rowList<OutputRow>({
    name: options.name,
    label: options.label,
    hint: options.hint,
    addLabel: 'افزودن شاخص',
    itemLabel: 'شاخص',
    make,
  });

  const loaded = loadIndicators()
    .then((items) => {
      catalogue = items;
      for (const row of rows.rows()) fill(row.indicator);
      rows.setUnavailable(offered().length ? undefined : 'شاخصی در فهرست نیست.');
    })
    .catch(() => rows.setUnavailable('فهرست شاخص‌ها دریافت نشد؛ صفحه را دوباره باز کنید.'));

  return Object.assign(rows, {
    loaded,
    value(): OutputValue[] | undefined {
      const list = rows.rows();
      // Every row as typed, so `outputs.<i>` in a message is the i-th row on screen.
      return list.length
        ? list.map((r) => {
            const value: OutputValue = {};
            const indicator = r.indicator.value();
            const target = r.target?.value();
            const actual = r.actual.input.disabled ? undefined : r.actual.value();
            if (indicator !== undefined) value.indicator = indicator;
            if (target !== undefined) value.target = target;
            if (actual !== undefined) value.actual = actual;
            return value;
          })
        : undefined;
    },
  });
}
