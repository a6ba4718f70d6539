import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { provinceByCode } from '@abad/core/places/provinces';
import { ruleMessage } from '@abad/core/validation/messages';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { api, tokenFor } from '../support/api.ts';
import { unique } from '../support/fixtures.ts';
import { DESKTOP, launchChromium, pagesIn } from './support/browser.ts';
import { control, errorOf } from './support/forms.ts';

/**
 * The pages speak Persian throughout: stored text with Latin digits is shown with Persian ones,
 * big money is said in «میلیارد تومان» or «همت» (never «تریلیون»), provinces are listed in
 * Persian alphabetical order, and a form's messages come all at once and go as soon as a field
 * is fixed.
 */
let browser: Browser;
let admin: string;
/** Yazd: no other browser test writes there, so its near-completion list is short. */
const PROVINCE = 'IR-21';
const tag = unique('p').split(' ')[1]!;
/** A title as typed on a Latin keyboard: the API keeps it so, the pages show «بلوک ۱۲». */
const title = `بلوک 12 مسکن ${tag}`;
const BUDGET = 1_274_500_000_000n;
let projectId = '';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const persianDigits = (text: string) => text.replace(/[0-9]/g, (d) => PERSIAN[Number(d)]!);
const collator = new Intl.Collator('fa');

