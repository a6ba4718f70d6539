import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '@abad/local/stack';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { DESKTOP, PHONE, launchChromium, pagesIn, screenshot, seriousViolations } from './support/browser.ts';

/**
 * Loading, empty, error and stale told apart, on a stack of this file's own (an empty table,
 * and an API this test really stops and starts again): a new Abad says what to do instead of
 * showing zeros; a stopped API is a failure, never «nothing recorded»; the last figures stay,
 * marked with their time, and come back by themselves when the API does.
 */
let browser: Browser;
let stack: LocalStack;
let dataDir: string;
let port = 0;
let dynamoDbPort: number | undefined;

/** Started again on the same ports (the handlers in this process keep their DynamoDB client, as a warm Lambda would). */
async function start(): Promise<LocalStack> {
  return startLocalStack({ dataDir, port, dynamoDbPort, tableName: 'abad-states', log: () => {}, refreshIntervalSeconds: 0 });
}

beforeAll(async () => {
  ensureSiteBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'abad-states-'));
  [browser, stack] = await Promise.all([launchChromium(), start()]);
  port = Number(new URL(stack.url).port);
  dynamoDbPort = Number(new URL(stack.dynamoDbEndpoint).port);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const open = pagesIn(() => browser);

async function post(path: string, body: unknown, token: string) {
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

describe('honest states', () => {
  it('an empty Abad says nothing is recorded yet and what to do, at phone and desktop widths, without serious axe violations', async () => {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, errors } = await open('#/', { baseUrl: stack.url, viewport });
      await page.getByTestId('empty-system').waitFor();
      expect(await page.getByTestId('load-state').getAttribute('data-state')).toBe('empty');
      // No cards of «۰», no table of zeros: the figures are not shown at all.
      expect(await page.getByTestId('province-table').isVisible()).toBe(false);
      const text = await page.getByTestId('empty-system').textContent();
      expect(text).toContain('هنوز چیزی ثبت نشده است');
      expect(text).toContain('npm run demo');
      expect(await page.getByTestId('empty-system').getByRole('link').getAttribute('href')).toBe(`#/sign-in?next=${encodeURIComponent('#/forms/project')}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `states-empty-${name}`);
      expect(errors).toEqual([]);
    }
    const register = await open('#/projects', { baseUrl: stack.url });
    await register.page.getByTestId('empty-system').waitFor();
  });

  it('with the API stopped: an error where the figures would be (never «nothing recorded»), then the last figures marked stale, then fresh ones again', async () => {
    const admin = await stack.issuer.mintToken({ subject: 'states-admin', role: 'admin', provinces: '*' });
    const drive = (await post('/drives', { name: 'پویش آزمایشی', startDate: '2026-01-01' }, admin)) as { id: string };
    await post('/donations', { driveId: drive.id, province: 'IR-13', kind: 'cash', amountToman: '2500000', channel: 'مسجد جامع' }, admin);
    await stack.streamDrained();

    const { page } = await open('#/', { baseUrl: stack.url });
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('figure-donations').textContent()).toContain('۲٫۵');

    await stack.stop();
    // The next poll fails: the figures stay, dimmed, with the time of the last answer.
    const stale = page.locator('[data-testid="load-state"][data-state="stale"]');
    await stale.waitFor({ timeout: 20_000 });
    expect(await stale.textContent()).toMatch(/این آمار مربوط به ساعت [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2} است/);
    expect(await page.getByTestId('figure-donations').textContent()).toContain('۲٫۵');
    expect(await page.getByTestId('empty-system').isVisible()).toBe(false);
    await screenshot(page, 'states-stale-desktop');

    stack = await start();
    await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('figure-donations').textContent()).toContain('۲٫۵');
  }, 90_000);

  it('a page whose reads fail from the start says so and keeps asking, and shows the figures once the API answers', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fa-IR' });
    try {
      const page = await context.newPage();
      let failing = true;
      // The site loads; its reads of the figures fail as a stopped API's would (connection refused).
      await page.route('**/provinces*', (route) => (failing ? route.abort('connectionrefused') : route.continue()));
      await page.goto(`${stack.url}/#/`);
      const error = page.locator('[data-testid="load-state"][data-state="error"]');
      await error.waitFor();
      expect(await error.textContent()).toContain('دریافت آمار ممکن نشد');
      expect(await error.textContent()).toContain('دوباره تلاش می‌شود');
      expect(await page.getByTestId('empty-system').isVisible()).toBe(false);
      expect(await page.getByTestId('province-table').isVisible()).toBe(false);
      failing = false;
      await page.locator('[data-testid="load-state"][data-state="ready"]').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('province-table').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an unknown address shows a not-found page, not the dashboard', async () => {
    for (const hash of ['#/no-such-page', '#/project', '#/report/IR-99', '#/forms/nothing/else']) {
      const { page } = await open(hash, { baseUrl: stack.url });
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('province-table').count(), hash).toBe(0);
      expect(await page.title()).toContain('این صفحه پیدا نشد');
    }
  });
});
