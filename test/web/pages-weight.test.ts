import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstFigureAt, launchChromium, sum, watchWire } from '../../bench/pages-wire.ts';
import { DIST_DIR, ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { serveSite } from './support/site-variant.ts';

/**
 * Light on a phone: what the dashboard costs on the wire in Chromium, as `npm start` serves it
 * (Brotli per Accept-Encoding, ETags) against the same pages and API served as they are (no
 * compression, no conditional requests); one font format; idle polls under 1 KB.
 * `npm run bench -- pages` measures the same at length (bench/pages.ts).
 */
let browser: Browser;
let baseline: Awaited<ReturnType<typeof serveSite>>;
const closing: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ensureSiteBuilt();
  baseline = await serveSite({ dir: DIST_DIR, compression: false, conditionalGets: false }, { compression: false, conditionalGets: false });
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

afterAll(async () => {
  await browser?.close();
  await baseline?.close();
});

async function load(url: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  closing.push(() => context.close());
  const page = await context.newPage();
  const wire = await watchWire(page);
  await page.goto(`${url}/#/`);
  await firstFigureAt(page);
  await page.waitForLoadState('networkidle');
  return { page, wire };
}

describe('one font format', () => {
  it('the build ships Vazirmatn as woff2 only: Arabic and Latin, regular and bold; no .woff anywhere', () => {
    const files = readdirSync(DIST_DIR, { recursive: true }).map(String);
    expect(files.filter((f) => /\.woff$/.test(f))).toEqual([]);
    const fonts = files.filter((f) => /\.(woff2|ttf|otf|eot)$/.test(f)).map((f) => f.replace(/^assets\//, '').replace(/-[\w-]{8}\.woff2$/, ''));
    expect(fonts.sort()).toEqual(['vazirmatn-arabic-400-normal', 'vazirmatn-arabic-700-normal', 'vazirmatn-latin-400-normal', 'vazirmatn-latin-700-normal']);
    const css = files.filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(DIST_DIR, f), 'utf8'));
    expect(css.join('\n')).not.toMatch(/\.woff\)|format\(['"]woff['"]\)/);
  });
});

describe('the dashboard on the wire, in Chromium', () => {
  it('a first load comes compressed, at under half the bytes of the same pages served as they are, and fetches woff2 fonts only', async () => {
    const ours = await load(inject('apiUrl'));
    const theirs = await load(baseline.url);
    expect(ours.wire.acceptEncoding()).toMatch(/\bbr\b/);
    // Every text response of 1,000 bytes or more came in Brotli; nothing to the baseline did.
    const text = (type: string) => /javascript|css|html|json|svg|text/.test(type);
    const big = ours.wire.entries.filter((e) => e.status === 200 && text(e.mimeType) && e.bodyBytes >= 1_000);
    expect(big.length).toBeGreaterThanOrEqual(4); // the page, its script and styles, the map, the figures
    for (const entry of big) expect(entry.coding, entry.url).toBe('br');
    expect(theirs.wire.entries.filter((e) => e.coding)).toEqual([]);
    const fonts = ours.wire.entries.filter((e) => e.mimeType.startsWith('font/') || /\.woff2?$/.test(e.url));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.url).toMatch(/\.woff2$/);
    expect(sum(ours.wire.entries)).toBeLessThan(sum(theirs.wire.entries) / 2);
  });

  it('an idle poll is a 304 of under 1 KB on the wire; the figures it replaces came compressed', async () => {
    const { page, wire } = await load(inject('apiUrl'));
    const polls = () => wire.entries.filter((e) => new URL(e.url).pathname === '/provinces');
    const first = polls()[0]!;
    expect(first.status).toBe(200);
    expect(first.coding).toBe('br');
    expect(first.wireBytes).toBeLessThan(first.bodyBytes / 4);
    // Two more polls (every 4 s): nothing changed, so 304s.
    await expect.poll(() => polls().length, { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(3);
    const idle = polls()
      .slice(1)
      .filter((p) => p.status === 304);
    expect(idle.length, JSON.stringify(polls().map((p) => [p.status, p.wireBytes]))).toBeGreaterThanOrEqual(1);
    for (const poll of idle) expect(poll.wireBytes).toBeLessThan(1_024);
    expect(await page.locator('[data-testid^="figure-"]').count()).toBeGreaterThan(0);
  });
});
