import { NATIONAL_PLACE, isProvinceCode, provinceByCode } from '@abad/core/places/provinces';
import { planInput, planRuleViolations } from '@abad/core/schemas/plan';
import { getJson } from '../api.ts';
import type { Session } from '../auth/session.ts';
import { loadIndicators, unitLabel } from '../catalogue.ts';
import { h, uid } from '../dom.ts';
import { faNumber } from '../format/numbers.ts';
import type { IndicatorJson, PlanJson } from '../types.ts';
import { compact } from './compact.ts';
import { dateField } from './date-field.ts';
import { selectField, textField, type Field } from './fields.ts';
import { controlForm } from './form-controller.ts';
import { crossFieldRules } from './rules.ts';
import { indicatorOptions, unitNumberField } from './outputs-field.ts';
import { provinceField } from './shared-fields.ts';
import { faText } from '../format/text.ts';

/**
 * POST /plans (admins): a programme's target for a province or the whole country over a
 * period, before any project exists — «سهم استان همدان از طرح ۴۰ هزار پروژه‌ای: ۱٬۰۴۰
 * پروژه». Only indicators that add up across places can be a target (not a percentage).
 */
export function planForm(session: Session): HTMLFormElement {
  const programmesId = uid('programmes');
  const programmeList = h('datalist', { id: programmesId });
  const programme = textField({
    name: 'programme',
    label: 'برنامه',
    required: true,
    list: programmesId,
    hint: 'نام طرح یا برنامه، همان‌گونه که پروژه‌ها آن را می‌نامند',
  });
  programme.element.append(programmeList);
  const province = provinceField(session.principal);
  const indicator = selectField({ name: 'indicator', label: 'شاخص', required: true, placeholder: 'در حال دریافت فهرست شاخص‌ها…' });
  const target = unitNumberField({ name: 'target', label: 'هدف', required: true });
  const from = dateField({ name: 'from', label: 'از تاریخ', kind: 'date', required: true, today: true });
  const to = dateField({ name: 'to', label: 'تا تاریخ', kind: 'date', required: true });
  const note = textField({ name: 'note', label: 'توضیح', hint: 'اختیاری' });
  const submit = h('button', { type: 'submit' }, 'ثبت هدف برنامه');

  let indicators: IndicatorJson[] = [];
  indicator.select.addEventListener('change', () => {
    const chosen = indicators.find((i) => i.code === indicator.select.value);
    target.setUnit(chosen ? unitLabel(chosen) : '');
  });
  void loadIndicators()
    .then((items) => {
      indicators = items.filter((i) => i.additive);
      indicator.setOptions(indicatorOptions(indicators), 'شاخص را انتخاب کنید');
    })
    .catch(() => indicator.setError('فهرست شاخص‌ها دریافت نشد؛ صفحه را دوباره باز کنید.'));
  // The programmes already on record, as suggestions: a plan names one the way its projects do.
  void getJson<{ items: { name: string }[] }>('/programmes')
    .then((list) => programmeList.replaceChildren(...list.items.map((p) => h('option', { value: p.name }))))
    .catch(() => {});

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'برنامه و محل'), programme.element, province.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'هدف'), indicator.element, target.element, from.element, to.element, note.element),
    h('div', { class: 'actions' }, submit),
  );

  const fields = (): Field[] => [programme, province, indicator, target, from, to, note];
  controlForm<typeof planInput, PlanJson>({
    form,
    submit,
    schema: planInput,
    fields,
    token: () => session.token,
    endpoint: () => '/plans',
    rules: crossFieldRules(planInput, ['from', 'to'], planRuleViolations),
    collect: () =>
      compact({
        programme: programme.value(),
        province: province.value(),
        indicator: indicator.value(),
        target: target.value(),
        from: from.value(),
        to: to.value(),
        note: note.value(),
      }),
    success: (plan) => {
      const place = isProvinceCode(plan.province) ? `استان ${provinceByCode(plan.province).fa}` : NATIONAL_PLACE.fa;
      const chosen = indicators.find((i) => i.code === plan.indicator);
      const what = chosen ? `${faText(chosen.fa)}: ${faNumber(plan.target)} ${unitLabel(chosen)}` : faNumber(plan.target);
      return h('p', {}, `هدف «${faText(plan.programme)}» برای ${place} ثبت شد (${what}).`);
    },
    afterSuccess: () => {
      for (const field of [target, note]) field.reset();
    },
  });
  return form;
}
