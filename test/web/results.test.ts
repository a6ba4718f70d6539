import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNITS } from '@abad/core/indicators/catalogue';
import { WHOLE_PROVINCE_LABEL, countiesOf } from '@abad/core/places/counties';
import { NATIONAL_PLACE } from '@abad/core/places/provinces';
import { nameKey } from '@abad/core/text/name-key';
import { ruleMessage } from '@abad/core/validation/messages';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { unique } from '../support/fixtures.ts';
import { DESKTOP, PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';
import { control, countPosts, errorOf, forceOption, pickDate } from './support/forms.ts';

/**
 * Results in the browser: a project's outputs (indicators with their units) and partners, the
 * county as a choice among the catalogue's counties, a programme's plan set by an admin, the
 * province page's programmes (target against actual, as a percentage) and catalogue counties,
 * and the country's own row («کل کشور») on the dashboard and its own page.
 */
let browser: Browser;
let admin: string;
let partnerId = '';
let partnerName = '';
const tag = unique('r').split(' ')[1]!;
/** The programme the project form and the plan form share; the province page shows it. */
const programme = `آبرسانی و راه روستایی ${tag}`;
const projectTitle = `راه روستای گیان ${tag}`;
let projectId = '';

const fa = new Intl.NumberFormat('fa-IR');
const faPercent = (n: number) => `${new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 }).format(n)}٪`;
const KM = UNITS.kilometre.fa;
/** Stored text as the pages show it: Latin digits (the tags) as Persian ones. */
const shown = (text: string) => text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

beforeAll(async () => {
  ensureSiteBuilt();
  [browser, admin] = await Promise.all([launchChromium(), tokenFor('admin', '*')]);
  partnerName = `بنیاد مسکن همدان ${tag}`;
  const partner = await api('/partners', { token: admin, body: { name: partnerName, kind: 'government' } });
  expect(partner.status).toBe(201);
  partnerId = partner.body.id;
});

/** Pages of this file: closed after each test, the browser after the file. */
const open = pagesIn(() => browser);

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

const visibleError = async (page: Page, name: string) => {
  await errorOf(page, name).waitFor({ state: 'visible' });
  return errorOf(page, name).textContent();
};

describe('the project form: county, outputs and partners', () => {
  it('offers the catalogue counties, shows each output in its unit, places every message by its row, and writes the project', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const { page, errors } = await open('#/forms/project', { token: editor });
    const posts = countPosts(page, '/projects');

    // The county is a choice: «کل استان» and Hamadan's counties as the catalogue lists them.
    const counties = await control(page, 'county').locator('option').allTextContents();
    expect(counties).toEqual([WHOLE_PROVINCE_LABEL, ...countiesOf('IR-13').map((c) => c.name)]);

    await control(page, 'title').fill(projectTitle);
    await control(page, 'category').selectOption('roads');
    await control(page, 'programme').fill(programme);
    await control(page, 'county').selectOption({ label: 'نهاوند' });
    await control(page, 'villages').fill('۳');
    await control(page, 'ruralDistricts').fill('2');
    await control(page, 'status').selectOption('in_progress');
    await control(page, 'progressPercent').fill('۳۵');
    await control(page, 'jobsCreated').fill('۶');

    // Two outputs: a road in kilometres (target and actual), jobs (a target only: its actual is the jobs field).
    await page.getByRole('button', { name: 'افزودن شاخص' }).click();
    await control(page, 'outputs.0.indicator').locator('option[value="rural_road_km"]').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('outputs.0.indicator');
    await control(page, 'outputs.0.indicator').selectOption('rural_road_km');
    expect(await page.locator('[data-field="outputs.0.target"] .unit').textContent()).toBe(KM);
    expect(await page.locator('[data-field="outputs.0.actual"] .unit').textContent()).toBe(KM);
    await control(page, 'outputs.0.target').fill('۱۲');
    await control(page, 'outputs.0.actual').fill('٥'); // Arabic-Indic five
    expect(await page.locator('[data-field="outputs.0.actual"] .echo').textContent()).toBe(`۵ ${KM}`);
    await page.getByRole('button', { name: 'افزودن شاخص' }).click();
    await control(page, 'outputs.1.indicator').selectOption('jobs');
    expect(await page.locator('[data-field="outputs.1.target"] .unit').textContent()).toBe(UNITS.person.fa);
    expect(await control(page, 'outputs.1.actual').isDisabled()).toBe(true);
    expect(await page.locator('[data-field="outputs.1.target"] label').textContent()).toContain('هدف ۲');

    // Two partners; the second's role is one the page would never offer.
    await page.getByRole('button', { name: 'افزودن نهاد همکار' }).click();
    await control(page, 'partners.0.partner').locator(`option[value="${partnerId}"]`).waitFor({ state: 'attached' });
    await control(page, 'partners.0.partner').selectOption(partnerId);
    expect(await control(page, 'partners.0.partner').locator(`option[value="${partnerId}"]`).textContent()).toContain(shown(partnerName));
    await page.getByRole('button', { name: 'افزودن نهاد همکار' }).click();
    await control(page, 'partners.1.partner').selectOption(partnerId);
    await forceOption(page, 'partners.1.role', 'sponsor');

    // Checked with the API's own schema: each message next to the second row's cell, nothing sent.
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    expect(await visibleError(page, 'outputs.1.target')).toBe(ruleMessage('outputNeedsValue', 'fa'));
    expect(await visibleError(page, 'partners.1.role')).toBeTruthy();
    for (const other of ['outputs.0.target', 'outputs.0.indicator', 'partners.0.role', 'partners.0.partner', 'partners.1.partner'])
      expect(await errorOf(page, other).isHidden(), other).toBe(true);
    expect(await control(page, 'outputs.1.target').getAttribute('aria-invalid')).toBe('true');
    expect(posts()).toBe(0);
    await screenshot(page, 'form-project-outputs-error-desktop');
    await expectNoSeriousViolations(page, 'project form with rows and errors');

    // Refused by the API (422): a partner that does not exist, named by its row.
    await control(page, 'outputs.1.target').fill('۲۰');
    await control(page, 'partners.1.role').selectOption('funding');
    await forceOption(page, 'partners.1.partner', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    expect(await visibleError(page, 'partners.1.partner')).toBe(ruleMessage('partnerNotFound', 'fa'));
    expect(await errorOf(page, 'partners.0.partner').isHidden()).toBe(true);
    expect(posts()).toBe(1);

    // Without the second partner the project is written.
    await page.getByRole('button', { name: 'حذف نهاد همکار ۲' }).click();
    expect(await page.locator('[data-field^="partners.1"]').count()).toBe(0);
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(await page.getByTestId('form-status').textContent()).toContain('نهاوند');

    const list = await api(`/projects?province=IR-13&programme=${encodeURIComponent(programme)}&limit=100`);
    const mine = list.body.items.filter((p: { title: string }) => p.title === projectTitle);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      county: 'نهاوند',
      villages: 3,
      ruralDistricts: 2,
      jobsCreated: 6,
      outputs: [
        { indicator: 'rural_road_km', target: 12, actual: 5 },
        { indicator: 'jobs', target: 20 },
      ],
      partners: [{ partner: partnerId, role: 'implementing' }],
    });
    expect(mine[0].outputs[1].actual).toBeUndefined();
    projectId = mine[0].id;
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });

  it('a progress report carries new actuals; a fixed counter is not offered', async () => {
    expect(projectId).not.toBe('');
    const editor = await tokenFor('editor', ['IR-13']);
    const { page, errors } = await open('#/forms/progress', { token: editor });
    await control(page, 'project').locator(`option[value="${projectId}"]`).waitFor({ state: 'attached' });
    await control(page, 'project').selectOption(projectId);
    await control(page, 'progressPercent').fill('۶۰');
    await page.getByRole('button', { name: 'افزودن شاخص' }).click();
    await control(page, 'outputs.0.indicator').locator('option[value="rural_road_km"]').waitFor({ state: 'attached' });
    expect(await control(page, 'outputs.0.indicator').locator('option[value="jobs"]').count()).toBe(0);
    await control(page, 'outputs.0.indicator').selectOption('rural_road_km');
    expect(await page.locator('[data-field="outputs.0.actual"] .unit').textContent()).toBe(KM);
    await control(page, 'outputs.0.actual').fill('۹');
    await page.getByRole('button', { name: 'ثبت گزارش پیشرفت' }).click();
    await page.locator('[data-testid="form-status"].success').waitFor();
    const project = (await api(`/projects/${projectId}`)).body;
    expect(project.progressPercent).toBe(60);
    expect(project.outputs).toEqual(
      expect.arrayContaining([
        { indicator: 'rural_road_km', target: 12, actual: 9 },
        { indicator: 'jobs', target: 20 },
      ]),
    );
    expect(errors).toEqual([]);
  });
});

