import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { countiesOf, PROVINCES } from '@abad/core';
import { findFreePort } from '@abad/local/free-port';
import { createHttpServer } from '@abad/local/http-adapter';
import { importHandler } from '@abad/local/routes';
import { createStaticSite } from '@abad/local/static-site';
import { ensureSiteBuilt } from '../packages/web/scripts/build-site.ts';
import { POLL_INTERVAL_MS } from '../packages/web/src/config.ts';
import { requireStack, type Benchmark } from './benchmark.ts';
import { firstFigureAt, launchChromium, sum, watchWire, type WireEntry } from './pages-wire.ts';
import { fmt, runSeries, summarize } from './stats.ts';

/**
 * The dashboard in headless Chromium, as `npm start` serves it (Brotli or gzip per
 * Accept-Encoding, ETags and 304s, fonts in woff2 only) against the same pages and API served
 * as they are (no compression, no conditional requests: a second server in this process over
 * the same table, with static-site's and the adapter's switches off), in the same run:
 *
 * - the first load of `#/` in a fresh browser context: bytes on the wire (Chromium's own count:
 *   headers and bodies as received) and requests, until the page is idle;
 * - an idle minute of polling: the page's clock is driven through the minute (Playwright's
 *   clock: 60 s / the 4 s poll interval = 15 polls, each a real request) and every byte counted;
 * - time to the first figure, from navigation to a figure on screen, on a phone's network
 *   (Chromium's throttling: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, Lighthouse's
 *   "slow 4G") and on loopback, alternating the two servers, median of BENCH_PAGES_RUNS (5).
 */
const RUNS = Math.max(1, Number(process.env.BENCH_PAGES_RUNS || 5));
const PHONE = { latencyMs: 150, downKbps: 1_600, upKbps: 750 };
const IDLE_MINUTE_MS = 60_000;

interface Variant {
  name: string;
  url: string;
}

interface FirstLoad {
  /** Path → bytes on the wire (encoding), for the record. */
  resources: string[];
  wireBytes: number;
  bodyBytes: number;
  requests: number;
  coded: number;
  fonts: string[];
  msToFigure: number;
}

async function firstLoad(browser: Browser, variant: Variant, phone: boolean): Promise<FirstLoad & { acceptEncoding: string | undefined }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  try {
    const page = await context.newPage();
    const wire = await watchWire(page);
    if (phone) await wire.throttle(PHONE);
    await page.goto(`${variant.url}/#/`);
    const msToFigure = await firstFigureAt(page);
    await page.waitForLoadState('networkidle');
    const entries = wire.entries.filter((e) => !isPoll(e) || wire.entries.indexOf(e) === wire.entries.findIndex(isPoll));
    return {
      resources: entries.map((e) => `${new URL(e.url).pathname.replace(/^\/assets\//, '')} ${e.wireBytes}${e.coding ? ` ${e.coding}` : ''}`),
      wireBytes: sum(entries),
      bodyBytes: sum(entries, 'bodyBytes'),
      requests: entries.length,
      coded: entries.filter((e) => e.coding).length,
      fonts: entries.filter((e) => /\.(woff2?|ttf|otf)$/.test(new URL(e.url).pathname)).map((e) => new URL(e.url).pathname.split('/').pop()!),
      msToFigure,
      acceptEncoding: wire.acceptEncoding(),
    };
  } finally {
    await context.close();
  }
}

const isPoll = (e: WireEntry) => new URL(e.url).pathname === '/provinces';

