import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '@abad/core/text/name-key';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { projectBody, unique } from '../support/fixtures.ts';
import { PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';
import { containsLetters, pdfText } from './support/pdf.ts';

/**
 * The printable province report (`#/report/{code}`): prose written from the live figures, its
 * tables and the map, printed by Chromium to an A4 PDF whose text says what the page says.
 */
let browser: Browser;
const fa = new Intl.NumberFormat('fa-IR');
const PROVINCE = 'IR-29'; // South Khorasan: few other tests write there.

beforeAll(async () => {
  ensureSiteBuilt();
  browser = await launchChromium();
  const editor = await tokenFor('editor', [PROVINCE]);
  const created = await api('/projects', {
    token: editor,
    body: projectBody(PROVINCE, {
      title: unique('کارگاه تولیدی گزارش'),
      category: 'workshop',
      jobsCreated: 93,
      loansToman: '620000000',
      outputs: [{ indicator: 'workshops', target: 5, actual: 4 }],
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}, 60_000);

const open = pagesIn(() => browser);

describe('the printable report', () => {
  it('writes the province in sentences from its figures, with tables and the map, and prints to an A4 PDF with the same text', async () => {
    const { page, errors } = await open(`#/report/${PROVINCE}`);
    // The figures the sentences are written from, as the API has them when the page reads them.
    const figures = await eventually(
      async () => (await api(`/provinces/${PROVINCE}`)).body,
      (f) => (f.outputs.workshops?.actual ?? 0) >= 4,
      30_000,
    );
    expect(figures.outputs.workshops.actual).toBeGreaterThanOrEqual(4);
    await page.reload();
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    const prose = (await page.getByTestId('report-prose').textContent()) ?? '';
    expect(prose).toContain(`در استان خراسان جنوبی تا امروز ${fa.format(figures.outputs.workshops.actual)} کارگاه تولیدی با`);
    expect(prose).toContain(`برای ${fa.format(figures.projects.jobsCreated)} نفر شغل ایجاد شد`);
    expect(await page.getByTestId('report-figures').locator('tbody tr').count()).toBe(9);
    await page.locator('.report-map [data-province]').first().waitFor();
    expect(await page.locator('.report-map .highlight').getAttribute('data-province')).toBe(PROVINCE);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-desktop');

    // Printed: header, footer, toolbar and filters are gone; the report's text is in the PDF.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const { pages, text, width, height } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(Math.round(width)).toBe(595); // A4 in points
    expect(Math.round(height)).toBe(842);
    // Compared by name key (no spaces, one spelling): a line break may fall anywhere in a sentence.
    const printed = (phrase: string) => containsLetters(text, phrase, nameKey);
    expect(printed('گزارش استان خراسان جنوبی'), text).toBe(true);
    expect(printed(`برای ${fa.format(figures.projects.jobsCreated)} نفر شغل ایجاد شد`)).toBe(true);
    expect(printed(`${fa.format(figures.outputs.workshops.actual)} کارگاه تولیدی با`)).toBe(true);
    expect(printed('منبع: آمار زندهٔ')).toBe(true);
    // And not anything at all: a sentence the report does not say is not found.
    expect(printed('در استان تهران هزار مدرسه ساخته شد')).toBe(false);
    expect(errors).toEqual([]);
  }, 90_000);

  it('takes its period from the address and says which it is; the country has its own report; a phone shows it whole', async () => {
    const { page } = await open(`#/report/${PROVINCE}?period=1404`);
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('report-period').textContent()).toContain('سال ۱۴۰۴');
    expect(await page.getByLabel('دورهٔ گزارش').inputValue()).toBe('1404');
    const country = await open('#/report/IR', { viewport: PHONE });
    await country.page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await country.page.locator('#page-title').textContent()).toBe('گزارش کل کشور');
    await screenshot(country.page, 'report-phone');
  }, 60_000);
});
