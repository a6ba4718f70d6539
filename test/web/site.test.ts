import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scopes } from '@abad/core/aggregation/scopes';
import { PROVINCES } from '@abad/core/places/provinces';
import { keys } from '@abad/core/table/keys';
import { ruleMessage } from '@abad/core/validation/messages';
import { DIST_DIR, ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { createDrive, unique } from '../support/fixtures.ts';
import { DESKTOP, PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';
import { somethingRecorded } from './support/recorded.ts';

/**
 * The Persian pages in a real browser (Debian's Chromium, headless), served by the local
 * runtime on the API's own port: the dashboard, the province page, the development sign-in
 * and every form — with Persian and Arabic-Indic digits and Arabic letters typed in, the API's
 * own messages next to the fields, one record per submission, and the role limits. Screenshots
 * go to .test-output/screenshots/.
 */
let browser: Browser;
let nationalDrive: string;
let otherProvinceDrive: string;
let admin: string;
/** The project the project form registers; the progress form and the province page use it. */
let projectId = '';
const projectTag = unique('t').split(' ')[1]!;

beforeAll(async () => {
  ensureSiteBuilt(); // a no-op when packages/web/dist is newer than its sources
  [browser, nationalDrive, otherProvinceDrive, admin] = await Promise.all([launchChromium(), createDrive(), createDrive('IR-19'), tokenFor('admin', '*')]);
  await somethingRecorded(nationalDrive);
});

/** The header's links for anyone who records donations, before the forms their role may use. */
const RECORDING_NAV = ['آمار استان‌ها', 'فهرست پروژه‌ها', 'پویش‌ها', 'برنامه‌ها', 'ثبت‌های من'];

/** Pages of this file: closed after each test, the browser after the file. */
const open = pagesIn(() => browser);

/** The control of a field, by the API field name it is registered under. */
const control = (page: Page, name: string) => page.locator(`[data-field="${name}"]`).locator('input, select').first();
const errorOf = (page: Page, name: string) => page.locator(`[data-error-for="${name}"]`);
const statusOf = (page: Page) => page.getByTestId('form-status');

async function pickDate(page: Page, name: string, year: number, month: number, day: number): Promise<void> {
  const field = page.locator(`fieldset[data-field="${name}"]`);
  await field.getByLabel('سال').selectOption(String(year));
  await field.getByLabel('ماه').selectOption(String(month));
  await field.getByLabel('روز').selectOption(String(day));
}

/** Counts the POSTs the page sends to a path. */
function countPosts(page: Page, path: string): () => number {
  let n = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === path) n++;
  });
  return () => n;
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('serving the pages', () => {
  it('serves the built site on the API port with correct types, and keeps JSON 404s for API clients', async () => {
    const base = inject('apiUrl');
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).toContain('<html dir="rtl" lang="fa">');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="\.\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    const js = await fetch(`${base}/${script}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const css = await fetch(`${base}/${style}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const font = /url\(\.?\/?([^)]*vazirmatn-arabic-400-normal[^)]*\.woff2)\)/.exec(await css.text())?.[1];
    expect(font, 'the font is bundled, not fetched from a CDN').toBeTruthy();
    expect((await fetch(`${base}/assets/${font!.replace(/^.*\//, '')}`)).headers.get('content-type')).toBe('font/woff2');
    expect((await fetch(`${base}/LICENSES.txt`)).status).toBe(200);

    // No chunk carries the AWS SDK: the pages import core's schemas module by module.
    const chunks = readdirSync(join(DIST_DIR, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThanOrEqual(2); // the pages and the map outlines
    for (const chunk of chunks) expect(readFileSync(join(DIST_DIR, 'assets', chunk), 'utf8'), chunk).not.toMatch(/DynamoDB|@aws-sdk|smithy/i);

    // An API client's unknown path is still API Gateway's 404; a browser navigation gets the page.
    const unknown = await fetch(`${base}/nowhere`, { headers: { accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('{"message":"Not Found"}');
    expect((await fetch(`${base}/nowhere`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/%2e%2e/package.json`)).status).toBe(404);
    // API routes win over pages: /provinces is the API.
    expect((await fetch(`${base}/provinces`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toContain('application/json');
  });

  it('the development sign-in mints a working token (local runtime only) and refuses bad requests', async () => {
    const base = inject('apiUrl');
    const response = await fetch(`${base}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'operator', provinces: ['IR-13'] }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect((await api('/donations?province=IR-13', { token })).status).toBe(200);
    expect((await api('/donations?province=IR-19', { token })).status).toBe(403);
    const bad = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${base}/dev/token`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.status);
    expect(await bad({ role: 'king', provinces: '*' })).toBe(422);
    expect(await bad({ role: 'admin', provinces: ['IR-99'] })).toBe(422);
    expect(await bad({ role: 'admin', provinces: '*' }, { 'content-type': 'text/plain' })).toBe(415);
    expect(await bad({ role: 'admin', provinces: '*' }, { 'content-type': 'application/json', origin: 'https://elsewhere.example' })).toBe(403);
  });
});

describe('the dashboard', () => {
  it('shows the 31 provinces on the map and in a sortable table, works with the keyboard, passes axe', async () => {
    const { page, errors } = await open('#/', { viewport: DESKTOP });
    const map = page.getByTestId('iran-map');
    await map.locator('[data-province]').first().waitFor();
    const codes = await map.locator('[data-province]').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-province')));
    expect(codes).toHaveLength(31);
    expect([...codes].sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    await page.locator('tbody tr[data-province="IR-13"] td[data-figure="projects"]').filter({ hasText: /./ }).waitFor();
    expect(await page.locator('[data-testid="province-table"] tbody tr').count()).toBe(31);
    expect(await page.locator('[data-testid="province-table"] tfoot').textContent()).toContain('کل کشور');

    // Pointing at a province shows its figure; the map's figure can be changed.
    await page.getByLabel('شاخص نقشه').selectOption('donations');
    await map.locator('[data-province="IR-13"]').hover();
    expect(await page.getByTestId('map-info').textContent()).toContain('همدان');
    expect(await page.getByTestId('map-info').textContent()).toContain('تومان');

    // Keyboard: sort the table from a header button; a province on the map opens with Enter.
    const sortButton = page.locator('th[data-sort-key="donations"] button');
    await sortButton.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('th[data-sort-key="donations"]').getAttribute('aria-sort')).toBe('descending');
    await expectNoSeriousViolations(page, 'dashboard');

    await map.locator('[data-province="IR-13"]').focus();
    await page.keyboard.press('Enter');
    expect(await map.locator('[data-province="IR-13"]').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/province\/IR-13$/);
    await page.getByRole('heading', { level: 1, name: 'استان همدان' }).waitFor();
    expect(errors).toEqual([]);

    const phone = await open('#/', { viewport: PHONE });
    await phone.page.getByTestId('iran-map').locator('[data-province]').first().waitFor();
    await phone.page.locator('tbody tr[data-province="IR-13"] td[data-figure="projects"]').filter({ hasText: /./ }).waitFor();
    await expectNoSeriousViolations(phone.page, 'dashboard (phone)');
  });

  it("changes a province's figure without a reload after a donation is posted", async () => {
    const { page } = await open('#/', { viewport: DESKTOP });
    const selector = 'tbody tr[data-province="IR-13"] td[data-figure="donationCount"]';
    const faCount = (n: number) => new Intl.NumberFormat('fa-IR').format(n);
    const countBefore: number = (await api('/provinces/IR-13')).body.donations.count;
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [selector, faCount(countBefore)] as const);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const operator = await tokenFor('operator', ['IR-13']);
    const posted = await api('/donations', {
      token: operator,
      headers: { 'idempotency-key': `live-${Date.now()}` },
      body: { driveId: nationalDrive, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: '۱۰۰٬۰۰۰', channel: 'صندوق مسجد' },
    });
    expect(posted.status).toBe(201);
    // Figures reach the aggregate within about a second; the page asks every few seconds.
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [selector, faCount(countBefore + 1)] as const, {
      timeout: 20_000,
    });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });
});

describe('signing in and role limits', () => {
  it('the development sign-in gives an operator the donation forms and no project forms', async () => {
    const { page, errors } = await open('#/sign-in');
    await page.getByLabel(/اپراتور/).check();
    await page.getByLabel('همدان', { exact: true }).check();
    await screenshot(page, 'sign-in-desktop');
    await expectNoSeriousViolations(page, 'sign-in');
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('اپراتور');
    const nav = page.getByRole('navigation', { name: 'پیوندهای اصلی' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([...RECORDING_NAV, 'ثبت کمک مردمی', 'ثبت توزیع بسته']);

    await page.goto(new URL('/#/forms/project', inject('apiUrl')).toString());
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.locator('form.record-form').count()).toBe(0);
    await page.goto(new URL('/#/forms/progress', inject('apiUrl')).toString());
    await page.getByTestId('not-allowed').waitFor();
    expect(errors).toEqual([]);
  });

  it('an editor of one province can choose only that province', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    for (const form of ['project', 'donation', 'distribution', 'progress']) {
      const { page } = await open(`#/forms/${form}`, { token: editor });
      const options = await control(page, 'province')
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options, form).toEqual(['IR-13']);
    }
    const { page } = await open('#/', { token: editor });
    const links = await page.getByRole('navigation', { name: 'پیوندهای اصلی' }).getByRole('link').allTextContents();
    expect(links).toEqual([...RECORDING_NAV, 'ثبت کمک مردمی', 'ثبت توزیع بسته', 'ثبت پروژه', 'گزارش پیشرفت پروژه']);
    // A drive of another province is not offered for a donation in Hamadan.
    const donation = await open('#/forms/donation', { token: editor });
    await control(donation.page, 'driveId').locator(`option[value="${nationalDrive}"]`).waitFor({ state: 'attached' });
    expect(await control(donation.page, 'driveId').locator(`option[value="${otherProvinceDrive}"]`).count()).toBe(0);
  });
});

describe('the forms', () => {
  it('donation: Persian digits and Arabic letters are normalized; a bad amount is refused in Persian; a double click writes once', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    const { page, errors } = await open('#/forms/donation', { token: operator });
    const posts = countPosts(page, '/donations');
    const tag = unique('t').split(' ')[1]!;
    await control(page, 'driveId').locator(`option[value="${nationalDrive}"]`).waitFor({ state: 'attached' });
    await control(page, 'driveId').selectOption(nationalDrive);
    // The county is a choice among the catalogue's counties of the province, not free text.
    await control(page, 'county').selectOption({ label: 'تویسرکان' });
    await control(page, 'channel').fill(`مسجد علي ${tag}`);
    await page.getByLabel('غیرنقدی (کالا)').check();
    await control(page, 'items.0.name').fill('برنج ايراني');
    await control(page, 'items.0.quantity').fill('٢٠'); // Arabic-Indic digits
    await control(page, 'items.0.unit').fill('كيسه');
    await control(page, 'donor.name').fill('علي رضايي');
    await control(page, 'donor.phone').fill('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    await pickDate(page, 'receivedAt', 1404, 1, 1);

    await control(page, 'amountToman').fill('حدود شصت');
    await page.getByRole('button', { name: 'ثبت کمک' }).click();
    await errorOf(page, 'amountToman').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'amountToman').textContent()).toBe(ruleMessage('toman', 'fa'));
    expect(await control(page, 'amountToman').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'form-donation-error-desktop');
    expect(posts()).toBe(0);

    await control(page, 'amountToman').fill('۶۲٬۰۰۰٬۰۰۰');
    expect(await page.locator('[data-field="amountToman"] .echo').textContent()).toBe('۶۲ میلیون تومان');
    await page.getByRole('button', { name: 'ثبت کمک' }).dblclick();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(await errorOf(page, 'amountToman').isHidden()).toBe(true);

    const list = await api('/donations?province=IR-13&limit=100', { token: admin });
    const mine = list.body.items.filter((d: { channel: string }) => d.channel === `مسجد علی ${tag}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      county: 'تویسرکان',
      kind: 'in_kind',
      amountToman: '62000000',
      items: [{ name: 'برنج ایرانی', quantity: 20, unit: 'کیسه' }],
      donor: { name: 'علی رضایی', phone: '+989123456789' },
      receivedAt: '2025-03-21T08:30:00.000Z', // 1 Farvardin 1404, noon in Tehran
    });
    expect(posts()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('distribution: a zero count is refused; a retry after a lost response writes once, even on a morning', async () => {
    const operator = await tokenFor('operator', ['IR-13']);
    // Five past midnight in Tehran, today's or (just after midnight) yesterday's: a morning, when «today» is not yet noon.
    const tehranMidnight = Date.parse(`${new Date(Date.now() + 3.5 * 3_600_000).toISOString().slice(0, 10)}T00:05:00+03:30`);
    const morning = tehranMidnight <= Date.now() ? tehranMidnight : tehranMidnight - 86_400_000;
    const { page, errors } = await open('#/forms/distribution', { token: operator, now: morning });
    const phase = `مرحلهٔ دوم ${unique('t').split(' ')[1]}`;
    await control(page, 'driveId').locator(`option[value="${nationalDrive}"]`).waitFor({ state: 'attached' });
    await control(page, 'driveId').selectOption(nationalDrive);
    await control(page, 'county').selectOption({ label: 'ملایر' });
    await control(page, 'phase').fill(phase);
    await control(page, 'kind').selectOption('dowry_set');
    await control(page, 'households').fill('١٢');
    await control(page, 'valueToman').fill('1,500,000,000');
    expect(await page.locator('[data-field="valueToman"] .echo').textContent()).toBe('۱ میلیارد و ۵۰۰ میلیون تومان');

    await control(page, 'packages').fill('۰');
    await page.getByRole('button', { name: 'ثبت توزیع' }).click();
    await errorOf(page, 'packages').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'packages').textContent()).toBe(ruleMessage('atLeastOne', 'fa'));

    // The first request reaches the API, but its answer never comes back to the page.
    let lost = 0;
    await page.route('**/distributions', async (route) => {
      if (route.request().method() === 'POST' && lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await control(page, 'packages').fill('۱۲');
    await page.getByRole('button', { name: 'ثبت توزیع' }).click();
    await page.locator('[data-testid="form-status"].failure').waitFor();
    expect(await statusOf(page).textContent()).toContain('ارتباط با سرور برقرار نشد');
    await page.clock.setFixedTime(morning + 90_000); // the retry comes a minute and a half later
    await page.getByRole('button', { name: 'ثبت توزیع' }).click();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(lost).toBe(2);

    const list = await api('/distributions?province=IR-13&limit=100', { token: admin });
    const mine = list.body.items.filter((d: { phase?: string }) => d.phase === phase);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ county: 'ملایر', kind: 'dowry_set', packages: 12, households: 12, valueToman: '1500000000' });
    // «Today», picked before its noon, is stored as the start of that day in Tehran: past, and the same on the retry.
    const tehranDay = new Date(morning + 3.5 * 3_600_000).toISOString().slice(0, 10);
    expect(mine[0].distributedAt).toBe(new Date(`${tehranDay}T00:00:00+03:30`).toISOString());
    expect(errors.filter((e) => !e.includes('ERR_CONNECTION_RESET'))).toEqual([]);
  });

  it('project: a cross-field rule is explained next to its field; a double click writes one project', async () => {
    const editor = await tokenFor('editor', ['IR-13']);
    const { page, errors } = await open('#/forms/project', { token: editor });
    const posts = countPosts(page, '/projects');
    await control(page, 'title').fill(`كارگاه خياطي ${projectTag}`);
    await control(page, 'category').selectOption('workshop');
    await control(page, 'programme').fill('اشتغال روستايي');
    await control(page, 'county').selectOption({ label: 'نهاوند' });
    await control(page, 'village').fill('گيان');
    await control(page, 'progressPercent').fill('۸۵٫۵');
    await control(page, 'budgetToman').fill('۶۲٬۰۰۰٬۰۰۰٬۰۰۰');
    expect(await page.locator('[data-field="budgetToman"] .echo').textContent()).toBe('۶۲ میلیارد تومان');
    await control(page, 'loansToman').fill('٣٥٠٠٠٠٠٠٠');
    await control(page, 'jobsCreated').fill('۱۲');
    await control(page, 'beneficiaryHouseholds').fill('40');
    await pickDate(page, 'startDate', 1404, 7, 1);
    await pickDate(page, 'targetDate', 1405, 6, 31);

    await control(page, 'status').selectOption('completed');
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    await errorOf(page, 'progressPercent').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'progressPercent').textContent()).toBe(ruleMessage('finishedNeeds100', 'fa'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('progressPercent');
    expect(posts()).toBe(0);
    await screenshot(page, 'form-project-error-desktop');

    await control(page, 'status').selectOption('in_progress');
    await page.getByRole('button', { name: 'ثبت پروژه' }).dblclick();
    await page.locator('[data-testid="form-status"].success').waitFor();
    expect(posts()).toBe(1);

    const list = await api('/projects?province=IR-13&limit=100');
    const mine = list.body.items.filter((p: { title: string }) => p.title === `کارگاه خیاطی ${projectTag}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      category: 'workshop',
      programme: 'اشتغال روستایی',
      county: 'نهاوند',
      village: 'گیان',
      status: 'in_progress',
      progressPercent: 85.5,
      budgetToman: '62000000000',
      loansToman: '350000000',
      jobsCreated: 12,
      beneficiaryHouseholds: 40,
      startDate: '2025-09-23', // 1 Mehr 1404
      targetDate: '2026-09-22', // 31 Shahrivar 1405
    });
    projectId = mine[0].id;
    expect(errors).toEqual([]);
  });

  it('progress: an out-of-range percent is refused in Persian; a double click writes one report', async () => {
    expect(projectId).not.toBe('');
    const editor = await tokenFor('editor', ['IR-13']);
    const { page, errors } = await open('#/forms/progress', { token: editor });
    await control(page, 'project').locator(`option[value="${projectId}"]`).waitFor({ state: 'attached' });
    await control(page, 'project').selectOption(projectId);
    await control(page, 'note').fill('ديوارها تمام شد');
    await control(page, 'progressPercent').fill('۱۲۰');
    await page.getByRole('button', { name: 'ثبت گزارش پیشرفت' }).click();
    await errorOf(page, 'progressPercent').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'progressPercent').textContent()).toBe(ruleMessage('percent', 'fa'));

    await control(page, 'progressPercent').fill('۹۲');
    await page.getByRole('button', { name: 'ثبت گزارش پیشرفت' }).dblclick();
    await page.locator('[data-testid="form-status"].success').waitFor();
    const reports = await api(`/projects/${projectId}/progress`);
    expect(reports.body.items).toHaveLength(1);
    expect(reports.body.items[0]).toMatchObject({ progressPercent: 92, note: 'دیوارها تمام شد' });
    expect((await api(`/projects/${projectId}`)).body.progressPercent).toBe(92);
    expect(errors).toEqual([]);
  });

  it('drive (admins): an end before the start is refused in Persian; a double click writes one drive', async () => {
    const hamadanAdmin = await tokenFor('admin', ['IR-13']);
    const { page, errors } = await open('#/forms/drive', { token: hamadanAdmin });
    const tag = unique('t').split(' ')[1]!;
    await control(page, 'name').fill(`پويش كمك مومنانه ${tag}`);
    await control(page, 'phase').fill('مرحلهٔ ۳');
    await pickDate(page, 'startDate', 1404, 10, 1);
    await pickDate(page, 'endDate', 1404, 9, 1);
    await page.getByRole('button', { name: 'ثبت پویش' }).click();
    await errorOf(page, 'endDate').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'endDate').textContent()).toBe(ruleMessage('endBeforeStart', 'fa'));

    await pickDate(page, 'endDate', 1404, 12, 29);
    await page.getByRole('button', { name: 'ثبت پویش' }).dblclick();
    await page.locator('[data-testid="form-status"].success').waitFor();
    const drives = await api('/drives?limit=100');
    const mine = drives.body.items.filter((d: { name: string }) => d.name === `پویش کمک مومنانه ${tag}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ province: 'IR-13', phase: 'مرحلهٔ ۳', startDate: '2025-12-22', endDate: '2026-03-20' });
    expect(errors).toEqual([]);
  });

  it('every form at phone and desktop width: labelled, keyboard-reachable, no serious axe violations (screenshots)', async () => {
    const hamadanAdmin = await tokenFor('admin', ['IR-13']);
    for (const form of ['donation', 'distribution', 'project', 'progress', 'drive', 'plan']) {
      for (const [width, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const { page } = await open(`#/forms/${form}`, { token: hamadanAdmin, viewport });
        await page.locator('form.record-form').waitFor();
        if (form === 'donation' || form === 'distribution')
          await control(page, 'driveId').locator(`option[value="${nationalDrive}"]`).waitFor({ state: 'attached' });
        if (form === 'donation') await control(page, 'amountToman').fill('۶۲۰۰۰۰۰۰۰۰۰');
        // Every control has a label.
        const unlabelled = await page
          .locator('form.record-form')
          .locator('input, select')
          .evaluateAll((controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.outerHTML));
        expect(unlabelled, form).toEqual([]);
        await screenshot(page, `form-${form}-${width}`);
        if (width === 'desktop') await expectNoSeriousViolations(page, `form ${form}`);
      }
    }
    // Keyboard only: Tab reaches the first field of the donation form and Enter in a field submits.
    const { page } = await open('#/forms/donation', { token: hamadanAdmin });
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Enter');
    for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'province'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('province');
    // On through the county and drive choices to the first text field, where Enter submits.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'channel'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('channel');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="form-status"].failure').waitFor();
    // The county may stay «کل استان» (no county); the place of receipt may not be empty.
    expect(await errorOf(page, 'channel').isVisible()).toBe(true);
    expect(await errorOf(page, 'county').isVisible()).toBe(false);
  });
});

