import { Agent, request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PROVINCES, countiesOf, createDocumentClient, type ProvinceCode } from '@abad/core';
import { scopes } from '@abad/core/aggregation/scopes';
import { indexPartitions, keys, partitionQuery } from '@abad/core/table/keys';
import { localDynamoDbClientConfig } from '@abad/local/client-config';
import type { LocalStack } from '@abad/local/stack';
import { requireStack, type Benchmark } from './benchmark.ts';
import { countApiDynamoDbRequests } from './dynamodb-requests.ts';
import { fmt, runSeries, throughput, type Series, type Throughput } from './stats.ts';

/**
 * What the public read path costs over the bare database: `GET /provinces`, `GET
 * /provinces/{code}` and `GET /projects?province=` over HTTP, each against the raw DynamoDB
 * reads that answer it when nothing is cached (a BatchGet of the 31 province aggregates; a
 * GetItem of the province aggregate beside the Query of its counties; the page's Query on
 * GSI1), at the same concurrency, in the same run, against the same table. Also counted:
 * DynamoDB requests per read (machine-independent), and the bytes one dashboard poll costs
 * with (`If-None-Match`, 304) and without (200) the last ETag.
 *
 * The requests are counted in a series of their own after the timing: the counter marks every
 * request the server receives with an AsyncLocalStorage, which slows every promise in the
 * process from then on, and the API path makes many more promises than the raw one. (So this
 * benchmark runs before write-throughput, which counts while it times: see run.ts.)
 */
const CONCURRENCY = 16;
const WARMUP = 500;
const COUNTED_READS = 1_000;
const ROUNDS = 8;
const DEFAULT_READS = 4_000;
const MAX_READS = 200_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The province page reads, as the web pages ask for them (`views/province-page.ts`). */
const PROVINCE: ProvinceCode = 'IR-23';
const PROJECTS_IN_PROVINCE = 40;
const PAGE_LIMIT = 100;

function readCount(): number {
  const raw = process.env.BENCH_READS;
  if (raw === undefined || raw === '') return DEFAULT_READS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < ROUNDS || n > MAX_READS) throw new Error(`BENCH_READS must be an integer from ${ROUNDS} to ${MAX_READS}, not "${raw}"`);
  return n;
}

/** The stack names itself `localhost` but listens on 127.0.0.1: go there directly. */
function apiUrl(stack: LocalStack, path: string): URL {
  const url = new URL(path, stack.url);
  url.hostname = '127.0.0.1';
  return url;
}

/**
 * The API's reader uses what the raw path's SDK uses, Node's http client with kept-alive
 * connections, and receives every byte of the answer; what it then does with them is the
 * reader's business, not the API's (each path's answer is checked once before the timing).
 */
const readers = new Agent({ keepAlive: true, maxSockets: 64 });

function getBody(stack: LocalStack, path: string, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const options = { agent: readers, headers: { 'accept-language': 'fa' }, signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) };
    const req = httpRequest(apiUrl(stack, path), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200 || body.length === 0) reject(new Error(`GET ${path} answered ${res.statusCode}: ${body.toString('utf8', 0, 500)}`));
        else resolve(body);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function get(stack: LocalStack, path: string, signal: AbortSignal): Promise<void> {
  await getBody(stack, path, signal);
}

