import { performance } from 'node:perf_hooks';
import { requireStack, type Benchmark } from './benchmark.ts';
import { fmt, summarize } from './stats.ts';

/**
 * Write-to-visible lag: a donation is posted over HTTP and `GET /provinces/{code}` is polled
 * until its count moves, through the real stream poller and aggregator. Sequential, so each
 * sample is one write's whole journey.
 */
const WRITES = Number(process.env.BENCH_FRESHNESS_WRITES || 300);
const POLL_MS = 5;
const GIVE_UP_MS = 10_000;

export const benchmark: Benchmark = {
  name: 'freshness',
  title: 'Freshness: write-to-visible lag of a donation in its province figures',
  async run(context) {
    const stack = requireStack(context);
    const admin = await stack.issuer.mintToken({ subject: 'bench-admin', role: 'admin', provinces: '*' });
    const operator = await stack.issuer.mintToken({ subject: 'bench-operator', role: 'operator', provinces: ['IR-13'] });
    const post = async (path: string, token: string, body: unknown) => {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const count = async () => ((await (await fetch(`${stack.url}/provinces/IR-13`)).json()) as { donations: { count: number } }).donations.count;
    const drive = await post('/drives', admin, { name: 'پویش سنجش', startDate: '2026-01-01' });
    const lags: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      context.signal.throwIfAborted();
      const before = await count();
      const started = performance.now();
      await post('/donations', operator, { driveId: drive.id, province: 'IR-13', county: 'همدان', kind: 'cash', amountToman: 1000 + i, channel: 'صندوق' });
      while ((await count()) === before) {
        if (performance.now() - started > GIVE_UP_MS) throw new Error(`write ${i} not visible after ${GIVE_UP_MS} ms`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      lags.push(performance.now() - started);
      if ((i + 1) % 100 === 0) context.progress(`${i + 1} of ${WRITES}`);
    }
    const lag = summarize(lags);
    return {
      report: [
        `${lag.count} writes, lag from POST to visible in GET /provinces/IR-13: p50 ${fmt(lag.p50)} ms, p99 ${fmt(lag.p99)} ms, max ${fmt(lag.max)} ms`,
        `(poller interval 100 ms; polling the figures every ${POLL_MS} ms)`,
      ],
      results: { lagMs: lag },
    };
  },
};