describe('the province page', () => {
  it('shows figures, counties side by side, the trend from the daily history and the projects near completion', async () => {
    const store = testStore();
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (const [i, daysAgo] of [5, 3, 1].entries()) {
      await store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...keys.history(scopes.province('IR-13'), day(daysAgo)),
            type: 'History',
            scope: scopes.province('IR-13'),
            date: day(daysAgo),
            'c#projects': 2 + i,
            'c#donations': 3 + 4 * i,
            'c#donationCashToman': 10_000_000n * BigInt(i + 1),
          },
        }),
      );
    }
    const { page, errors } = await open('#/province/IR-13', { viewport: DESKTOP });
    await page.getByRole('heading', { level: 1, name: 'استان همدان' }).waitFor();
    await page.locator('[data-testid="county-table"] tr[data-county="تویسرکان"]').waitFor();
    await page.locator(`[data-testid="near-completion"] li[data-project="${projectId}"]`).waitFor();
    await page.getByTestId('trend-chart').waitFor();
    expect(await page.getByTestId('trend-chart').locator('circle').count()).toBe(3);
    expect(await page.getByTestId('county-bars').locator('li').count()).toBeGreaterThanOrEqual(3);
    const detail = (await api('/provinces/IR-13')).body;
    expect(await page.getByTestId('figure-donationCount').textContent()).toBe(new Intl.NumberFormat('fa-IR').format(detail.donations.count));
    await screenshot(page, 'province-desktop');
    await expectNoSeriousViolations(page, 'province page');
    expect(errors).toEqual([]);

    const phone = await open('#/province/IR-13', { viewport: PHONE });
    await phone.page.getByTestId('trend-chart').waitFor();
    await phone.page.locator('[data-testid="county-table"] tr[data-county="تویسرکان"]').waitFor();
    await screenshot(phone.page, 'province-phone');
  });
});