beforeAll(async () => {
  ensureSiteBuilt();
  [browser, admin] = await Promise.all([launchChromium(), tokenFor('admin', '*')]);
  const created = await api('/projects', {
    token: admin,
    body: {
      title,
      category: 'housing',
      programme: `مسکن روستایی ${tag}`,
      province: PROVINCE,
      status: 'in_progress',
      progressPercent: 85,
      budgetToman: BUDGET.toString(),
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  projectId = created.body.id;
});

/** Pages of this file: closed after each test, the browser after the file. */
const open = pagesIn(() => browser);

describe('stored text and big amounts on the province page', () => {
  it('shows a title typed with Latin digits in Persian digits, and a big budget in «میلیارد تومان» or «همت», its unit once', async () => {
    // The API returns the title as it was written.
    const stored = await api(`/projects/${projectId}`, { token: admin });
    expect(stored.body.title).toBe(title);

    const { page, errors } = await open(`#/province/${PROVINCE}`, { viewport: DESKTOP });
    await page.getByRole('heading', { level: 1, name: `استان ${provinceByCode(PROVINCE).fa}` }).waitFor();
    const item = page.locator(`[data-testid="near-completion"] li[data-project="${projectId}"]`);
    await item.waitFor();
    const shown = (await item.locator('.near-title').textContent()) ?? '';
    expect(shown).toBe(persianDigits(title));
    expect(shown).toContain('بلوک ۱۲');
    expect(shown).not.toMatch(/[0-9]/);

    // The budget card: at least 1 274.5 billion toman once the figures arrive.
    const budget = page.getByTestId('figure-budget');
    await page.waitForFunction((sel) => /میلیارد|همت/.test(document.querySelector(sel)?.textContent ?? ''), '[data-testid="figure-budget"]', {
      timeout: 20_000,
    });
    const value = ((await budget.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(value).toMatch(/^[۰-۹٬٫]+ (میلیارد تومان|همت)$/);
    const card = page.locator('.card').filter({ has: budget });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).not.toContain('تریلیون');
    // The unit once per card: not in the heading, not after the exact amount.
    expect(cardText.match(/تومان|همت/g) ?? []).toHaveLength(1);
    expect(await page.locator('main').textContent()).not.toContain('تریلیون');
    expect(errors).toEqual([]);
  });
});

describe('Persian alphabetical order', () => {
  it('lists the provinces of a form and of the dashboard table in Persian alphabetical order', async () => {
    const form = await open('#/forms/project', { token: admin });
    const labels = await control(form.page, 'province')
      .locator('option')
      .evaluateAll((os) => os.filter((o) => (o as HTMLOptionElement).value.startsWith('IR-')).map((o) => o.textContent ?? ''));
    expect(labels).toHaveLength(31);
    expect(labels).toEqual([...labels].sort(collator.compare));

    const { page } = await open('#/', { viewport: DESKTOP });
    await page.locator('[data-testid="province-table"] tbody tr').nth(30).waitFor();
    const names = await page.locator('[data-testid="province-table"] tbody th[scope="row"]').allTextContents();
    expect(names).toHaveLength(31);
    expect(names).toEqual([...names].sort(collator.compare));
  });
});

describe('form messages', () => {
  it('a message goes as soon as its field is fixed; the others stay', async () => {
    const editor = await tokenFor('editor', [PROVINCE]);
    const { page } = await open('#/forms/project', { token: editor });
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();
    await errorOf(page, 'title').waitFor({ state: 'visible' });
    await errorOf(page, 'programme').waitFor({ state: 'visible' });
    expect(await control(page, 'title').getAttribute('aria-invalid')).toBe('true');

    await control(page, 'title').fill('بلوک ۱۲');
    await errorOf(page, 'title').waitFor({ state: 'hidden' });
    expect(await control(page, 'title').getAttribute('aria-invalid')).toBeNull();
    // Only the fixed field lost its message.
    expect(await errorOf(page, 'programme').isVisible()).toBe(true);
    expect(await errorOf(page, 'category').isVisible()).toBe(true);

    await control(page, 'category').selectOption('housing');
    await errorOf(page, 'category').waitFor({ state: 'hidden' });
    expect(await errorOf(page, 'programme').isVisible()).toBe(true);
  });

  it('a completed project at 80% with no title: both messages at once, and the rule goes when the status is fixed', async () => {
    const editor = await tokenFor('editor', [PROVINCE]);
    const { page } = await open('#/forms/project', { token: editor });
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/projects') posts++;
    });
    await control(page, 'category').selectOption('housing');
    await control(page, 'programme').fill('مسکن روستایی');
    await control(page, 'status').selectOption('completed');
    await control(page, 'progressPercent').fill('80');
    await page.getByRole('button', { name: 'ثبت پروژه' }).click();

    await errorOf(page, 'title').waitFor({ state: 'visible' });
    await errorOf(page, 'progressPercent').waitFor({ state: 'visible' });
    expect(await errorOf(page, 'progressPercent').textContent()).toBe(ruleMessage('finishedNeeds100', 'fa'));
    expect((await errorOf(page, 'title').textContent())?.trim()).not.toBe('');
    // The first wrong field in the page gets the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
    expect(posts).toBe(0);

    // Fixing the status fixes the rule: its message goes; the title's stays.
    await control(page, 'status').selectOption('in_progress');
    await errorOf(page, 'progressPercent').waitFor({ state: 'hidden' });
    expect(await errorOf(page, 'title').isVisible()).toBe(true);
  });
});

describe('phone numbers', () => {
  it('the donation form says which numbers it takes and echoes the typed one in Persian digits', async () => {
    const { page } = await open('#/forms/donation', { token: admin });
    const field = page.locator('[data-field="donor.phone"]');
    const hint = (await field.locator('.hint').textContent()) ?? '';
    expect(hint).toContain('۰۹');
    expect(hint).toContain('کد شهر');
    await control(page, 'donor.phone').fill('0912 123 4567');
    expect(((await field.locator('.echo').textContent()) ?? '').replace(/[\u2066\u2069]/g, '')).toBe('۰۹۱۲ ۱۲۳ ۴۵۶۷');
    // What is sent stays what was typed.
    expect(await control(page, 'donor.phone').inputValue()).toBe('0912 123 4567');
  });
});

describe('what the gateway says itself', () => {
  it('a 502 from the gateway (no Persian in it) tells the user what to do, not a number; a retry then writes once', async () => {
    const { page } = await open('#/forms/drive', { token: admin });
    let failed = 0;
    await page.route('**/drives', async (route) => {
      if (route.request().method() === 'POST' && failed++ === 0) {
        await route.fulfill({ status: 502, contentType: 'application/json', body: '{"message":"Internal Server Error"}' });
      } else await route.continue();
    });
    const name = `پویش درگاه ${tag}`;
    await control(page, 'name').fill(name);
    await page.getByRole('button', { name: 'ثبت پویش' }).click();
    const status = page.locator('[data-testid="form-status"].failure');
    await status.waitFor();
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('چند لحظه بعد دوباره');
    expect(text).not.toMatch(/[0-9۰-۹]/);
    expect(text).not.toMatch(/[A-Za-z]/);
    await page.getByRole('button', { name: 'ثبت پویش' }).click();
    await page.locator('[data-testid="form-status"].success').waitFor();
    const drives = await api('/drives?limit=100');
    expect(drives.body.items.filter((d: { name: string }) => d.name === name)).toHaveLength(1);
  });
});

describe('date pickers', () => {
  it('reach back to 1380 and forward as far as the field allows: 30 years for a planned date, this year for what happened', async () => {
    const thisYear = Number(new Intl.DateTimeFormat('en-u-ca-persian', { year: 'numeric', timeZone: 'Asia/Tehran' }).format(new Date()).replace(/\D.*$/, ''));
    const years = async (page: import('playwright-core').Page, name: string) =>
      page
        .locator(`fieldset[data-field="${name}"]`)
        .getByLabel('سال')
        .locator('option[value]:not([value=""])')
        .evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
    const project = await open('#/forms/project', { token: admin });
    const planned = await years(project.page, 'startDate');
    expect(planned[0]).toBe(1380);
    expect(planned.at(-1)).toBe(thisYear + 30);
    const donation = await open('#/forms/donation', { token: admin });
    const received = await years(donation.page, 'receivedAt');
    expect(received[0]).toBe(1380);
    expect(received.at(-1)).toBe(thisYear);
  });
});