describe('the plan form (admins)', () => {
  it("sets a programme's target for a province; an end before the start is refused in Persian", async () => {
    const { page, errors } = await open('#/forms/plan', { token: admin });
    const links = await page.getByRole('navigation', { name: 'پیوندهای اصلی' }).getByRole('link').allTextContents();
    expect(links).toContain('ثبت هدف برنامه');
    const posts = countPosts(page, '/plans');
    // A token of all provinces may also plan for the country.
    expect(await control(page, 'province').locator(`option[value="${NATIONAL_PLACE.code}"]`).textContent()).toBe(NATIONAL_PLACE.fa);

    await control(page, 'programme').fill(programme);
    await control(page, 'province').selectOption('IR-13');
    await control(page, 'indicator').locator('option[value="rural_road_km"]').waitFor({ state: 'attached' });
    // A percentage does not add up across places: it is no target.
    expect(await control(page, 'indicator').locator('option[value="rural_water_coverage_percent"]').count()).toBe(0);
    await control(page, 'indicator').selectOption('rural_road_km');
    expect(await page.locator('[data-field="target"] .unit').textContent()).toBe(KM);
    await control(page, 'target').fill('۴۰');
    expect(await page.locator('[data-field="target"] .echo').textContent()).toBe(`۴۰ ${KM}`);
    await pickDate(page, 'from', 1404, 1, 1);
    await pickDate(page, 'to', 1403, 12, 1);
    await page.getByRole('button', { name: 'ثبت هدف برنامه' }).click();
    expect(await visibleError(page, 'to')).toBe(ruleMessage('endBeforeStart', 'fa'));
    expect(posts()).toBe(0);
    await expectNoSeriousViolations(page, 'plan form');
    await screenshot(page, 'form-plan-error-desktop');

    await pickDate(page, 'to', 1405, 12, 1);
    await page.getByRole('button', { name: 'ثبت هدف برنامه' }).dblclick();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(posts()).toBe(1);
    const plans = await api(`/plans?programme=${encodeURIComponent(programme)}&limit=100`);
    expect(plans.body.items).toHaveLength(1);
    expect(plans.body.items[0]).toMatchObject({ programme, province: 'IR-13', indicator: 'rural_road_km', target: 40, from: '2025-03-21' });
    expect(plans.body.items[0].to).toMatch(/^2027-02-/);
    expect(errors).toEqual([]);
  });
});

