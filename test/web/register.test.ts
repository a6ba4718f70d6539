import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { projectBody, unique } from '../support/fixtures.ts';
import { PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';

/**
 * The project register (`#/projects`), a project's page (`#/project/{id}`) and the dashboard's
 * state in its address, in Chromium against the real API: search in any spelling, filters in the
 * address, paging, exports of exactly the filtered list, the timeline in the Persian calendar,
 * progress reported from the page, and an edit that meets someone else's change.
 */
let browser: Browser;
let editor: string;
const tag = unique('reg').split(' ')[1]!;
const programme = `برنامهٔ دفتر ثبت ${tag}`;
const tailorTitle = `کارگاه خیاطی یاسمن ${tag}`;
const ids: string[] = [];

const fa = new Intl.NumberFormat('fa-IR');
const longDate = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'long', timeZone: 'Asia/Tehran' });
/** The page's state as its address holds it (the hash's query). */
const addressed = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const rows = (page: Page) => page.getByTestId('register-table').locator('tbody tr');

beforeAll(async () => {
  ensureSiteBuilt();
  [browser, editor] = await Promise.all([launchChromium(), tokenFor('editor', ['IR-24'])]);
  // 27 projects of one programme: more than a page of 25; 3 of them completed; one tailoring workshop.
  for (let i = 0; i < 27; i++) {
    const body = projectBody('IR-24', {
      programme,
      title: i === 0 ? tailorTitle : `بازسازی خانهٔ مددجو ${tag} ${i}`,
      ...(i < 3 ? { status: 'completed', progressPercent: 100 } : {}),
      startDate: '2025-04-10',
    });
    const response = await api('/projects', { token: editor, body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    ids.push(response.body.id);
  }
}, 120_000);

const open = pagesIn(() => browser);

describe('the project register', () => {
  it('finds a project by any spelling of its title, filters by status, keeps the filters in the address, pages, and exports exactly the list', async () => {
    const { page, errors } = await open(`#/projects?programme=${encodeURIComponent(programme)}`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(25);
    await page.getByRole('button', { name: 'صفحهٔ بعد' }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await page.locator('.page-label').textContent()).toBe('صفحهٔ ۲');
    await page.getByRole('button', { name: 'صفحهٔ قبل' }).click();
    await expect.poll(() => rows(page).count()).toBe(25);

    // Typed as an Arabic keyboard writes it (ي، ك) and with a zero-width non-joiner: the same name key.
    await page.getByLabel('جست‌وجو در عنوان').fill('كارگاه خياطي');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('کارگاه خیاطی یاسمن');
    expect(addressed(page).get('q')).toBe('كارگاه خياطي');

    // The address is the view: opened afresh, it shows the same filter and the same row.
    const link = page.url();
    const again = await open(link.slice(link.indexOf('#')));
    await expect.poll(() => rows(again.page).count()).toBe(1);
    expect(await again.page.getByLabel('جست‌وجو در عنوان').inputValue()).toBe('كارگاه خياطي');

    await page.getByLabel('جست‌وجو در عنوان').fill('');
    await page.getByLabel('وضعیت').selectOption('completed');
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(addressed(page).get('status')).toBe('completed');

    // The exports carry exactly these filters: three projects, Persian headers, UTF-8 with BOM.
    const csvHref = await page.locator('[data-export="csv"]').getAttribute('href');
    expect(csvHref).toContain('status=completed');
    const csv = await page.request.get(new URL(csvHref!, page.url()).toString());
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split(/\r\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('عنوان');
    const xlsx = await page.request.get(new URL((await page.locator('[data-export="xlsx"]').getAttribute('href'))!, page.url()).toString());
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'register-desktop');
    expect(errors).toEqual([]);
  }, 90_000);

  it('works from the keyboard alone and at phone width', async () => {
    const { page } = await open(`#/projects?programme=${encodeURIComponent(programme)}`, { viewport: PHONE });
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(25);
    await page.getByLabel('جست‌وجو در عنوان').focus();
    await page.keyboard.type('یاسمن');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'register-phone');
    // Tab to the project's link and open it with Enter.
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.closest('tbody') !== null)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('project-facts').waitFor();
    expect(await page.locator('#page-title').textContent()).toContain('کارگاه خیاطی یاسمن');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-phone');
  }, 60_000);
});

describe("a project's page", () => {
  it('shows its facts, outputs, partners and progress timeline in the Persian calendar; an editor reports progress from it', async () => {
    const admin = await tokenFor('admin', '*');
    const partner = await api('/partners', { token: admin, body: { name: `بنیاد برکت ${tag}`, kind: 'charity' } });
    expect(partner.status, JSON.stringify(partner.body)).toBe(201);
    const created = await api('/projects', {
      token: editor,
      body: projectBody('IR-24', {
        programme: `${programme} دوم`,
        title: `کارگاه فرش ${tag}`,
        category: 'workshop',
        outputs: [{ indicator: 'workshops', target: 10 }],
        partners: [{ partner: partner.body.id, role: 'funding' }],
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const [percent, note, reportedAt] of [
      [20, 'پی‌ریزی تمام شد', '2026-05-10T09:00:00+03:30'],
      [45, 'دیوارچینی نیمه‌کاره', '2026-08-02T09:00:00+03:30'],
    ] as const) {
      const r = await api(`/projects/${id}/progress`, {
        token: editor,
        body: { progressPercent: percent, note, reportedAt, outputs: [{ indicator: 'workshops', actual: percent / 5 }] },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }

    const { page, errors } = await open(`#/project/${id}`, { token: editor });
    await page.getByTestId('timeline').locator('li').nth(1).waitFor({ timeout: 15_000 });
    expect(await page.locator('#page-title').textContent()).toBe(`کارگاه فرش ${tag}`.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    expect(await page.locator('[data-fact="budget"]').textContent()).toBe('۶۲\u00a0میلیارد تومان');
    const timeline = page.getByTestId('timeline').locator('li');
    expect(await timeline.count()).toBe(2);
    // Newest first, dated in the Persian calendar, with its note.
    expect(await timeline.nth(0).locator('time').textContent()).toBe(longDate.format(new Date('2026-08-02T09:00:00+03:30')));
    expect(await timeline.nth(0).textContent()).toContain('دیوارچینی نیمه‌کاره');
    expect(await timeline.nth(0).textContent()).toContain(`پیشرفت از ${fa.format(20)}٪ به ${fa.format(45)}٪`);
    expect(await page.getByTestId('project-outputs').textContent()).toContain('کارگاه تولیدی');
    expect(await page.getByTestId('project-partners').textContent()).toContain(`بنیاد برکت`);

    await page.getByLabel('پیشرفت فیزیکی (درصد)').fill('۶۰');
    await page.getByRole('button', { name: 'ثبت گزارش پیشرفت' }).click();
    await expect.poll(() => timeline.count(), { timeout: 15_000 }).toBe(3);
    expect(await page.locator('[data-fact="progress"]').textContent()).toBe('۶۰٪');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-desktop');
    expect(errors).toEqual([]);
  }, 60_000);

  it('an edit that meets a change saved in between says so, shows the other change, and saves both — no lost edit', async () => {
    const id = ids[5]!;
    const { page } = await open(`#/project/${id}`, { token: editor });
    await page.getByTestId('edit-project').locator('summary').click();
    const title = page.getByTestId('edit-project').getByLabel('عنوان پروژه');
    await title.fill(`عنوان تازه ${tag}`);

    // Meanwhile another editor changes the budget.
    const current = await api(`/projects/${id}`);
    const theirs = await api(`/projects/${id}`, {
      method: 'PATCH',
      token: editor,
      headers: { 'if-match': `"${current.body.version}"` },
      body: { budgetToman: '70000000000' },
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);

    await page.getByRole('button', { name: 'ذخیرهٔ تغییرها' }).click();
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('این طرح در این فاصله تغییر کرده است');
    expect(await conflict.locator('[data-changed="budgetToman"]').textContent()).toContain('۷۰\u00a0میلیارد تومان');
    expect(await title.inputValue()).toBe(`عنوان تازه ${tag}`);
    // Nothing of the reader's was written yet.
    expect((await api(`/projects/${id}`)).body.title).not.toContain('عنوان تازه');

    await page.getByRole('button', { name: 'ذخیرهٔ تغییرها' }).click();
    await page.getByTestId('form-status').filter({ hasText: 'ذخیره شد' }).waitFor();
    const saved = (await api(`/projects/${id}`)).body;
    expect(saved.title).toBe(`عنوان تازه ${tag}`);
    expect(saved.budgetToman).toBe('70000000000');
  }, 60_000);
});

describe("the dashboard's address", () => {
  it('holds the chosen figure, the order and the slice, so a link shows the same view; the map has a legend of values', async () => {
    const { page } = await open('#/?figure=budget&sort=jobs-desc');
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('شاخص نقشه').inputValue()).toBe('budget');
    expect(await page.locator('th[data-sort-key="jobs"]').getAttribute('aria-sort')).toBe('descending');
    await page.locator('th[data-sort-key="projects"] button').click();
    expect(addressed(page).get('sort')).toBe('projects-desc');

    await page.getByTestId('map-legend').locator('li').nth(1).waitFor({ timeout: 15_000 });
    const legend = await page.getByTestId('map-legend').locator('li').allTextContents();
    expect(legend[0]).toContain('صفر');
    expect(legend.at(-1)).toMatch(/[۰-۹]/);

    // The slice controls are folded until used.
    expect(await page.getByLabel('برنامه').isVisible()).toBe(false);
    await page.locator('.filters-box summary').click();
    await page.getByLabel('برنامه').selectOption(programme);
    await expect.poll(() => addressed(page).get('programme')).toBe(programme);
    await page.getByTestId('slice-note').waitFor();
    expect(await page.getByTestId('slice-note').textContent()).toContain(programme.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
    const sliced = await eventually(
      async () => (await api(`/provinces?programme=${encodeURIComponent(programme)}`)).body,
      (body) => body.national?.projects.total >= 27,
      30_000,
    );
    expect(sliced.national.projects.total).toBe(27);
    await expect.poll(() => page.getByTestId('figure-projects').textContent(), { timeout: 10_000 }).toBe(fa.format(27));
    // The address holds the slice: opened afresh, the same figures, the slice controls open.
    const again = await open(page.url().slice(page.url().indexOf('#')));
    await expect.poll(() => again.page.getByTestId('figure-projects').textContent(), { timeout: 10_000 }).toBe(fa.format(27));
    expect(await again.page.getByLabel('برنامه').inputValue()).toBe(programme);
    expect(await again.page.getByLabel('شاخص نقشه').inputValue()).toBe('budget');
  }, 60_000);

  it("a province page's slice is in its address too, and the page says what the slice leaves out", async () => {
    const { page } = await open('#/province/IR-24?category=housing');
    await page.getByTestId('slice-note').waitFor({ timeout: 15_000 });
    const sliced = await eventually(
      async () => (await api('/provinces/IR-24?category=housing')).body,
      (body) => body.projects?.total >= 27,
      30_000,
    );
    await expect.poll(() => page.getByTestId('figure-projects').textContent(), { timeout: 10_000 }).toBe(fa.format(sliced.projects.total));
    expect(await page.getByTestId('slice-note').textContent()).toContain('پروژه‌های مسکن محرومان');
    // A category keeps no outputs: said as such, not as «nothing recorded».
    expect(sliced.slice.without).toContain('outputs');
    expect(await page.getByTestId('outputs').getByTestId('not-in-slice').isVisible()).toBe(true);
    expect(await page.locator('.filters-box').getAttribute('open')).not.toBeNull();
  }, 60_000);

  it('a link to the page without its state draws it afresh, though the page wrote its state into the address itself', async () => {
    const { page } = await open('#/');
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.getByLabel('شاخص نقشه').selectOption('budget');
    expect(addressed(page).get('figure')).toBe('budget');
    await page.getByRole('navigation', { name: 'پیوندهای اصلی' }).getByRole('link', { name: 'آمار استان‌ها' }).click();
    await expect.poll(() => page.getByLabel('شاخص نقشه').inputValue()).toBe('projects');
    expect(addressed(page).get('figure')).toBeNull();
  }, 60_000);
});
