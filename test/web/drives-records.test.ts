import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNITS } from '@abad/core/indicators/catalogue';
import { nameKey } from '@abad/core/text/name-key';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { distributionBody, donationBody, projectBody, unique } from '../support/fixtures.ts';
import { DESKTOP, PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';
import { control } from './support/forms.ts';
import { POLL_INTERVAL_MS } from '../../packages/web/src/config.ts';

/**
 * The drives, programmes and «ثبت‌های من» pages in a real browser against the real local API:
 * a drive's donations and distributions (by kind, phase and province, exact Persian figures),
 * the drives list with each drive's dates and totals, programmes' targets against actuals as
 * bars with the percentage, the operator's own records with corrections (a stale version
 * says so and keeps the edit) and voiding (keyboard only), the receipt number after a
 * recorded donation, and the error state when the API fails.
 */
let browser: Browser;
let admin: string;
const tag = unique('dr').split(' ')[1]!;
/** Stored text as the pages show it: Latin digits (the tags) as Persian ones. */
const shown = (text: string) => text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const NBSP = '\u00a0';
const faPercent = (n: number) => `${new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 }).format(n)}٪`;
const faLongDate = (iso: string) =>
  new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'long', timeZone: 'Asia/Tehran' }).format(new Date(`${iso}T12:00:00+03:30`));
const CONFLICT = 'این رکورد در این فاصله تغییر کرده است';

/** The drive whose page is checked: two provinces, cash and goods, two kinds of packages, one phase. */
const driveName = `پویش زمستان 1404 ${tag}`;
let driveId = '';
let finishedDriveId = '';

