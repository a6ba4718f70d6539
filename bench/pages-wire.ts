import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * What a page costs on the wire, as Chromium itself counts it (the DevTools protocol's
 * `encodedDataLength`: status line, headers and body as received, compressed or not). Shared by
 * `npm run bench -- pages` and test/web/pages-weight.test.ts.
 */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless, no sandbox (containers), nothing fetched in the background: the browser tests use these too (test/web/support/browser.ts). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}

export interface WireEntry {
  url: string;
  status: number;
  /** `content-encoding` of the response, if any. */
  coding: string | undefined;
  mimeType: string;
  /** Bytes received: status line, headers and body as sent. */
  wireBytes: number;
  /** The body once decoded. */
  bodyBytes: number;
}

export interface Wire {
  /** Every response that finished loading, in order. */
  entries: WireEntry[];
  /** Accept-Encoding the browser sent (the first request's). */
  acceptEncoding(): string | undefined;
  /** Throttles the page's network like a phone's (latency ms, throughput kbit/s). */
  throttle(conditions: { latencyMs: number; downKbps: number; upKbps: number }): Promise<void>;
}

/** Starts counting a page's traffic (call before it navigates). */
export async function watchWire(page: Page): Promise<Wire> {
  const cdp = await page.context().newCDPSession(page);
  const entries: WireEntry[] = [];
  const pending = new Map<string, WireEntry>();
  let acceptEncoding: string | undefined;
  cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
    const headers = event.headers as Record<string, string>;
    acceptEncoding ??= headers['accept-encoding'] ?? headers['Accept-Encoding'];
  });
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    pending.set(event.requestId, {
      url: event.response.url,
      status: event.response.status,
      coding: headers['content-encoding'],
      mimeType: event.response.mimeType,
      wireBytes: event.response.encodedDataLength,
      bodyBytes: 0,
    });
  });
  cdp.on('Network.dataReceived', (event) => {
    const entry = pending.get(event.requestId);
    if (!entry) return;
    entry.bodyBytes += event.dataLength;
    entry.wireBytes += event.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = pending.get(event.requestId);
    if (!entry) return;
    pending.delete(event.requestId);
    entries.push({ ...entry, wireBytes: event.encodedDataLength });
  });
  // A 304 to the page's own conditional fetch (`cache: 'no-store'`) ends as "aborted" once its
  // headers are handed over: it counts with what was received.
  cdp.on('Network.loadingFailed', (event) => {
    const entry = pending.get(event.requestId);
    if (!entry) return;
    pending.delete(event.requestId);
    entries.push(entry);
  });
  await cdp.send('Network.enable');
  return {
    entries,
    acceptEncoding: () => acceptEncoding,
    async throttle({ latencyMs, downKbps, upKbps }) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: latencyMs,
        downloadThroughput: (downKbps * 1024) / 8,
        uploadThroughput: (upKbps * 1024) / 8,
      });
    },
  };
}

export const sum = (entries: readonly WireEntry[], field: 'wireBytes' | 'bodyBytes' = 'wireBytes') => entries.reduce((s, e) => s + e[field], 0);

/**
 * Waits until the dashboard shows its first figure (a national card or a cell of the province
 * table with a number in it); returns the page's clock then (ms since navigation started).
 */
export async function firstFigureAt(page: Page, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const figure = [...document.querySelectorAll('[data-testid^="figure-"], td[data-figure]')].find((e) => /[\d۰-۹]/.test(e.textContent ?? ''));
      return figure ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}
