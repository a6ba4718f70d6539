import { progressReportInput } from '@abad/core/schemas/progress';
import { getJson } from '../api.ts';
import { placeLabel } from '../catalogue.ts';
import { h } from '../dom.ts';
import type { Session } from '../auth/session.ts';
import { faPercent } from '../format/numbers.ts';
import { faText } from '../format/text.ts';
import type { ListResponse, ProjectJson } from '../types.ts';
import { compact } from './compact.ts';
import { dateField } from './date-field.ts';
import { percentField, selectField, textField, type Field } from './fields.ts';
import { controlForm } from './form-controller.ts';
import { outputsField } from './outputs-field.ts';
import { provinceField } from './shared-fields.ts';

/**
 * POST /projects/{id}/progress: a field report of physical progress. On a project's own page
 * the project is given (`fixed`): no province or project to choose, and `onRecorded` redraws it.
 */
export function progressForm(session: Session, fixed?: { project: ProjectJson; onRecorded: () => void }): HTMLFormElement {
  const province = provinceField(session.principal);
  const project = selectField({ name: 'project', label: 'پروژه', required: true, placeholder: 'پروژه را انتخاب کنید' });
  const progress = percentField({ name: 'progressPercent', label: 'پیشرفت فیزیکی (درصد)', required: true, hint: 'از ۰ تا ۱۰۰؛ مثلاً ۸۲٫۵' });
  const note = textField({ name: 'note', label: 'توضیح', hint: 'اختیاری' });
  const reportedAt = dateField({ name: 'reportedAt', label: 'تاریخ بازدید', kind: 'moment', today: true });
  const outputs = outputsField({
    name: 'outputs',
    label: 'مقدار محقق‌شدهٔ شاخص‌ها',
    hint: 'اختیاری: هر مقدار جای مقدار پیشین همان شاخص در پروژه می‌نشیند.',
    mode: 'report',
  });
  const submit = h('button', { type: 'submit' }, 'ثبت گزارش پیشرفت');

  const loadProjects = async () => {
    const code = province.value();
    if (!code) return project.setOptions([], 'نخست استان را انتخاب کنید');
    try {
      const page = await getJson<ListResponse<ProjectJson>>(`/projects?province=${code}&limit=100`);
      if (province.value() !== code) return;
      const open = page.items.filter((p) => p.status !== 'cancelled');
      project.setOptions(
        open.map((p) => ({ value: p.id, label: `${faText(p.title)} — ${placeLabel(p)} (${faPercent(p.progressPercent)})` })),
        open.length ? 'پروژه را انتخاب کنید' : 'پروژه‌ای در این استان ثبت نشده است',
      );
    } catch {
      project.setError('فهرست پروژه‌ها دریافت نشد؛ صفحه را دوباره باز کنید.');
    }
  };
  if (!fixed) {
    province.select.addEventListener('change', () => void loadProjects());
    void loadProjects();
  }

  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    fixed ? null : h('fieldset', { class: 'group' }, h('legend', {}, 'پروژه'), province.element, project.element),
    h('fieldset', { class: 'group' }, h('legend', {}, 'گزارش'), progress.element, reportedAt.element, note.element),
    outputs.element,
    h('div', { class: 'actions' }, submit),
  );

  const fields = (): Field[] => [...(fixed ? [] : [province, project]), progress, reportedAt, note, outputs, ...outputs.rowFields()];
  controlForm<typeof progressReportInput, { report: { progressPercent: number }; project: ProjectJson }>({
    form,
    submit,
    schema: progressReportInput,
    fields,
    token: () => session.token,
    endpoint: () => {
      const id = fixed?.project.id ?? project.value();
      return id ? `/projects/${encodeURIComponent(id)}/progress` : { field: 'project', message: 'پروژه را انتخاب کنید' };
    },
    collect: () => compact({ progressPercent: progress.value(), note: note.value(), reportedAt: reportedAt.value(), outputs: outputs.value() }),
    success: ({ report, project: p }) => h('p', {}, `پیشرفت ${faPercent(report.progressPercent)} برای «${faText(p.title)}» ثبت شد.`),
    afterSuccess: () => {
      for (const field of [progress, note, outputs]) field.reset();
      if (fixed) fixed.onRecorded();
      else void loadProjects();
    },
  });
  return form;
}