describe('the province page: programmes, outputs and the catalogue counties', () => {
  it('shows the programme target against actual as a percentage once the figures arrive, and every county of the catalogue', async () => {
    expect(projectId).not.toBe('');
    const { page, errors } = await open('#/province/IR-13', { viewport: DESKTOP });
    // Planned 40 km by the plan, 12 km targeted and 9 km delivered by the project: 9 ÷ 40 = 22.5%.
    const row = page.locator(`section.programme[data-programme="${nameKey(programme)}"] tr[data-indicator="rural_road_km"]`);
    await row
      .locator('td[data-measure="percent"]')
      .filter({ hasText: faPercent(22.5) })
      .waitFor({ timeout: 20_000 });
    expect(await row.locator('td[data-measure="planned"]').textContent()).toBe(`${fa.format(40)} ${KM}`);
    expect(await row.locator('td[data-measure="target"]').textContent()).toBe(`${fa.format(12)} ${KM}`);
    expect(await row.locator('td[data-measure="actual"]').textContent()).toBe(`${fa.format(9)} ${KM}`);
    const programmeSection = page.locator(`section.programme[data-programme="${nameKey(programme)}"]`);
    expect(await programmeSection.locator('h3').textContent()).toBe(shown(programme));
    // Jobs: a target of 20 and the project's 6 jobs as its actual (no plan: measured against the target).
    expect(await programmeSection.locator('tr[data-indicator="jobs"] td[data-measure="percent"]').textContent()).toBe(faPercent(30));

    // The province's own outputs, and each of its catalogue counties, zeros included.
    await page.getByTestId('outputs').locator('tr[data-indicator="rural_road_km"]').waitFor();
    const countyRows = page.locator('[data-testid="county-table"] tbody tr');
    await page.locator('[data-testid="county-table"] tr[data-county="نهاوند"]').waitFor();
    expect(await countyRows.count()).toBe(countiesOf('IR-13').length);
    const names = await countyRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-county')));
    expect([...names].sort()).toEqual(
      countiesOf('IR-13')
        .map((c) => c.name)
        .sort(),
    );
    const projectCells = await countyRows.locator('td[data-figure="projects"]').allTextContents();
    expect(projectCells).toContain(fa.format(0));
    await screenshot(page, 'province-programmes-desktop');
    await expectNoSeriousViolations(page, 'province page with programmes');
    expect(errors).toEqual([]);

    const phone = await open('#/province/IR-13', { viewport: PHONE });
    await phone.page.locator(`section.programme[data-programme="${nameKey(programme)}"]`).waitFor();
    await screenshot(phone.page, 'province-programmes-phone');
  });
});

