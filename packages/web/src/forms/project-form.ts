import { PROJECT_CATEGORIES, PROJECT_STATUSES, projectFields, projectInput, projectRuleViolations } from '@abad/core/schemas/project';
import { h } from '../dom.ts';
import type { Session } from '../auth/session.ts';
import { placeLabel } from '../catalogue.ts';
import { faText } from '../format/text.ts';
import type { ProjectJson } from '../types.ts';
import { compact } from './compact.ts';
import { dateField } from './date-field.ts';
import { amountField, countField, percentField, selectField, textField, type Field } from './fields.ts';
import { controlForm } from './form-controller.ts';
import { crossFieldRules } from './rules.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from './labels.ts';
import { outputsField } from './outputs-field.ts';
import { partnersField } from './partners-field.ts';
import { countyField, provinceField } from './shared-fields.ts';

/** POST /projects: a development project registered by a field office. */
export function projectForm(session: Session): HTMLFormElement {
  const title = textField({ name: 'title', label: 'عنوان پروژه', required: true });
  const category = selectField({
    name: 'category',
    label: 'نوع پروژه',
    required: true,
    options: PROJECT_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
    placeholder: 'نوع را انتخاب کنید',
  });
  const subcategory = textField({ name: 'subcategory', label: 'زیرگروه', hint: 'اختیاری، مثلاً «خیاطی»' });
  const programme = textField({ name: 'programme', label: 'برنامه', required: true, hint: 'طرح یا برنامه‌ای که پروژه زیر آن است' });
  const province = provinceField(session.principal);
  const county = countyField(province);
  const village = textField({ name: 'village', label: 'روستا', hint: 'اختیاری' });
  const villages = countField({ name: 'villages', label: 'تعداد روستاهای تحت پوشش', hint: 'اختیاری' });
  const ruralDistricts = countField({ name: 'ruralDistricts', label: 'تعداد دهستان‌های تحت پوشش', hint: 'اختیاری' });
  const status = selectField({
    name: 'status',
    label: 'وضعیت',
    required: true,
    options: PROJECT_STATUSES.filter((s) => s !== 'cancelled').map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  });
  const progress = percentField({ name: 'progressPercent', label: 'پیشرفت فیزیکی (درصد)', hint: 'از ۰ تا ۱۰۰' });
  const budget = amountField({ name: 'budgetToman', label: 'اعتبار (تومان)' });
  const loans = amountField({ name: 'loansToman', label: 'تسهیلات (تومان)' });
  const counterLabels = { jobsCreated: 'اشتغال ایجادشده (نفر)', housingUnits: 'واحد مسکونی', beneficiaryHouseholds: 'خانوار بهره‌مند' } as const;
  const jobs = countField({ name: 'jobsCreated', label: counterLabels.jobsCreated });
  const housing = countField({ name: 'housingUnits', label: counterLabels.housingUnits });
  const households = countField({ name: 'beneficiaryHouseholds', label: counterLabels.beneficiaryHouseholds });
  const quantity = countField({ name: 'quantity', label: 'مقدار', hint: 'اختیاری، همراه با واحد' });
  const unit = textField({ name: 'unit', label: 'واحد مقدار', hint: 'مثلاً «متر» یا «دستگاه»' });
  // A fixed counter's actual is entered once, in its own field above.
  const outputs = outputsField({
    name: 'outputs',
    label: 'خروجی‌ها بر پایهٔ شاخص‌ها',
    hint: 'اختیاری: آنچه پروژه تحویل می‌دهد، با هدف و مقدار محقق‌شده در واحد هر شاخص.',
    mode: 'project',
    fromField: (field) =>
      field === 'projects' ? 'هر پروژه خودش یکی شمرده می‌شود؛ فقط هدف را وارد کنید.' : `مقدار محقق‌شده از فیلد «${counterLabels[field]}» همین فرم خوانده می‌شود.`,
  });
  const partners = partnersField({ name: 'partners', label: 'نهادهای همکار', hint: 'اختیاری: مجری و تأمین‌کنندهٔ مالی پروژه.' });
  const startDate = dateField({ name: 'startDate', label: 'تاریخ شروع', kind: 'date' });
  const targetDate = dateField({ name: 'targetDate', label: 'تاریخ پایان پیش‌بینی‌شده', kind: 'date' });
  const submit = h('button', { type: 'submit' }, 'ثبت پروژه');

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('fieldset', { class: 'group' }, h('legend', {}, 'پروژه'), title.element, category.element, subcategory.element, programme.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'محل'), province.element, county.element, village.element, villages.element, ruralDistricts.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'وضعیت و پیشرفت'), status.element, progress.element, startDate.element, targetDate.element),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'اعتبار و اثر'),
      budget.element,
      loans.element,
      jobs.element,
      housing.element,
      households.element,
      quantity.element,
      unit.element,
    ),
    outputs.element,
    partners.element,
    h('div', { class: 'actions' }, submit),
  );

  const fields = (): Field[] => [
    title,
    category,
    subcategory,
    programme,
    province,
    county,
    village,
    villages,
    ruralDistricts,
    status,
    progress,
    startDate,
    targetDate,
    budget,
    loans,
    jobs,
    housing,
    households,
    quantity,
    unit,
    outputs,
    ...outputs.rowFields(),
    partners,
    ...partners.rowFields(),
  ];
  controlForm<typeof projectInput, ProjectJson>({
    form,
    submit,
    schema: projectInput,
    fields,
    token: () => session.token,
    endpoint: () => '/projects',
    rules: projectRules,
    collect: () =>
      compact({
        title: title.value(),
        category: category.value(),
        subcategory: subcategory.value(),
        programme: programme.value(),
        province: province.value(),
        county: county.value(),
        village: village.value(),
        villages: villages.value(),
        ruralDistricts: ruralDistricts.value(),
        status: status.value(),
        progressPercent: progress.value(),
        budgetToman: budget.value(),
        loansToman: loans.value(),
        jobsCreated: jobs.value(),
        housingUnits: housing.value(),
        beneficiaryHouseholds: households.value(),
        quantity: quantity.value(),
        unit: unit.value(),
        outputs: outputs.value(),
        partners: partners.value(),
        startDate: startDate.value(),
        targetDate: targetDate.value(),
      }),
    success: (p) =>
      h(
        'p',
        {},
        `پروژهٔ «${faText(p.title)}» در ${placeLabel(p)} ثبت شد. `,
        h('a', { href: `#/province/${p.province}` }, p.province === 'IR' ? 'آمار کل کشور' : 'آمار استان'),
      ),
    afterSuccess: () => {
      for (const field of [
        title,
        subcategory,
        village,
        villages,
        ruralDistricts,
        outputs,
        partners,
        progress,
        budget,
        loans,
        jobs,
        housing,
        households,
        quantity,
        unit,
        startDate,
        targetDate,
      ])
        field.reset();
    },
  });
  return form;
}

/** The project's rules across fields (a finished project at 100%, a quantity with its unit, the dates in order), even while other fields are wrong. */
const projectRules = crossFieldRules(projectFields, ['status', 'progressPercent', 'quantity', 'unit', 'startDate', 'targetDate'], projectRuleViolations);
