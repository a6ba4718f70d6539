import { can } from '@abad/core/auth/principal';
import { NATIONAL_CODE, isProvinceCode, provinceByCode } from '@abad/core/places/provinces';
import { PARTNER_ROLE_LABELS } from '@abad/core/schemas/partner';
import { getJson } from '../api.ts';
import { currentSession } from '../auth/session.ts';
import { loadIndicators, placeLabel } from '../catalogue.ts';
import { h, replaceChildren } from '../dom.ts';
import { faDate } from '../format/dates.ts';
import { faNumber, faPercent, faToman, toman } from '../format/numbers.ts';
import { faText } from '../format/text.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from '../forms/labels.ts';
import { progressForm } from '../forms/progress-form.ts';
import type { FiguresJson, IndicatorJson, ListResponse, PartnerJson, ProjectJson } from '../types.ts';
import { loadState } from './load-state.ts';
import { outputsTable } from './outputs-table.ts';
import { projectEditForm } from './project-edit.ts';
import type { View } from './view.ts';

/**
 * `#/project/{id}`: one project — its facts, its outputs as target against actual, its progress
 * history as a timeline (Persian dates, notes), its partners; an editor of its province reports
 * progress and corrects it from here.
 */
export interface ProgressReportJson {
  id: string;
  progressPercent: number;
  previousPercent: number;
  note?: string;
  reportedAt: string;
  createdBy: string;
  outputs?: { indicator: string; actual: number }[];
}

