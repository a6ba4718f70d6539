import { driveInput, driveRuleViolations } from '@abad/core/schemas/drive';
import { h } from '../dom.ts';
import { allowedProvinces, type Session } from '../auth/session.ts';
import type { DriveJson } from '../types.ts';
import { compact } from './compact.ts';
import { dateField } from './date-field.ts';
import { selectField, textField, type Field } from './fields.ts';
import { controlForm } from './form-controller.ts';
import { crossFieldRules } from './rules.ts';
import { faText } from '../format/text.ts';

/** POST /drives (admins): a charity campaign; national when no province is chosen (needs all provinces). */
export function driveForm(session: Session): HTMLFormElement {
  const national = session.principal.provinces === '*';
  const name = textField({ name: 'name', label: 'نام پویش', required: true });
  const province = selectField({
    name: 'province',
    label: 'استان',
    required: !national,
    hint: national ? 'برای پویش سراسری خالی بگذارید' : undefined,
    options: allowedProvinces(session.principal).map((p) => ({ value: p.code, label: p.fa })),
    placeholder: national ? 'سراسری' : 'استان را انتخاب کنید',
  });
  const phase = textField({ name: 'phase', label: 'مرحله', hint: 'اختیاری' });
  const startDate = dateField({ name: 'startDate', label: 'تاریخ شروع', kind: 'date', required: true, today: true });
  const endDate = dateField({ name: 'endDate', label: 'تاریخ پایان', kind: 'date' });
  const submit = h('button', { type: 'submit' }, 'ثبت پویش');

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'پویش'), name.element, province.element, phase.element, startDate.element, endDate.element),
    h('div', { class: 'actions' }, submit),
  );

  const fields = (): Field[] => [name, province, phase, startDate, endDate];
  controlForm<typeof driveInput, DriveJson>({
    form,
    submit,
    schema: driveInput,
    fields,
    token: () => session.token,
    endpoint: () => '/drives',
    rules: crossFieldRules(driveInput, ['startDate', 'endDate'], driveRuleViolations),
    collect: () => compact({ name: name.value(), province: province.value(), phase: phase.value(), startDate: startDate.value(), endDate: endDate.value() }),
    success: (drive) => h('p', {}, `پویش «${faText(drive.name)}» ثبت شد.`),
    afterSuccess: () => {
      for (const field of [name, phase, endDate]) field.reset();
    },
  });
  return form;
}
