import { DONATION_KIND_LABELS, DONATION_KINDS, donationInput, donationRuleViolations } from '@abad/core/schemas/donation';
import { h } from '../dom.ts';
import type { Session } from '../auth/session.ts';
import { tomanInWords, toman } from '../format/numbers.ts';
import { placeLabel } from '../catalogue.ts';
import { faDigits } from '../format/text.ts';
import type { DonationJson } from '../types.ts';
import { dateField } from './date-field.ts';
import { amountField, checkboxField, radioField, textField, type Field } from './fields.ts';
import { compact } from './compact.ts';
import { controlForm } from './form-controller.ts';
import { crossFieldRules } from './rules.ts';
import { receiptNumber } from '../views/receipt.ts';
import { goodsField } from './goods-field.ts';
import { countyField, driveField, provinceField } from './shared-fields.ts';

/** POST /donations: cash, or goods listed with their estimated value. */
export function donationForm(session: Session): HTMLFormElement {
  const province = provinceField(session.principal);
  const drive = driveField(province);
  const county = countyField(province);
  const kind = radioField({
    name: 'kind',
    label: 'نوع کمک',
    options: DONATION_KINDS.map((k) => ({ value: k, label: DONATION_KIND_LABELS[k] })),
    initial: 'cash',
  });
  const amount = amountField({ name: 'amountToman', label: 'مبلغ (تومان)', required: true, hint: 'با رقم فارسی یا لاتین، با یا بی جداکننده' });
  const items = goodsField({ name: 'items', label: 'اقلام اهدایی' });
  const channel = textField({ name: 'channel', label: 'محل دریافت', required: true, hint: 'مسجد، مدرسه، حساب بانکی یا دفتر خیریه' });
  const donorName = textField({ name: 'donor.name', label: 'نام اهداکننده', autocomplete: 'off' });
  const donorPhone = textField(
    {
      name: 'donor.phone',
      label: 'تلفن اهداکننده',
      inputMode: 'tel',
      ltr: true,
      hint: 'همراه: ۰۹ و ۹ رقم دیگر (مثلاً ۰۹۱۲۱۲۳۴۵۶۷)؛ ثابت: با کد شهر (مثلاً ۰۲۱۸۸۷۷۶۶۵۵). با رقم فارسی یا لاتین، با یا بی فاصله.',
    },
    // What was typed, in Persian digits, kept left to right (an isolate) inside the Persian line.
    (text) => `\u2066${faDigits(text.trim())}\u2069`,
  );
  const anonymous = checkboxField({ name: 'donor.anonymous', label: 'اهداکننده نمی‌خواهد نامش دیده شود' });
  const receivedAt = dateField({ name: 'receivedAt', label: 'تاریخ دریافت', kind: 'moment', today: true });
  const submit = h('button', { type: 'submit' }, 'ثبت کمک');

  const syncKind = () => {
    const inKind = kind.value() === 'in_kind';
    items.element.hidden = !inKind;
    if (inKind) items.ensureRow();
    amount.element.querySelector('label')!.firstChild!.textContent = inKind ? 'ارزش تخمینی اقلام (تومان)' : 'مبلغ (تومان)';
  };
  for (const input of kind.inputs) input.addEventListener('change', syncKind);

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'کجا و برای کدام پویش'), province.element, county.element, drive.element, channel.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'کمک'), kind.element, amount.element, items.element, receivedAt.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'اهداکننده (اختیاری)'), donorName.element, donorPhone.element, anonymous.element),
    h('div', { class: 'actions' }, submit),
  );
  syncKind();

  const fields = (): Field[] => [province, drive, county, channel, kind, amount, items, ...items.rowFields(), receivedAt, donorName, donorPhone, anonymous];
  controlForm<typeof donationInput, DonationJson>({
    form,
    submit,
    schema: donationInput,
    fields,
    token: () => session.token,
    endpoint: () => '/donations',
    rules: crossFieldRules(donationInput, ['kind', 'amountToman', 'items'], donationRuleViolations),
    collect: () => {
      const inKind = kind.value() === 'in_kind';
      const donor = { name: donorName.value(), phone: donorPhone.value(), anonymous: anonymous.value() || undefined };
      return compact({
        driveId: drive.value(),
        province: province.value(),
        county: county.value(),
        kind: kind.value(),
        amountToman: amount.value(),
        items: inKind ? items.value() : undefined,
        channel: channel.value(),
        donor: donor.name || donor.phone || donor.anonymous ? compact(donor) : undefined,
        receivedAt: receivedAt.value(),
      });
    },
    success: (donation) =>
      h('div', {}, h('p', {}, `کمک ${tomanInWords(toman(donation.amountToman))} در ${placeLabel(donation)} ثبت شد.`), receiptNumber(donation.id)),
    afterSuccess: () => {
      for (const field of [amount, items, donorName, donorPhone, anonymous]) field.reset();
      syncKind();
    },
  });
  return form;
}