/** The dashboard left open for a minute: every byte of its polls, the page's clock driven through the minute. */
async function idleMinute(browser: Browser, variant: Variant): Promise<{ wireBytes: number; polls: number; statuses: number[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  try {
    await context.clock.install();
    const page = await context.newPage();
    const wire = await watchWire(page);
    await page.goto(`${variant.url}/#/`);
    await firstFigureAt(page);
    await page.waitForLoadState('networkidle');
    await page.clock.pauseAt(Date.now() + 1_000);
    const from = wire.entries.length;
    for (let elapsed = 0; elapsed < IDLE_MINUTE_MS; elapsed += POLL_INTERVAL_MS) {
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/provinces');
      await page.clock.runFor(POLL_INTERVAL_MS);
      await answered;
      await settle(page, wire.entries, from);
    }
    const minute = wire.entries.slice(from);
    return { wireBytes: sum(minute), polls: minute.filter(isPoll).length, statuses: [...new Set(minute.map((e) => e.status))].sort() };
  } finally {
    await context.close();
  }
}

/** Lets the last response finish loading (its loadingFinished event) before counting. */
async function settle(page: Page, entries: WireEntry[], from: number): Promise<void> {
  const polls = () => entries.slice(from).filter(isPoll).length;
  const before = polls();
  for (let i = 0; i < 50 && polls() === before; i++) await page.waitForTimeout(20);
}

/** Figures in every province: three projects and two donations each, in catalogue counties. */
async function seed(stack: ReturnType<typeof requireStack>, signal: AbortSignal, progress: (line: string) => void): Promise<void> {
  const admin = await stack.issuer.mintToken({ subject: 'bench-admin', role: 'admin', provinces: '*' });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as { id: string };
  };
  const { id: driveId } = await post('/drives', { name: 'پویش سنجش صفحه‌ها', startDate: '2026-01-01' });
  const writes: (() => Promise<unknown>)[] = [];
  for (const { code } of PROVINCES) {
    const counties = countiesOf(code).map((c) => c.name);
    for (let i = 0; i < 3; i++) {
      const county = counties[i % counties.length];
      writes.push(() =>
        post('/projects', {
          title: 'بازسازی مدرسه',
          category: i % 2 ? 'housing' : 'school',
          programme: 'سنجش',
          province: code,
          county,
          budgetToman: 1_000_000_000 + i,
          jobsCreated: i,
          progressPercent: (i * 37) % 101,
          status: 'in_progress',
        }),
      );
    }
    for (let i = 0; i < 2; i++) {
      const county = counties[i % counties.length];
      writes.push(() => post('/donations', { driveId, province: code, county, kind: 'cash', amountToman: 5_000_000 + i, channel: 'صندوق' }));
    }
  }
  progress(`seeding: ${writes.length} writes through the API`);
  await runSeries(writes.length, 8, (i) => writes[i]!().then(() => undefined), signal);
  await stack.streamDrained();
}