async function post(stack: LocalStack, path: string, token: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(apiUrl(stack, path), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { id: string };
}

/** Figures in every province and several counties of each; a full page of projects in one. */
export async function seed(stack: LocalStack, signal: AbortSignal, progress: (line: string) => void): Promise<void> {
  const admin = await stack.issuer.mintToken({ subject: 'bench-admin', role: 'admin', provinces: '*' });
  const { id: driveId } = await post(stack, '/drives', admin, { name: 'پویش سنجش خواندن', startDate: '2026-01-01' });
  const writes: (() => Promise<unknown>)[] = [];
  for (const { code } of PROVINCES) {
    const projects = code === PROVINCE ? PROJECTS_IN_PROVINCE : 3;
    // Five counties of the province's catalogue (a county outside it is refused).
    const counties = countiesOf(code)
      .slice(0, 5)
      .map((c) => c.name);
    for (let i = 0; i < projects; i++) {
      writes.push(() =>
        post(stack, '/projects', admin, {
          title: 'بازسازی مدرسه',
          category: i % 2 ? 'housing' : 'school',
          programme: 'سنجش',
          province: code,
          county: counties[i % counties.length],
          budgetToman: 1_000_000_000 + i,
          jobsCreated: i,
          progressPercent: (i * 17) % 101,
          status: 'in_progress',
        }),
      );
    }
    for (let i = 0; i < 2; i++) {
      writes.push(() =>
        post(stack, '/donations', admin, {
          driveId,
          province: code,
          county: counties[i % counties.length],
          kind: 'cash',
          amountToman: 5_000_000 + i,
          channel: 'صندوق',
        }),
      );
    }
  }
  progress(`seeding: ${writes.length} writes through the API`);
  await runSeries(writes.length, 8, (i) => writes[i]!().then(() => undefined), signal);
  await stack.streamDrained();
}

interface Path {
  label: string;
  task: () => Promise<void>;
  series: Series[];
}

/** The DynamoDB requests the API's handlers sent while it answered `reads` reads in `seconds`. */
interface Counted {
  reads: number;
  seconds: number;
  requests: Record<string, number>;
}

interface Comparison {
  name: string;
  api: Path;
  raw: Path;
  /** What the raw path sends per read, by construction. */
  rawRequests: Record<string, number>;
}

/** One GET over a fresh connection, with every byte the client received counted (status line, headers, body). */
function bytesOfOnePoll(
  stack: LocalStack,
  path: string,
  ifNoneMatch?: string,
): Promise<{ status: number; bytes: number; bodyBytes: number; gzipBodyBytes: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-language': 'fa', ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) };
    const req = httpRequest(apiUrl(stack, path), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const etag = res.headers.etag;
        resolve({
          status: res.statusCode ?? 0,
          bytes: res.socket?.bytesRead ?? Number.NaN,
          bodyBytes: body.length,
          gzipBodyBytes: body.length ? gzipSync(body).length : 0,
          etag,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const benchmark: Benchmark = {
  name: 'read-throughput',
  title: 'Read throughput: public figure reads through the HTTP API vs. the raw DynamoDB reads behind them',
  async run(context) {
    const { signal, progress } = context;
    const stack = requireStack(context);
    const n = readCount();
    const doc = createDocumentClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint));
    try {
      await seed(stack, signal, progress);
      const table = stack.tableName;
      const provinceKeys = PROVINCES.map((p) => keys.aggregate(scopes.province(p.code)));
      const countyKeys = countiesOf(PROVINCE).map((c) => keys.aggregate(scopes.county(PROVINCE, c.code)));
      const comparisons: Comparison[] = [
        {
          name: 'GET /provinces',
          api: path('HTTP API', () => get(stack, '/provinces', signal)),
          raw: path('raw BatchGet (31 aggregates)', async () => {
            const result = await doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: provinceKeys, ConsistentRead: true } } }), {
              abortSignal: signal,
            });
            if ((result.Responses?.[table]?.length ?? 0) !== PROVINCES.length) throw new Error('BatchGet did not return all 31 aggregates');
          }),
          rawRequests: { BatchGetItem: 1 },
        },
        {
          name: `GET /provinces/${PROVINCE}`,
          api: path('HTTP API', () => get(stack, `/provinces/${PROVINCE}`, signal)),
          raw: path('raw GetItem + county BatchGet', async () => {
            await Promise.all([
              doc.send(new GetCommand({ TableName: table, Key: keys.aggregate(scopes.province(PROVINCE)), ConsistentRead: true }), { abortSignal: signal }),
              doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: countyKeys, ConsistentRead: true } } }), { abortSignal: signal }),
            ]);
          }),
          rawRequests: { GetItem: 1, BatchGetItem: 1 },
        },
        {
          name: `GET /projects?province=${PROVINCE}&limit=${PAGE_LIMIT}`,
          api: path('HTTP API', () => get(stack, `/projects?province=${PROVINCE}&limit=${PAGE_LIMIT}`, signal)),
          raw: path('raw Query (province index, one page)', async () => {
            const result = await doc.send(
              new QueryCommand({
                TableName: table,
                ...partitionQuery(indexPartitions.byProvince(PROVINCE, 'Project')),
                ScanIndexForward: false,
                Limit: PAGE_LIMIT,
              }),
              { abortSignal: signal },
            );
            if ((result.Items?.length ?? 0) !== PROJECTS_IN_PROVINCE)
              throw new Error(`the Query found ${result.Items?.length} projects, not ${PROJECTS_IN_PROVINCE}`);
          }),
          rawRequests: { Query: 1 },
        },
      ];

      // Each path's answer, once, before the timing: the API's is the JSON the pages read.
      for (const path of ['/provinces', `/provinces/${PROVINCE}`, `/projects?province=${PROVINCE}&limit=${PAGE_LIMIT}`]) {
        const body = JSON.parse((await getBody(stack, path, signal)).toString('utf8')) as { provinces?: unknown[]; counties?: unknown[]; items?: unknown[] };
        const size = body.provinces?.length ?? body.counties?.length ?? body.items?.length;
        if (!size) throw new Error(`GET ${path}: an empty answer`);
      }
      progress(`warming up: ${WARMUP} reads on each path`);
      for (const c of comparisons) for (const p of [c.raw, c.api]) await runSeries(WARMUP, CONCURRENCY, p.task, signal);

      // As in write-throughput: paths take turns in rounds, the order reversed every other
      // round, so the machine's other load does not land on one path only.
      for (let round = 0; round < ROUNDS; round++) {
        const size = Math.floor((n * (round + 1)) / ROUNDS) - Math.floor((n * round) / ROUNDS);
        progress(`round ${round + 1} of ${ROUNDS}: ${size} reads on each path`);
        for (const c of comparisons) {
          for (const p of round % 2 === 0 ? [c.raw, c.api] : [c.api, c.raw]) {
            p.series.push(await runSeries(size, CONCURRENCY, p.task, signal));
          }
        }
      }

      progress(`counting DynamoDB requests: ${COUNTED_READS} more reads on each API path`);
      const counted = new Map<Comparison, Counted>();
      for (const c of comparisons) {
        const requests = countApiDynamoDbRequests();
        const series = await runSeries(COUNTED_READS, CONCURRENCY, c.api.task, signal);
        counted.set(c, { reads: COUNTED_READS, seconds: series.seconds, requests: requests() });
      }

      // Bytes of one dashboard poll: the first (200, with the ETag), then one that sends it back.
      const first = await bytesOfOnePoll(stack, '/provinces');
      const again = await bytesOfOnePoll(stack, '/provinces', first.etag);

      const row = (label: string, t: Throughput) =>
        `  ${label.padEnd(38)}${fmt(t.perSecond).padStart(10)}${fmt(t.latencyMs.p50).padStart(10)}${fmt(t.latencyMs.p99).padStart(10)}`;
      const report = [
        `${fmt(n, 0)} reads per path at concurrency ${CONCURRENCY}, in ${ROUNDS} alternating rounds, after ${WARMUP} unmeasured warm-up reads per path;`,
        `DynamoDB requests counted in ${fmt(COUNTED_READS, 0)} further reads per API path (counting slows what it watches)`,
      ];
      const results: Record<string, unknown> = { reads: n, concurrency: CONCURRENCY, rounds: ROUNDS, warmup: WARMUP };
      const byRead: Record<string, unknown> = {};
      for (const c of comparisons) {
        const [apiT, rawT] = [throughput(c.api.series), throughput(c.raw.series)];
        const ratio = apiT.perSecond / rawT.perSecond;
        const rounds = c.api.series.map((s, i) => c.raw.series[i]!.seconds / s.seconds);
        const apiCount = counted.get(c)!;
        report.push(
          '',
          c.name,
          `  ${'path'.padEnd(38)}${'reads/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`,
          row(c.api.label, apiT),
          row(c.raw.label, rawT),
          `  API ÷ raw: ${fmt(ratio, 3)}   (rounds: ${rounds.map((r) => fmt(r, 2)).join(', ')})`,
          `  DynamoDB requests per read: API ${describe(apiCount.requests, apiCount.reads)}; raw ${describe(c.rawRequests, 1)} by construction`,
          `    (API: ${fmt(total(apiCount.requests), 0)} DynamoDB request${total(apiCount.requests) === 1 ? '' : 's'} for ${fmt(apiCount.reads, 0)} reads in ${fmt(apiCount.seconds, 2)} s)`,
        );
        byRead[c.name] = {
          api: { ...apiT, requestsPerRead: perRead(apiCount.requests, apiCount.reads), counted: apiCount },
          raw: { ...rawT, requestsPerRead: c.rawRequests },
          ratioApiToRaw: ratio,
          ratioApiToRawByRound: rounds,
        };
      }
      report.push(
        '',
        'Bytes of one GET /provinces poll (status line, headers and body, as received; body gzipped as CloudFront would send it):',
        `  without If-None-Match: ${first.status}, ${fmt(first.bytes, 0)} bytes (body ${fmt(first.bodyBytes, 0)}, gzipped ${fmt(first.gzipBodyBytes, 0)})`,
        `  with the last ETag:    ${again.status}, ${fmt(again.bytes, 0)} bytes (body ${fmt(again.bodyBytes, 0)})${again.status === 304 ? '' : '   (no 304: the API ignored If-None-Match)'}`,
      );
      results.byRead = byRead;
      results.bytesPerPoll = { full: first, notModified: again };
      return { report, results };
    } finally {
      doc.destroy();
      readers.destroy();
    }
  },
};

function path(label: string, task: () => Promise<void>): Path {
  return { label, task, series: [] };
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((s, x) => s + x, 0);
}

function perRead(counts: Record<string, number>, reads: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([operation, count]) => [operation, count / reads]));
}

function describe(counts: Record<string, number>, reads: number): string {
  const parts = Object.entries(perRead(counts, reads)).map(([operation, x]) => `${operation} ×${fmt(x, 3)}`);
  return `${fmt(total(counts) / reads, 3)} (${parts.join(', ') || 'none'})`;
}