export function projectPage(id: string): View {
  return (main) => {
    const title = h('h1', { id: 'page-title', tabindex: '-1' }, 'پروژه');
    const breadcrumb = h('p', { class: 'breadcrumb' }, h('a', { href: '#/projects' }, 'فهرست پروژه‌ها'));
    const facts = h('dl', { class: 'facts', 'data-testid': 'project-facts' });
    const outputs = h('div', { 'data-testid': 'project-outputs' });
    const partners = h('div', { 'data-testid': 'project-partners' });
    const timeline = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
    const actions = h('div', { class: 'project-actions' });
    const content = h(
      'div',
      {},
      h('section', { 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, 'مشخصات'), facts),
      h('section', { 'aria-labelledby': 'outputs-title' }, h('h2', { id: 'outputs-title' }, 'خروجی‌ها: هدف و عملکرد'), outputs),
      h('section', { 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'تاریخچهٔ پیشرفت'), timeline),
      h('section', { 'aria-labelledby': 'partners-title' }, h('h2', { id: 'partners-title' }, 'نهادهای همکار'), partners),
      actions,
    );
    const state = loadState([content], 'اطلاعات پروژه');
    main.append(breadcrumb, title, state.element, content);

    let stopped = false;
    let retry: number | undefined;
    const load = async () => {
      window.clearTimeout(retry);
      try {
        const project = await getJson<ProjectJson>(`/projects/${encodeURIComponent(id)}`);
        const [reports, catalogue, partnerList] = await Promise.all([
          progressHistory(id),
          loadIndicators().catch((): IndicatorJson[] => []),
          partnerNames(project),
        ]);
        if (stopped) return;
        draw(project, reports, catalogue, partnerList);
        state.loaded();
      } catch (error) {
        if (stopped) return;
        state.failed(error);
        // A project that does not exist is not a passing failure: say so and stop asking.
        if ((error as { status?: number }).status === 404) {
          title.textContent = 'پروژه پیدا نشد';
          return;
        }
        retry = window.setTimeout(() => void load(), 5_000);
      }
    };

    const draw = (project: ProjectJson, reports: ProgressReportJson[], catalogue: IndicatorJson[], partnerList: Map<string, PartnerJson>) => {
      title.textContent = faText(project.title);
      document.title = `${title.textContent} — آباد`;
      const place = project.province === NATIONAL_CODE ? placeLabel(project) : `استان ${provinceByCode(project.province as never).fa}، ${placeLabel(project)}`;
      replaceChildren(
        breadcrumb,
        h('a', { href: '#/projects' }, 'فهرست پروژه‌ها'),
        ' › ',
        h(
          'a',
          { href: `#/projects?province=${project.province}` },
          isProvinceCode(project.province) ? `پروژه‌های ${provinceByCode(project.province).fa}` : 'پروژه‌های ملی',
        ),
      );
      const fact = (term: string, value: string | undefined, key?: string) =>
        value === undefined ? null : [h('dt', {}, term), h('dd', { 'data-fact': key }, value)];
      replaceChildren(
        facts,
        fact('برنامه', faText(project.programme), 'programme'),
        fact('نوع', `${CATEGORY_LABELS[project.category]}${project.subcategory ? ` — ${faText(project.subcategory)}` : ''}`, 'category'),
        fact('محل', `${place}${project.village ? `، روستای ${faText(project.village)}` : ''}`, 'place'),
        fact('وضعیت', STATUS_LABELS[project.status], 'status'),
        fact('پیشرفت فیزیکی', faPercent(project.progressPercent), 'progress'),
        fact('اعتبار', faToman(toman(project.budgetToman)), 'budget'),
        fact('تسهیلات', faToman(toman(project.loansToman)), 'loans'),
        fact('اشتغال ایجادشده', `${faNumber(project.jobsCreated)} نفر`, 'jobs'),
        fact('واحد مسکونی', faNumber(project.housingUnits), 'housing'),
        fact('خانوار بهره‌مند', faNumber(project.beneficiaryHouseholds), 'households'),
        fact('تاریخ شروع', project.startDate ? faDate(project.startDate) : undefined, 'startDate'),
        fact('تاریخ پایان پیش‌بینی‌شده', project.targetDate ? faDate(project.targetDate) : undefined, 'targetDate'),
        fact('ثبت', faDate(project.createdAt), 'createdAt'),
        fact('آخرین تغییر', `${faDate(project.updatedAt)} (نسخهٔ ${faNumber(project.version)})`, 'updatedAt'),
      );
      const asFigures: FiguresJson['outputs'] = Object.fromEntries(
        (project.outputs ?? []).map((o) => [o.indicator, { target: o.target ?? 0, actual: o.actual ?? 0, planned: 0 }]),
      );
      replaceChildren(
        outputs,
        outputsTable(asFigures, catalogue, 'خروجی‌های این پروژه') ?? h('p', { class: 'notice' }, 'برای این پروژه خروجی‌ای بر پایهٔ شاخص‌ها ثبت نشده است.'),
      );
      replaceChildren(
        timeline,
        reports.length
          ? reports.map((r) =>
              h(
                'li',
                { 'data-report': r.id },
                h('time', { datetime: r.reportedAt }, faDate(r.reportedAt)),
                h(
                  'p',
                  { class: 'timeline-progress' },
                  `پیشرفت از ${faPercent(r.previousPercent)} به ${faPercent(r.progressPercent)}`,
                  h('progress', { max: 100, value: r.progressPercent, 'aria-hidden': 'true' }),
                ),
                r.note ? h('p', { class: 'timeline-note' }, faText(r.note)) : null,
                r.outputs?.length
                  ? h(
                      'p',
                      { class: 'timeline-outputs' },
                      r.outputs.map((o) => `${catalogue.find((i) => i.code === o.indicator)?.fa ?? o.indicator}: ${faNumber(o.actual)}`).join('، '),
                    )
                  : null,
              ),
            )
          : h('li', { class: 'notice' }, 'هنوز گزارش پیشرفتی برای این پروژه ثبت نشده است.'),
      );
      replaceChildren(
        partners,
        project.partners?.length
          ? h(
              'ul',
              {},
              project.partners.map((ref) => {
                const known = partnerList.get(ref.partner);
                return h(
                  'li',
                  {},
                  known ? h('a', { href: `#/projects?partner=${encodeURIComponent(ref.partner)}` }, faText(known.name)) : ref.partner,
                  ` — ${PARTNER_ROLE_LABELS[ref.role]}`,
                );
              }),
            )
          : h('p', { class: 'notice' }, 'نهاد همکاری برای این پروژه ثبت نشده است.'),
      );
      drawActions(project);
    };

    /** Drawn once per version: a form the reader is typing in survives the page's own redraws. */
    let actionsVersion = -1;
    const drawActions = (project: ProjectJson) => {
      const session = currentSession();
      if (!session || !can(session.principal, 'project:write', project.province as never)) {
        replaceChildren(actions);
        actionsVersion = -1;
        return;
      }
      if (actionsVersion !== -1) return;
      actionsVersion = project.version;
      const progress = progressForm(session, { project, onRecorded: () => void load() });
      progress.setAttribute('aria-labelledby', 'report-title');
      const edit = projectEditForm(session, project, () => void load());
      replaceChildren(
        actions,
        h('section', { 'aria-labelledby': 'report-title' }, h('h2', { id: 'report-title' }, 'گزارش پیشرفت'), progress),
        h('details', { class: 'edit-project', 'data-testid': 'edit-project' }, h('summary', {}, h('h2', { id: 'edit-title' }, 'ویرایش پروژه')), edit),
      );
    };

    void load();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
    };
  };
}

/** Every progress report of the project, newest first. */
async function progressHistory(id: string): Promise<ProgressReportJson[]> {
  const found: ProgressReportJson[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await getJson<ListResponse<ProgressReportJson>>(
      `/projects/${encodeURIComponent(id)}/progress?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    found.push(...result.items);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found.sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

/** The project's partners by id (their names), read one by one: a project names a handful. */
async function partnerNames(project: ProjectJson): Promise<Map<string, PartnerJson>> {
  const entries = await Promise.all(
    (project.partners ?? []).map(
      async (ref) => [ref.partner, await getJson<PartnerJson>(`/partners/${encodeURIComponent(ref.partner)}`).catch(() => undefined)] as const,
    ),
  );
  return new Map(entries.filter((e): e is readonly [string, PartnerJson] => e[1] !== undefined));
}