async function create(path: string, token: string, body: unknown): Promise<{ id: string }> {
  const response = await api<{ id: string }>(path, { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function newDrive(body: Record<string, unknown>): Promise<string> {
  return (await create('/drives', admin, { name: unique('پویش آزمون'), startDate: '2025-03-21', ...body })).id;
}

/** The drive's figures once the aggregator has counted what was written. */
/** What the tests read of a drive's figures (GET /drives/{id}). */
interface DriveFiguresBody {
  donations: { count: number; totalToman: string };
  distributions: { count: number };
}

async function driveFigures(id: string, accept: (figures: DriveFiguresBody) => boolean): Promise<DriveFiguresBody> {
  const response = await eventually(
    () => api<{ figures: DriveFiguresBody }>(`/drives/${id}`),
    (r) => r.status === 200 && accept(r.body.figures),
    15_000,
  );
  expect(accept(response.body.figures), JSON.stringify(response.body.figures)).toBe(true);
  return response.body.figures;
}

beforeAll(async () => {
  ensureSiteBuilt(); // rebuilt when any source of the web package or of core is newer than dist
  [browser, admin] = await Promise.all([launchChromium(), tokenFor('admin', '*')]);
  driveId = await newDrive({ name: driveName, phase: 'مرحلهٔ زمستان' });
  finishedDriveId = await newDrive({ startDate: '2024-03-20', endDate: '2024-09-21' });
  await Promise.all([
    create('/donations', admin, donationBody(driveId, 'IR-13', { amountToman: 5_000_000 })),
    create('/donations', admin, donationBody(driveId, 'IR-13', { amountToman: 7_000_000 })),
    create(
      '/donations',
      admin,
      donationBody(driveId, 'IR-07', { kind: 'in_kind', amountToman: 3_000_000, items: [{ name: 'برنج', quantity: 10, unit: 'کیسه' }] }),
    ),
    create('/distributions', admin, distributionBody(driveId, 'IR-13', { packages: 12, households: 12, valueToman: 360_000_000, phase: 'مرحلهٔ اول' })),
    create('/distributions', admin, distributionBody(driveId, 'IR-07', { kind: 'food', packages: 5, households: 5, valueToman: 0 })),
  ]);
  await driveFigures(driveId, (f) => f.donations.count === 3 && f.distributions.count === 2);
});

/** Pages of this file: closed after each test, the browser after the file. */
const open = pagesIn(() => browser);

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();
const navLinks = (page: Page) => page.getByRole('navigation', { name: 'پیوندهای اصلی' }).getByRole('link').allTextContents();

describe('the drives', () => {
  it("a drive's page shows its donations and distributions by kind, phase and province, in exact Persian figures", async () => {
    const { page, errors } = await open(`#/drive/${driveId}`, { token: admin, viewport: DESKTOP });
    const table = page.getByTestId('drive-place-table');
    await table.locator('tr[data-province="IR-07"]').waitFor({ timeout: 20_000 });
    expect(await text(page.locator('#page-title'))).toBe(shown(driveName));
    expect(await text(page.getByTestId('drive-status'))).toBe('در جریان');
    expect(await text(page.getByTestId('drive-meta'))).toContain(`از ${faLongDate('2025-03-21')}`);

    // Donations: 5 + 7 million in cash (Hamadan), goods worth 3 million (Fars).
    const donations = page.getByTestId('drive-donations');
    expect(await text(donations.locator('[data-figure="count"] .value'))).toBe('۳');
    expect(await text(donations.locator('[data-figure="cash"] .value'))).toBe(`۱۲${NBSP}میلیون تومان`);
    expect(await text(donations.locator('[data-figure="inKind"] .value'))).toBe(`۳${NBSP}میلیون تومان`);
    expect(await text(donations.locator('[data-figure="total"] .value'))).toBe(`۱۵${NBSP}میلیون تومان`);

    // Distributions by kind, and by the phase the records name.
    const distributions = page.getByTestId('drive-distributions');
    expect(await text(distributions.locator('[data-figure="packages"] .value'))).toBe('۱۷');
    expect(await text(distributions.locator('[data-figure="households"] .value'))).toBe('۱۷');
    const kinds = page.getByTestId('kinds-table');
    expect(await text(kinds.locator('tr[data-kind="livelihood_package"] td[data-column="packages"]'))).toBe('۱۲');
    expect(await text(kinds.locator('tr[data-kind="livelihood_package"] td[data-column="value"]'))).toBe(`۳۶۰${NBSP}میلیون`);
    expect(await text(kinds.locator('tr[data-kind="food"] td[data-column="packages"]'))).toBe('۵');
    expect(await kinds.locator('tbody tr').count()).toBe(2);
    const phases = page.getByTestId('phases-table');
    expect(await text(phases.locator('tr[data-phase="مرحلهٔ اول"] th'))).toBe('مرحلهٔ اول');
    expect(await text(phases.locator('tr[data-phase=""] th'))).toBe('بی‌مرحله');

    // By province: sorted by the amount donated, Hamadan first; a bar each.
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-province')))).toEqual(['IR-13', 'IR-07']);
    const hamadan = table.locator('tr[data-province="IR-13"]');
    expect(await text(hamadan.locator('th'))).toBe('همدان');
    expect(await text(hamadan.locator('td[data-column="donations"]'))).toBe('۲');
    expect(await text(hamadan.locator('td[data-column="cash"]'))).toBe(`۱۲${NBSP}میلیون`);
    expect(await text(hamadan.locator('td[data-column="total"]'))).toBe(`۱۲${NBSP}میلیون`);
    expect(await text(hamadan.locator('td[data-column="packages"]'))).toBe('۱۲');
    expect(await text(hamadan.locator('td[data-column="value"]'))).toBe(`۳۶۰${NBSP}میلیون`);
    const fars = table.locator('tr[data-province="IR-07"]');
    expect(await text(fars.locator('td[data-column="inKind"]'))).toBe(`۳${NBSP}میلیون`);
    expect(await text(fars.locator('td[data-column="cash"]'))).toBe('۰');
    expect(await text(fars.locator('td[data-column="households"]'))).toBe('۵');
    const bars = page.getByTestId('drive-place-bars').locator('li');
    expect(await bars.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.province))).toEqual(['IR-13', 'IR-07']);
    expect(await text(bars.first().locator('.bar-value'))).toBe(`۱۲${NBSP}میلیون تومان`);
    // Another figure re-sorts both: packages (12 in Hamadan, 5 in Fars), in the address too.
    await page.getByLabel('شاخص استان‌ها').selectOption('households');
    expect(await text(bars.first().locator('.bar-value'))).toBe('۱۲');
    expect(page.url()).toContain('figure=households');

    // The drive's own records, as files (a signed-in reader's token, never in the address).
    const links = await page.locator('[data-testid="exports"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(
      expect.arrayContaining([expect.stringContaining(`/donations.csv?drive=${driveId}`), expect.stringContaining(`/distributions.xlsx?drive=${driveId}`)]),
    );
    for (const link of links) expect(link).not.toMatch(/token|authorization/i);
    // The donations file: fetched with the token and saved, one row per donation of the drive.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="exports"] a[href*="/donations.csv"]').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(4);

    // Persian digits only (the figures, the dates, the tag of the name).
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9]/);
    await expectNoSeriousViolations(page, 'drive page');
    await screenshot(page, 'drive-desktop');
    expect(errors).toEqual([]);

    const phone = await open(`#/drive/${driveId}`, { token: admin, viewport: PHONE });
    await phone.page.getByTestId('drive-place-table').locator('tr[data-province="IR-07"]').waitFor({ timeout: 20_000 });
    await expectNoSeriousViolations(phone.page, 'drive page on a phone');
    await screenshot(phone.page, 'drive-phone');
  });

  it('a reader who is not signed in sees the totals and the provinces (the public drive slice); the phases are for staff', async () => {
    const { page, errors } = await open(`#/drive/${driveId}`);
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await text(page.getByTestId('drive-donations').locator('[data-figure="total"] .value'))).toBe(`۱۵${NBSP}میلیون تومان`);
    // By province: from the drive's slice of the province figures (GET /provinces?drive=), public.
    const byProvince = page.getByTestId('drive-place-table').locator('tr[data-province="IR-13"]');
    await byProvince.waitFor({ timeout: 20_000 });
    expect(await text(byProvince.locator('td[data-column="total"]'))).toBe(`۱۲${NBSP}میلیون`);
    expect(await text(page.getByTestId('drive-place-table').locator('tr[data-province="IR-07"] td[data-column="packages"]'))).toBe('۵');
    expect(await page.getByTestId('drive-places-scope').isVisible()).toBe(false);
    expect(await page.getByTestId('drive-places-note').isVisible()).toBe(false);
    expect(await page.getByTestId('phases-table').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('an open drive page and the drives list poll only what CloudFront may keep (issue 11: never the uncached drive itself)', async () => {
    for (const hash of [`#/drive/${driveId}`, '#/drives']) {
      const { page } = await open(hash);
      const polled: { path: string; cacheControl: string }[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (/^\/(drives|provinces)/.test(url.pathname)) polled.push({ path: url.pathname, cacheControl: response.headers()['cache-control'] ?? '' });
      });
      await page.locator('[data-testid="load-state"][data-state="ready"]').first().waitFor({ timeout: 20_000 });
      // A poll after the first load (every 4 s; the list reads every drive of the suite, so give it time).
      const isFigureRead = (url: string) => /^\/drives\/[^/]+\/figures$/.test(new URL(url).pathname);
      await page.waitForResponse((response) => isFigureRead(response.url()), { timeout: 30_000 });
      await page.waitForTimeout(POLL_INTERVAL_MS + 500);
      const figureReads = polled.filter((r) => r.path !== '/drives');
      expect(figureReads.length, hash).toBeGreaterThan(0);
      expect(
        figureReads.filter((r) => !/^public, max-age=\d+$/.test(r.cacheControl)),
        hash,
      ).toEqual([]);
      expect(
        figureReads.map((r) => r.path).filter((path) => /^\/drives\/[^/]+$/.test(path)),
        hash,
      ).toEqual([]);
    }
  });

  it('the drives list: each drive with its Jalali dates, running or finished, and its totals; a link to its page', async () => {
    const { page, errors } = await open('#/drives', { viewport: DESKTOP });
    const row = page.locator(`[data-testid="drives-table"] tr[data-drive="${driveId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await text(row.locator('th'))).toBe(shown(driveName));
    expect(await text(row.locator('td[data-column="scope"]'))).toBe('سراسری');
    expect(await text(row.locator('td[data-column="phase"]'))).toBe('مرحلهٔ زمستان');
    expect(await text(row.locator('td[data-column="start"]'))).toBe(faLongDate('2025-03-21'));
    expect(await text(row.locator('td[data-column="end"]'))).toBe('—');
    expect(await text(row.locator('td[data-column="status"]'))).toBe('در جریان');
    expect(await text(row.locator('td[data-column="donations"]'))).toBe('۳');
    expect(await text(row.locator('td[data-column="donationsToman"]'))).toBe(`۱۵${NBSP}میلیون`);
    expect(await text(row.locator('td[data-column="packages"]'))).toBe('۱۷');
    expect(await text(row.locator('td[data-column="households"]'))).toBe('۱۷');
    const finished = page.locator(`[data-testid="drives-table"] tr[data-drive="${finishedDriveId}"]`);
    expect(await text(finished.locator('td[data-column="status"]'))).toBe('پایان‌یافته');
    expect(await text(finished.locator('td[data-column="end"]'))).toBe(faLongDate('2024-09-21'));
    const exports = await page.locator('[data-testid="exports"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(exports).toEqual(['/drives.csv', '/drives.xlsx']);
    // Everyone finds the drives and programmes; only staff who record find «ثبت‌های من».
    expect(await navLinks(page)).toEqual(expect.arrayContaining(['پویش‌ها', 'برنامه‌ها']));
    expect(await navLinks(page)).not.toContain('ثبت‌های من');
    await expectNoSeriousViolations(page, 'drives list');
    await screenshot(page, 'drives-desktop');

    await row.getByRole('link').click();
    await page.locator('#page-title', { hasText: shown(driveName) }).waitFor();
    expect(errors).toEqual([]);

    const phone = await open('#/drives', { viewport: PHONE });
    await phone.page.locator(`[data-testid="drives-table"] tr[data-drive="${driveId}"]`).waitFor({ timeout: 20_000 });
    await screenshot(phone.page, 'drives-phone');
  });

  it('the API failing: the error state, never «nothing recorded»; a page that had figures marks them stale', async () => {
    const { page } = await open('#/');
    const drivesApi = (url: URL) => url.pathname.startsWith('/drives');
    await page.route(drivesApi, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"Service Unavailable"}' }));
    await page.evaluate(() => (location.hash = '#/drives'));
    const state = page.getByTestId('load-state');
    await page.locator('[data-testid="load-state"][data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await text(state)).toContain('دریافت فهرست پویش‌ها ممکن نشد');
    expect(await page.getByTestId('no-drives').count()).toBe(0);
    expect(await page.getByTestId('drives-table').isVisible()).toBe(false);

    // The network gone altogether on the drive's page, after its figures arrived: they stay, marked with their time.
    await page.unroute(drivesApi);
    await page.evaluate((id) => (location.hash = `#/drive/${id}`), driveId);
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    await page.route(
      (url) => url.pathname.startsWith('/drives') || url.pathname.startsWith('/provinces'),
      (route) => route.abort('internetdisconnected'),
    );
    await page.locator('[data-testid="load-state"][data-state="stale"]').waitFor({ timeout: 20_000 });
    expect(await text(state)).toContain('سرور پاسخ نداد');
    expect(await page.getByTestId('drive-donations').isVisible()).toBe(true);
  });
});

describe('the programmes', () => {
  const programme = `برنامهٔ راه روستایی ${tag}`;
  const KM = UNITS.kilometre.fa;

  beforeAll(async () => {
    const editor = await tokenFor('editor', '*');
    // Hamadan: 5 of 12 km built, and a plan of 40 km; Fars: 10 of 10 km, no plan.
    await create('/projects', editor, projectBody('IR-13', { programme, outputs: [{ indicator: 'rural_road_km', target: 12, actual: 5 }] }));
    await create('/projects', editor, projectBody('IR-07', { programme, outputs: [{ indicator: 'rural_road_km', target: 10, actual: 10 }] }));
    await create('/plans', admin, { programme, province: 'IR-13', indicator: 'rural_road_km', target: 40, from: '2025-03-21', to: '2026-03-20' });
    await eventually(
      () => api(`/programmes/${encodeURIComponent(programme)}`),
      (r) => r.status === 200 && r.body.outputs?.rural_road_km?.actual === 15 && r.body.outputs.rural_road_km.planned === 40,
      15_000,
    );
  });

  it('each programme: target against actual per indicator, a bar with the percentage and the unit', async () => {
    const { page, errors } = await open('#/programmes', { viewport: DESKTOP });
    const section = page.locator(`section.programme[data-programme="${nameKey(programme)}"]`);
    const road = section.locator('li[data-indicator="rural_road_km"]');
    await road.waitFor({ timeout: 20_000 });
    expect(await text(section.locator('h2'))).toBe(shown(programme));
    // 15 km built against the 40 the plan sets: 37.5%.
    expect(await text(road.locator('.bar-label'))).toBe('راه روستایی');
    expect(await text(road.locator('.bar-value'))).toBe(`۱۵ از ۴۰ ${KM} · ${faPercent(37.5)} (هدف برنامه)`);
    expect(await road.getAttribute('data-percent')).toBe('37.5');
    const exports = await page.locator('[data-testid="exports"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(exports).toEqual(['/programmes.csv', '/programmes.xlsx']);
    await expectNoSeriousViolations(page, 'programmes');
    await screenshot(page, 'programmes-desktop');
    expect(errors).toEqual([]);

    await section.locator('h2 a').click();
    await page.locator('#page-title', { hasText: shown(programme) }).waitFor();
    const provinces = page.locator('section.programme-indicator[data-indicator="rural_road_km"] li');
    await provinces.first().waitFor({ timeout: 20_000 });
    // Per province, highest percentage first: Fars has met its projects' target, Hamadan 5 of the plan's 40.
    expect(await provinces.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.province))).toEqual(['IR-07', 'IR-13']);
    expect(await text(provinces.nth(0).locator('.bar-value'))).toBe(`۱۰ از ۱۰ ${KM} · ${faPercent(100)} (هدف پروژه‌ها)`);
    expect(await text(provinces.nth(1).locator('.bar-value'))).toBe(`۵ از ۴۰ ${KM} · ${faPercent(12.5)} (هدف برنامه)`);
    expect(await provinces.nth(0).locator('.bar.met').count()).toBe(1);
    expect(await text(page.getByTestId('programme-national').locator('li[data-indicator="rural_road_km"] .bar-value'))).toContain(faPercent(37.5));
    await expectNoSeriousViolations(page, 'one programme');
    await screenshot(page, 'programme-desktop');

    const phone = await open(`#/programme/${encodeURIComponent(programme)}`, { viewport: PHONE });
    await phone.page.locator('section.programme-indicator li').first().waitFor({ timeout: 20_000 });
    await screenshot(phone.page, 'programme-phone');
    const phoneList = await open('#/programmes', { viewport: PHONE });
    await phoneList.page
      .locator(`section.programme[data-programme="${nameKey(programme)}"] li`)
      .first()
      .waitFor({ timeout: 20_000 });
    await expectNoSeriousViolations(phoneList.page, 'programmes on a phone');
    await screenshot(phoneList.page, 'programmes-phone');
  });

  it('a programme that does not exist, or the API down: said, not an empty page', async () => {
    const missing = await open(`#/programme/${encodeURIComponent(`برنامهٔ ناموجود ${tag}`)}`);
    await missing.page.locator('[data-testid="load-state"][data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await text(missing.page.getByTestId('load-state'))).toContain('دریافت آمار برنامه ممکن نشد');

    const { page } = await open('#/');
    await page.route(
      (url) => url.pathname.startsWith('/programmes'),
      (route) => route.abort('failed'),
    );
    await page.evaluate(() => (location.hash = '#/programmes'));
    await page.locator('[data-testid="load-state"][data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('no-programmes').count()).toBe(0);
  });
});

describe('ثبت‌های من: the operator’s own records', () => {
  let recordsDrive = '';
  let operatorA = '';
  let operatorB = '';
  let mineDonation = '';
  let mineDistribution = '';
  let theirs = '';

  beforeAll(async () => {
    recordsDrive = await newDrive({});
    [operatorA, operatorB] = await Promise.all([tokenFor('operator', ['IR-13'], `operator-a-${tag}`), tokenFor('operator', ['IR-13'], `operator-b-${tag}`)]);
    mineDonation = (await create('/donations', operatorA, donationBody(recordsDrive, 'IR-13', { amountToman: 2_000_000 }))).id;
    mineDistribution = (await create('/distributions', operatorA, distributionBody(recordsDrive, 'IR-13', { packages: 4, households: 4, valueToman: 0 }))).id;
    theirs = (await create('/donations', operatorB, donationBody(recordsDrive, 'IR-13', { amountToman: 1_000_000 }))).id;
    await driveFigures(recordsDrive, (f) => f.donations.count === 2 && f.distributions.count === 1);
  });

  it('lists only what this operator recorded, newest first; a correction changes the figures; a stale version says so and keeps the edit', async () => {
    const { page, errors } = await open('#/records', { token: operatorA, viewport: DESKTOP });
    const cards = page.getByTestId('records').locator('li.record');
    await cards.first().waitFor({ timeout: 20_000 });
    expect(await cards.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.recordId))).toEqual([mineDistribution, mineDonation]);
    expect(await page.locator(`li[data-record-id="${theirs}"]`).count()).toBe(0);
    expect(await navLinks(page)).toContain('ثبت‌های من');

    // A correction of the donation: 2 million → 3 million; the receipt number with the confirmation.
    const donation = page.locator(`li[data-record-id="${mineDonation}"]`);
    expect(await text(donation.getByTestId('receipt-number'))).toBe(mineDonation);
    await donation.getByRole('button', { name: 'اصلاح', exact: true }).click();
    const amount = donation.locator('[data-field="amountToman"] input');
    expect(await amount.inputValue()).toBe('۲٬۰۰۰٬۰۰۰');
    await amount.fill('۳٬۰۰۰٬۰۰۰');
    await donation.getByRole('button', { name: 'ثبت اصلاح' }).click();
    const donationStatus = donation.getByTestId('record-status');
    await donation.locator('[data-testid="record-status"].success').waitFor();
    expect(await text(donationStatus)).toContain('شمارهٔ رسید');
    expect(await text(donationStatus.getByTestId('receipt-number'))).toBe(mineDonation);
    expect(await donationStatus.getByTestId('receipt-number').getAttribute('dir')).toBe('ltr');
    expect(await text(donation.locator('h3 [data-value="amount"]'))).toBe('۳ میلیون تومان');
    expect((await api(`/donations/${mineDonation}`, { token: operatorA })).body).toMatchObject({ amountToman: '3000000', version: 2 });
    await driveFigures(recordsDrive, (f) => f.donations.totalToman === '4000000');

    // The distribution changes in between (households 4 → 6, elsewhere); the form was opened on version 1.
    const distribution = page.locator(`li[data-record-id="${mineDistribution}"]`);
    await distribution.getByRole('button', { name: 'اصلاح', exact: true }).click();
    const elsewhere = await api(`/distributions/${mineDistribution}`, {
      method: 'PATCH',
      token: operatorA,
      headers: { 'if-match': '"1"' },
      body: { households: 6 },
    });
    expect(elsewhere.status).toBe(200);
    const packages = distribution.locator('[data-field="packages"] input');
    await packages.fill('۸');
    await distribution.getByRole('button', { name: 'ثبت اصلاح' }).click();
    await distribution.locator('[data-testid="record-status"].failure').waitFor();
    const status = distribution.getByTestId('record-status');
    expect(await text(status)).toContain(CONFLICT);
    // The current values, and the reader's edit kept: what they did not touch now shows the current value.
    expect(await text(status.locator('[data-testid="current-values"] [data-field="households"] dd'))).toBe('۶');
    expect(await text(status.locator('[data-testid="current-values"] [data-field="packages"] dd'))).toContain('نوشتهٔ شما: ۸');
    expect(await packages.inputValue()).toBe('۸');
    expect(await distribution.locator('[data-field="households"] input').inputValue()).toBe('۶');
    expect(await text(distribution.locator('h3 [data-value="households"]'))).toBe('۶ خانوار');
    await expectNoSeriousViolations(page, 'records with a conflict');
    await screenshot(page, 'records-conflict-desktop');
    // Sent again, on the current version: both changes stand.
    await distribution.getByRole('button', { name: 'ثبت اصلاح' }).click();
    await distribution.locator('[data-testid="record-status"].success').waitFor();
    expect(await text(distribution.getByTestId('record-status').getByTestId('receipt-number'))).toBe(mineDistribution);
    expect((await api(`/distributions/${mineDistribution}`, { token: operatorA })).body).toMatchObject({ packages: 8, households: 6, version: 3 });
    expect(await text(distribution.locator('h3 [data-value="packages"]'))).toBe('۸ بسته');
    expect(errors.filter((e) => !e.includes('412'))).toEqual([]);

    const phone = await open('#/records', { token: operatorA, viewport: PHONE });
    await phone.page.locator('li.record').first().waitFor({ timeout: 20_000 });
    await phone.page.locator(`li[data-record-id="${mineDonation}"]`).getByRole('button', { name: 'باطل‌کردن' }).click();
    await expectNoSeriousViolations(phone.page, 'records on a phone');
    await screenshot(phone.page, 'records-phone');
  });

  it('voids a record with a reason, keyboard only: shown as voided, final, and gone from the figures', async () => {
    const { page, errors } = await open('#/records', { token: operatorA, viewport: DESKTOP });
    const donation = page.locator(`li[data-record-id="${mineDonation}"]`);
    await donation.waitFor({ timeout: 20_000 });
    await donation.getByRole('button', { name: 'اصلاح', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('باطل‌کردن');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    // No reason: refused here, with the field's message, nothing sent.
    await page.keyboard.press('Enter');
    await donation.locator('[data-error-for="reason"]').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type('ثبت تکراری');
    await page.keyboard.press('Enter');
    await donation.locator('[data-testid="voided-note"]').waitFor();
    expect(await donation.getAttribute('data-state')).toBe('voided');
    expect(await text(donation.getByTestId('voided-note'))).toContain('«ثبت تکراری»');
    expect(await donation.getByRole('button', { name: 'اصلاح', exact: true }).count()).toBe(0);
    expect(await donation.getByRole('button', { name: 'باطل‌کردن' }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('record-status');
    const stored = (await api(`/donations/${mineDonation}`, { token: operatorA })).body;
    expect(stored.voidReason).toBe('ثبت تکراری');
    expect(stored.voidedAt).toBeTruthy();

    // Counted nowhere: the drive now has only the other operator's million.
    await driveFigures(recordsDrive, (f) => f.donations.count === 1 && f.donations.totalToman === '1000000');
    const drive = await open(`#/drive/${recordsDrive}`, { token: operatorA });
    await drive.page.getByTestId('drive-donations').locator('[data-figure="count"] .value', { hasText: '۱' }).waitFor({ timeout: 20_000 });
    expect(await text(drive.page.getByTestId('drive-donations').locator('[data-figure="total"] .value'))).toBe(`۱${NBSP}میلیون تومان`);

    // Read again, it is still there, voided.
    await page.reload();
    await page.locator(`li[data-record-id="${mineDonation}"][data-state="voided"]`).waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  it('the API failing: the error state, not «nothing recorded»; a viewer is told the page is not for them', async () => {
    const { page } = await open('#/', { token: operatorA });
    await page.route(
      (url) => url.pathname.startsWith('/donations'),
      (route) => route.fulfill({ status: 500, contentType: 'application/problem+json', body: '{"status":500}' }),
    );
    await page.evaluate(() => (location.hash = '#/records'));
    await page.locator('[data-testid="load-state"][data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await text(page.getByTestId('load-state'))).toContain('دریافت ثبت‌های شما ممکن نشد');
    expect(await page.getByTestId('no-records').isVisible()).toBe(false);
    expect(await page.locator('li.record').count()).toBe(0);

    const viewer = await open('#/records', { token: await tokenFor('viewer', ['IR-13']) });
    expect(await viewer.page.getByTestId('not-allowed').isVisible()).toBe(true);
    expect(await navLinks(viewer.page)).not.toContain('ثبت‌های من');
  });

  it('the donation form gives the receipt number of the recorded donation', async () => {
    const formDrive = await newDrive({});
    const { page, errors } = await open('#/forms/donation', { token: operatorA });
    await control(page, 'driveId').locator(`option[value="${formDrive}"]`).waitFor({ state: 'attached' });
    await control(page, 'driveId').selectOption(formDrive);
    await control(page, 'channel').fill(`مسجد جامع ${tag}`);
    await control(page, 'amountToman').fill('۱٬۵۰۰٬۰۰۰');
    await page.getByRole('button', { name: 'ثبت کمک' }).click();
    const status = page.locator('[data-testid="form-status"].success');
    await status.waitFor();
    expect(await text(status)).toContain('شمارهٔ رسید:');
    const receipt = status.getByTestId('receipt-number');
    const id = await text(receipt);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await receipt.evaluate((code) => code.tagName)).toBe('CODE');
    expect(await receipt.getAttribute('dir')).toBe('ltr');
    const stored = await api(`/donations/${id}`, { token: admin });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ driveId: formDrive, amountToman: '1500000', createdBy: `operator-a-${tag}` });
    await status.getByRole('button', { name: 'رونوشت شمارهٔ رسید' }).click();
    await status.locator('.copy-status', { hasText: /./ }).waitFor();
    expect(errors).toEqual([]);
  });
});
