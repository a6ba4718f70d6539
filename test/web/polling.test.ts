import type { Browser, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { createDrive } from '../support/fixtures.ts';
import { launchChromium, openPage, type OpenPage } from './support/browser.ts';
import { somethingRecorded } from './support/recorded.ts';

/**
 * The dashboard's polls in a real browser: each sends back the ETag of the figures it has, so
 * a poll that finds nothing new is a 304 of a few hundred bytes and the page keeps its
 * figures; a hidden tab does not poll at all. The pages poll every 4 s.
 */
let browser: Browser;
let opened: OpenPage | undefined;

beforeAll(async () => {
  ensureSiteBuilt();
  browser = await launchChromium();
  await somethingRecorded(await createDrive());
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
});

const isProvincesPoll = (request: Request) => request.method() === 'GET' && new URL(request.url()).pathname === '/provinces';

async function until(condition: () => boolean, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('polling the live figures', () => {
  it('an idle poll sends the last ETag and costs under 1 KB (304); the page keeps its figures', { timeout: 60_000 }, async () => {
    opened = await openPage(browser, '#/');
    const { page, errors } = opened;
    const polls: { response: Response; ifNoneMatch: string | undefined; bytes: number }[] = [];
    page.on('response', (response) => {
      if (!isProvincesPoll(response.request())) return;
      void Promise.all([response.request().allHeaders(), response.request().sizes()]).then(([headers, sizes]) =>
        polls.push({ response, ifNoneMatch: headers['if-none-match'], bytes: sizes.responseHeadersSize + sizes.responseBodySize }),
      );
    });
    const row = page.locator('tbody tr[data-province="IR-13"] td[data-figure="projects"]');
    await row.filter({ hasText: /./ }).waitFor();
    const shown = await row.textContent();

    // Two polls in a row that found the figures unchanged (the first answer may come before the listener).
    const idle = () => polls.slice(-2).filter((p) => p.response.status() === 304).length === 2;
    await until(idle, 30_000);
    expect(idle(), JSON.stringify(polls.map((p) => [p.response.status(), p.bytes]))).toBe(true);

    for (const [i, poll] of polls.entries()) {
      if (poll.response.status() === 200) {
        // The whole figures, compressed (brotli or gzip): still several times a 304.
        expect(await poll.response.headerValue('content-encoding')).toMatch(/^(br|gzip)$/);
        expect(poll.bytes).toBeGreaterThan(2_048);
        continue;
      }
      expect(poll.response.status()).toBe(304);
      expect(poll.bytes, `poll ${i}`).toBeLessThan(1_024);
      // It names the figures the page has: the ETag of the last 200 it got.
      const last200 = polls.slice(0, i).findLast((p) => p.response.status() === 200);
      if (last200) expect(poll.ifNoneMatch).toBe(await last200.response.headerValue('etag'));
      else expect(poll.ifNoneMatch).toMatch(/^"[\w-]+"$/);
    }
    expect(await row.textContent()).toBe(shown);
    expect(errors).toEqual([]);
  });

  it('a hidden tab stops polling, and asks at once when it is shown again', { timeout: 60_000 }, async () => {
    const { page } = opened!;
    let requests = 0;
    page.on('request', (request) => {
      if (isProvincesPoll(request)) requests++;
    });
    // Chromium's headless tabs are always visible: the page is told what a browser tells it when its tab is hidden.
    const setHidden = (hidden: boolean) =>
      page.evaluate((hidden) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await new Promise((r) => setTimeout(r, 500)); // a poll already under way may finish
    const before = requests;
    await new Promise((r) => setTimeout(r, 9_000)); // more than two 4 s intervals
    expect(requests).toBe(before);

    await setHidden(false);
    await until(() => requests > before, 2_000);
    expect(requests).toBe(before + 1);
  });
});