describe('screenshots of the dashboard with the records above', () => {
  it('phone and desktop', async () => {
    // A few more provinces with figures, so the map's shading shows.
    const spread = [
      ['IR-23', 'تهران', 6],
      ['IR-07', 'شیراز', 3],
      ['IR-11', 'زاهدان', 9],
      ['IR-09', 'مشهد', 4],
      ['IR-06', 'اهواز', 2],
    ] as const;
    for (const [province, county, count] of spread) {
      for (let i = 0; i < count; i++) {
        const response = await api('/projects', {
          token: admin,
          headers: { 'idempotency-key': `shot-${province}-${i}-${Date.now()}` },
          body: {
            title: `مسکن محرومان ${i + 1}`,
            category: 'housing',
            programme: 'مسکن',
            province,
            county,
            status: 'in_progress',
            progressPercent: 20 + 9 * i,
            budgetToman: String(2_000_000_000 * (i + 1)),
            housingUnits: 4,
            jobsCreated: 3,
          },
        });
        expect(response.status).toBe(201);
      }
    }
    for (const [width, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page } = await open('#/', { viewport });
      await page.getByTestId('iran-map').locator('[data-province]').first().waitFor();
      await page.locator('tbody tr[data-province="IR-13"] td[data-figure="projects"]').filter({ hasText: /[۱-۹]/ }).waitFor();
      await page.getByTestId('iran-map').locator('[data-province="IR-13"]').click(); // shows Hamadan's figure under the map
      await screenshot(page, `dashboard-${width}`);
    }
  });
});
