import { DISTRIBUTION_KINDS, DISTRIBUTION_KIND_LABELS, distributionInput, distributionRuleViolations } from '@abad/core/schemas/distribution';
import { h } from '../dom.ts';
import type { Session } from '../auth/session.ts';
import { faNumber } from '../format/numbers.ts';
import { placeLabel } from '../catalogue.ts';
import type { DistributionJson } from '../types.ts';
import { compact } from './compact.ts';
import { dateField } from './date-field.ts';
import { amountField, countField, selectField, textField, type Field } from './fields.ts';
import { controlForm } from './form-controller.ts';
import { crossFieldRules } from './rules.ts';
import { receiptNumber } from '../views/receipt.ts';
import { goodsField } from './goods-field.ts';
import { partnersField } from './partners-field.ts';
import { countyField, driveField, provinceField } from './shared-fields.ts';

/** POST /distributions: packages handed to households in one county. */
export function distributionForm(session: Session): HTMLFormElement {
  const province = provinceField(session.principal);
  const drive = driveField(province);
  const county = countyField(province);
  const kind = selectField({
    name: 'kind',
    label: 'نوع بسته',
    required: true,
    options: DISTRIBUTION_KINDS.map((k) => ({ value: k, label: DISTRIBUTION_KIND_LABELS[k] })),
  });
  const packages = countField({ name: 'packages', label: 'تعداد بسته', hint: 'اگر تعداد معلوم نیست خالی بگذارید' });
  const households = countField({ name: 'households', label: 'تعداد خانوار', required: true });
  const value = amountField({ name: 'valueToman', label: 'ارزش کل (تومان)', hint: 'اختیاری' });
  const items = goodsField({ name: 'items', label: 'اقلام هر بسته (اختیاری)' });
  const phase = textField({ name: 'phase', label: 'مرحله', hint: 'اختیاری، مثلاً «مرحلهٔ دوم»' });
  const partners = partnersField({ name: 'partners', label: 'نهادهای همکار', hint: 'اختیاری: چه نهادی توزیع کرد و چه نهادی هزینه را داد.' });
  const distributedAt = dateField({ name: 'distributedAt', label: 'تاریخ توزیع', kind: 'moment', today: true });
  const submit = h('button', { type: 'submit' }, 'ثبت توزیع');

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'کجا و برای کدام پویش'), province.element, county.element, drive.element, phase.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'توزیع'), kind.element, packages.element, households.element, value.element, distributedAt.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'اقلام'), items.element),
    partners.element,
    h('div', { class: 'actions' }, submit),
  );

  const fields = (): Field[] => [
    province,
    drive,
    county,
    phase,
    kind,
    packages,
    households,
    value,
    distributedAt,
    items,
    ...items.rowFields(),
    partners,
    ...partners.rowFields(),
  ];
  controlForm<typeof distributionInput, DistributionJson>({
    form,
    submit,
    schema: distributionInput,
    fields,
    token: () => session.token,
    endpoint: () => '/distributions',
    rules: crossFieldRules(distributionInput, ['packages'], distributionRuleViolations),
    collect: () =>
      compact({
        driveId: drive.value(),
        province: province.value(),
        county: county.value(),
        kind: kind.value(),
        packages: packages.value(),
        households: households.value(),
        valueToman: value.value(),
        items: items.value(),
        phase: phase.value(),
        partners: partners.value(),
        distributedAt: distributedAt.value(),
      }),
    success: (d) =>
      h(
        'div',
        {},
        h('p', {}, `توزیع ${d.packages === undefined ? '' : `${faNumber(d.packages)} بسته `}میان ${faNumber(d.households)} خانوار در ${placeLabel(d)} ثبت شد.`),
        receiptNumber(d.id),
      ),
    afterSuccess: () => {
      for (const field of [packages, households, value, items, partners]) field.reset();
    },
  });
  return form;
}
