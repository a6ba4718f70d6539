import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, inject } from 'vitest';
import { REPO_ROOT } from '@abad/local/paths';

/**
 * Headless Chromium from Debian (/usr/bin/chromium, which .ci/run installs) driven by
 * playwright-core, with a fresh, temporary user-data-dir of its own: the executable and its
 * flags are defined once, with the pages bench (bench/pages-wire.ts).
 */
export { CHROMIUM, launchChromium } from '../../../bench/pages-wire.ts';

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1366, height: 900 } as const;
export const SCREENSHOT_DIR = join(REPO_ROOT, '.test-output', 'screenshots');

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Errors the page threw or logged (a 4xx/5xx the page asked for shows here too). */
  errors: string[];
  close(): Promise<void>;
}

/** A new tab at `hash` (e.g. `#/forms/donation`), signed in with `token` when given. */
export async function openPage(
  browser: Browser,
  hash: string,
  options: { token?: string; viewport?: { width: number; height: number }; now?: number /** Another stack than the suite's. */; baseUrl?: string } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  // The page's clock stands still at `now` (its timers still run), so a test decides what time of day it is.
  if (options.now !== undefined) await context.clock.setFixedTime(options.now);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  if (options.token) await page.addInitScript((token) => sessionStorage.setItem('abad.token', token), options.token);
  await page.goto(new URL(`/${hash}`, options.baseUrl ?? inject('apiUrl')).toString());
  await page.locator('#page-title').waitFor();
  return { page, context, errors, close: () => context.close() };
}

/**
 * For a test file: opens pages in the file's browser, closes them after each test and the
 * browser after the file (call at module level; `browser` is read when a page is opened).
 */
export function pagesIn(browser: () => Browser | undefined): (hash: string, options?: Parameters<typeof openPage>[2]) => Promise<OpenPage> {
  const opened: OpenPage[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await browser()?.close();
  });
  return async (hash, options = {}) => {
    const page = await openPage(browser()!, hash, options);
    opened.push(page);
    return page;
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string }[];
}

/**
 * axe-core's violations of impact serious or critical on the page as it is now. Its source is
 * evaluated through the DevTools protocol, which the page's Content-Security-Policy (no inline
 * scripts) does not block.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${axeSource}\n;0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