describe('the country (IR)', () => {
  it('an admin of all provinces registers a project for the country; the dashboard shows «کل کشور» beside the provinces', async () => {
    const { page, errors } = await open('#/forms/project', { token: admin });
    await control(page, 'province').selectOption(NATIONAL_PLACE.code);
    // The country has no counties.
    expect(await control(page, 'county').isDisabled()).toBe(true);
    expect(await control(page, 'county').locator('option').allTextContents()).toEqual([NATIONAL_PLACE.fa]);
    const title = `سامانهٔ ملی پایش ${tag}`;
    await control(page, 'title').fill(title);
    await control(page, 'category').selectOption('other');
    await control(page, 'programme').fill(`برنامهٔ ملی ${tag}`);
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(await page.getByTestId('form-status').textContent()).toContain(NATIONAL_PLACE.fa);
    const list = await api('/projects?province=IR&limit=100');
    const mine = list.body.items.filter((p: { title: string }) => p.title === title);
    expect(mine).toHaveLength(1);
    expect(mine[0].county).toBeUndefined();
    expect(errors).toEqual([]);

    const dashboard = await open('#/', { viewport: DESKTOP });
    const countryRow = dashboard.page.locator('[data-testid="province-table"] tfoot tr[data-province="IR"]');
    await countryRow.waitFor();
    expect(await countryRow.locator('th').textContent()).toContain(NATIONAL_PLACE.fa);
    expect(await dashboard.page.locator('[data-testid="province-table"] tbody tr').count()).toBe(31);
    // Its figures arrive with the next poll after the aggregate changes.
    const cell = 'tfoot tr[data-province="IR"] td[data-figure="projects"]';
    await dashboard.page.waitForFunction((sel) => /[۱-۹]/.test(document.querySelector(sel)?.textContent ?? ''), cell, { timeout: 20_000 });
    const country = (await api('/provinces')).body.country;
    expect(country.province).toMatchObject({ code: 'IR', fa: NATIONAL_PLACE.fa });
    expect(await dashboard.page.locator(cell).textContent()).toBe(fa.format(country.projects.total));
    await dashboard.page.locator('tfoot tr[data-province="national"] td[data-figure="projects"]').filter({ hasText: /./ }).waitFor();
    await expectNoSeriousViolations(dashboard.page, 'dashboard with the country row');

    // The country's own page: its figures, no counties.
    await countryRow.getByRole('link', { name: NATIONAL_PLACE.fa }).click();
    await dashboard.page.getByRole('heading', { level: 1, name: NATIONAL_PLACE.fa }).waitFor();
    await dashboard.page.locator('[data-testid="programmes"] section.programme').first().waitFor({ timeout: 20_000 });
    expect(await dashboard.page.getByTestId('county-table').count()).toBe(0);
    expect(dashboard.errors).toEqual([]);
  });
});
