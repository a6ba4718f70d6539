import { PROJECT_STATUSES, projectPatch } from '@abad/core/schemas/project';
import { changeJson, getJson, type Problem } from '../api.ts';
import type { Session } from '../auth/session.ts';
import { h, replaceChildren } from '../dom.ts';
import { faNumber, faPercent, faToman, toman } from '../format/numbers.ts';
import { faText } from '../format/text.ts';
import { amountField, countField, selectField, textField, type Field, type InputField, type SelectField } from '../forms/fields.ts';
import { controlForm } from '../forms/form-controller.ts';
import { STATUS_LABELS } from '../forms/labels.ts';
import type { ProjectJson } from '../types.ts';

/**
 * A project's edit form on its own page: the fields a field office corrects, sent as a PATCH of
 * what changed with `If-Match` (the version the form was filled from). When someone else changed
 * the project in between, the API answers 412 and the form says «این طرح در این فاصله تغییر
 * کرده است», shows that other change field by field, keeps what the reader typed, and saves over
 * the new version only when asked again — never a lost edit.
 */
type Editable =
  | 'title'
  | 'subcategory'
  | 'programme'
  | 'village'
  | 'status'
  | 'budgetToman'
  | 'loansToman'
  | 'jobsCreated'
  | 'housingUnits'
  | 'beneficiaryHouseholds';

export const EDITABLE_LABELS: Record<Editable, string> = {
  title: 'عنوان پروژه',
  subcategory: 'زیرگروه',
  programme: 'برنامه',
  village: 'روستا',
  status: 'وضعیت',
  budgetToman: 'اعتبار (تومان)',
  loansToman: 'تسهیلات (تومان)',
  jobsCreated: 'اشتغال ایجادشده (نفر)',
  housingUnits: 'واحد مسکونی',
  beneficiaryHouseholds: 'خانوار بهره‌مند',
};

/** A field's value as the page shows it. */
export function shownValue(key: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (key === 'status') return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? String(value);
  if (key.endsWith('Toman')) return faToman(toman(value as string));
  if (key === 'progressPercent') return faPercent(Number(value));
  if (typeof value === 'number') return faNumber(value);
  return faText(String(value));
}

export function projectEditForm(session: Session, start: ProjectJson, onSaved: (project: ProjectJson) => void): HTMLFormElement {
  let base = start;
  const fields: Record<Editable, InputField | SelectField> = {
    title: textField({ name: 'title', label: EDITABLE_LABELS.title, required: true }),
    subcategory: textField({ name: 'subcategory', label: EDITABLE_LABELS.subcategory }),
    programme: textField({ name: 'programme', label: EDITABLE_LABELS.programme, required: true }),
    village: textField({ name: 'village', label: EDITABLE_LABELS.village }),
    status: selectField({
      name: 'status',
      label: EDITABLE_LABELS.status,
      required: true,
      options: PROJECT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    }),
    budgetToman: amountField({ name: 'budgetToman', label: EDITABLE_LABELS.budgetToman }),
    loansToman: amountField({ name: 'loansToman', label: EDITABLE_LABELS.loansToman }),
    jobsCreated: countField({ name: 'jobsCreated', label: EDITABLE_LABELS.jobsCreated }),
    housingUnits: countField({ name: 'housingUnits', label: EDITABLE_LABELS.housingUnits }),
    beneficiaryHouseholds: countField({ name: 'beneficiaryHouseholds', label: EDITABLE_LABELS.beneficiaryHouseholds }),
  };
  const keys = Object.keys(fields) as Editable[];
  const text = (project: ProjectJson, key: Editable) => {
    const value = project[key];
    return value === undefined ? '' : String(value);
  };
  const set = (key: Editable, project: ProjectJson) => {
    const field = fields[key];
    const control = 'input' in field ? field.input : field.select;
    control.value = text(project, key);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const typed = (key: Editable) => fields[key].value() ?? '';
  const submit = h('button', { type: 'submit' }, 'ذخیرهٔ تغییرها');
  const conflict = h('div', { class: 'conflict', 'data-testid': 'conflict', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'edit-title' },
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'پروژه'),
      keys.slice(0, 5).map((k) => fields[k].element),
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'اعتبار و اثر'),
      keys.slice(5).map((k) => fields[k].element),
    ),
    conflict,
    h('div', { class: 'actions' }, submit),
  );
  for (const key of keys) set(key, start);

  /** What the reader changed against the version they started from. */
  const collect = () => {
    const patch: Record<string, unknown> = {};
    for (const key of keys) if (typed(key) !== text(base, key)) patch[key] = typed(key) || undefined;
    return patch;
  };

  controlForm<typeof projectPatch, ProjectJson>({
    form,
    submit,
    schema: projectPatch,
    fields: (): Field[] => keys.map((k) => fields[k]),
    token: () => session.token,
    endpoint: () => `/projects/${encodeURIComponent(base.id)}`,
    collect,
    send: (endpoint, body, token) => changeJson<ProjectJson>('PATCH', endpoint, body, { token, version: base.version }),
    explain: (problem: Problem) => {
      if (problem.status !== 412) return false;
      void showConflict();
      return true;
    },
    success: (project) => {
      base = project;
      conflict.hidden = true;
      onSaved(project);
      return h('p', {}, `تغییرهای «${faText(project.title)}» ذخیره شد (نسخهٔ ${faNumber(project.version)}).`);
    },
  });

  /** Someone saved first: show their change beside the reader's, and take their version as the new base. */
  async function showConflict() {
    const current = await getJson<ProjectJson>(`/projects/${encodeURIComponent(base.id)}`, session.token).catch(() => undefined);
    conflict.hidden = false;
    if (!current) {
      replaceChildren(conflict, h('p', {}, h('strong', {}, 'این طرح در این فاصله تغییر کرده است'), '، اما نسخهٔ تازه‌اش خوانده نشد؛ دوباره «ذخیره» را بزنید.'));
      return;
    }
    const theirs = keys.filter((k) => text(current, k) !== text(base, k));
    const yours = Object.keys(collect()) as Editable[];
    replaceChildren(
      conflict,
      h(
        'p',
        {},
        h('strong', {}, 'این طرح در این فاصله تغییر کرده است.'),
        ` کس دیگری نسخهٔ ${faNumber(current.version)} را ذخیره کرد؛ تغییر شما هنوز ذخیره نشده و در فرم مانده است.`,
      ),
      theirs.length
        ? h(
            'table',
            { class: 'figures-table' },
            h('caption', {}, 'تغییر دیگران'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['فیلد', 'پیش‌تر', 'اکنون', 'مقدار شما'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              theirs.map((k) =>
                h(
                  'tr',
                  { 'data-changed': k },
                  h('th', { scope: 'row' }, EDITABLE_LABELS[k]),
                  h('td', {}, shownValue(k, base[k])),
                  h('td', {}, shownValue(k, current[k])),
                  h('td', {}, yours.includes(k) ? shownValue(k, typed(k)) : 'بدون تغییر'),
                ),
              ),
            ),
          )
        : h('p', {}, 'تغییر دیگران در فیلدهای دیگری جز این فرم بود (مانند گزارش پیشرفت).'),
      h('p', {}, 'اگر می‌خواهید تغییر شما روی نسخهٔ تازه بنشیند، دوباره «ذخیرهٔ تغییرها» را بزنید.'),
    );
    // The next save is made against the version the reader has now seen: the fields the reader
    // left alone take the other change, so saving again sends only the reader's own changes.
    for (const key of keys) if (!yours.includes(key)) set(key, current);
    base = current;
    conflict.focus();
  }
  conflict.tabIndex = -1;
  return form;
}