/** The baseline: the same pages and API, served as they are, never a 304. */
async function startBaseline(stack: ReturnType<typeof requireStack>): Promise<{ url: string; server: Server }> {
  const port = await findFreePort();
  const server = createHttpServer({
    routes: stack.routes,
    loadHandler: importHandler,
    issuer: stack.issuer,
    compression: false,
    conditionalGets: false,
    site: createStaticSite({ issuer: stack.issuer, compression: false, conditionalGets: false }),
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://localhost:${port}`, server };
}

const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
const median = (values: number[]) => summarize(values).p50;

export const benchmark: Benchmark = {
  name: 'pages',
  title: 'Pages on the wire: the dashboard compressed with conditional polls, against the same served as is',
  async run(context) {
    const stack = requireStack(context);
    ensureSiteBuilt();
    await seed(stack, context.signal, context.progress);
    const baseline = await startBaseline(stack);
    const variants: Variant[] = [
      { name: 'pages', url: stack.url },
      { name: 'baseline', url: baseline.url },
    ];
    const browser = await launchChromium();
    try {
      // One warm-up each: the site's compressed copies, the handlers' modules, the figures' one-second memory.
      for (const variant of variants) await firstLoad(browser, variant, false);
      const loads: Record<string, { loopback: FirstLoad[]; phone: FirstLoad[] }> = {
        pages: { loopback: [], phone: [] },
        baseline: { loopback: [], phone: [] },
      };
      let acceptEncoding: string | undefined;
      for (let run = 0; run < RUNS; run++) {
        context.signal.throwIfAborted();
        const order = run % 2 ? [...variants].reverse() : variants;
        for (const variant of order) {
          const loopback = await firstLoad(browser, variant, false);
          acceptEncoding ??= loopback.acceptEncoding;
          loads[variant.name]!.loopback.push(loopback);
          loads[variant.name]!.phone.push(await firstLoad(browser, variant, true));
        }
        context.progress(`first loads: run ${run + 1} of ${RUNS}`);
      }
      const idle: Record<string, Awaited<ReturnType<typeof idleMinute>>> = {};
      for (const variant of variants) idle[variant.name] = await idleMinute(browser, variant);
      context.progress('idle minutes measured');

      const summary = Object.fromEntries(
        variants.map(({ name }) => {
          const l = loads[name]!;
          return [
            name,
            {
              firstLoadWireBytes: median(l.loopback.map((x) => x.wireBytes)),
              firstLoadBodyBytes: median(l.loopback.map((x) => x.bodyBytes)),
              firstLoadRequests: median(l.loopback.map((x) => x.requests)),
              compressedResponses: median(l.loopback.map((x) => x.coded)),
              fonts: l.loopback[0]!.fonts,
              resources: l.loopback[0]!.resources,
              msToFigureLoopback: summarize(l.loopback.map((x) => x.msToFigure)),
              msToFigurePhone: summarize(l.phone.map((x) => x.msToFigure)),
              idleMinuteWireBytes: idle[name]!.wireBytes,
              idleMinutePolls: idle[name]!.polls,
              idleMinuteStatuses: idle[name]!.statuses,
            },
          ];
        }),
      );
      const p = summary.pages!;
      const b = summary.baseline!;
      const ratio = (base: number, ours: number) => `${fmt(base / ours)}×`;
      const row = (label: string, ours: string, base: string, r: string) => `${label.padEnd(34)}${ours.padStart(14)}${base.padStart(16)}${r.padStart(9)}`;
      return {
        report: [
          `Chromium asks Accept-Encoding: ${acceptEncoding ?? '?'}; ${RUNS} runs per server, alternating; phone network: ${PHONE.latencyMs} ms, ${PHONE.downKbps} kbit/s down`,
          row('', 'pages', 'baseline', 'ratio'),
          row('first load: bytes on the wire', kb(p.firstLoadWireBytes), kb(b.firstLoadWireBytes), ratio(b.firstLoadWireBytes, p.firstLoadWireBytes)),
          row('  (decoded)', kb(p.firstLoadBodyBytes), kb(b.firstLoadBodyBytes), ''),
          row('  requests (compressed)', `${p.firstLoadRequests} (${p.compressedResponses})`, `${b.firstLoadRequests} (${b.compressedResponses})`, ''),
          row(
            `idle minute: bytes (${p.idleMinutePolls} polls)`,
            kb(p.idleMinuteWireBytes),
            kb(b.idleMinuteWireBytes),
            ratio(b.idleMinuteWireBytes, p.idleMinuteWireBytes),
          ),
          row('  per poll', `${Math.round(p.idleMinuteWireBytes / p.idleMinutePolls)} B`, `${Math.round(b.idleMinuteWireBytes / b.idleMinutePolls)} B`, ''),
          row(
            'first figure, phone network p50',
            `${fmt(p.msToFigurePhone.p50)} ms`,
            `${fmt(b.msToFigurePhone.p50)} ms`,
            ratio(b.msToFigurePhone.p50, p.msToFigurePhone.p50),
          ),
          row(
            'first figure, loopback p50',
            `${fmt(p.msToFigureLoopback.p50)} ms`,
            `${fmt(b.msToFigureLoopback.p50)} ms`,
            ratio(b.msToFigureLoopback.p50, p.msToFigureLoopback.p50),
          ),
          `fonts loaded: ${p.fonts.join(', ')}`,
          `idle-minute statuses: pages ${p.idleMinuteStatuses.join('/')}, baseline ${b.idleMinuteStatuses.join('/')}`,
        ],
        results: { runs: RUNS, acceptEncoding, phone: PHONE, pollIntervalMs: POLL_INTERVAL_MS, ...summary },
      };
    } finally {
      await browser.close();
      baseline.server.closeAllConnections();
      await new Promise((resolve) => baseline.server.close(resolve));
    }
  },
};
