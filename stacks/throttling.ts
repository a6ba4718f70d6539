import type { routes } from '../packages/functions/src/http/routes.ts';

/**
 * API Gateway throttling, per route, sized to a national drive day: 10 million donations in 24
 * hours with a peak of 5,000 `POST /donations` a second for ten minutes, a million people with
 * the public dashboard open (one poll each 4 s: 250,000 requests a second at CloudFront), staff
 * recording and reading at the collection points. Each route belongs to one class below; every
 * class is a steady rate (requests a second) and a burst (the token bucket's size).
 *
 * Route limits are targets under the account's own limit in the Region (the Service Quotas
 * quota «Throttle rate», 10,000 requests a second by default, burst 5,000), which every API of
 * the account shares: the classes together exceed it by design, and the README's «Before a
 * national drive» says which quotas to raise before the drive day.
 *
 * A stage overrides a class with `ABAD_THROTTLE_<CLASS>=<rate>` or `<rate>/<burst>` (in the
 * environment of `sst deploy`, or in `.env.<stage>`): `ABAD_THROTTLE_DONATIONS=20000/5000`.
 * `ABAD_DONATIONS_RESERVED_CONCURRENCY=<n>` reserves (and caps) concurrent executions of the
 * `POST /donations` function.
 */
export interface Throttle {
  /** Steady-state requests a second. */
  rateLimit: number;
  /** The most requests at once (the token bucket's size). */
  burstLimit: number;
}

export const THROTTLE_CLASSES = {
  /** `POST /donations`: the peak of 5,000 a second with 2× headroom; the burst is the account's whole bucket. */
  donations: { rateLimit: 10_000, burstLimit: 5_000 },
  /**
   * The public figures: CloudFront asks for each at most once per 5 s per URL and edge cache, so
   * a million dashboards reach the API as a few hundred requests a second; the rest is room for
   * cache misses, revalidations and callers of the API's own URL.
   */
  figures: { rateLimit: 2_000, burstLimit: 2_000 },
  /** The other public reads: the register, drives, partners, plans, indicators, progress history, health, the OpenAPI document. */
  'public-reads': { rateLimit: 500, burstLimit: 1_000 },
  /** Donations and distributions read by staff (lists, one record, the drive page of an operator). */
  'staff-reads': { rateLimit: 1_000, burstLimit: 2_000 },
  /** Distributions, and corrections and voids of donations and distributions. */
  records: { rateLimit: 1_000, burstLimit: 2_000 },
  /** Projects and their progress reports: field offices, 500,000 reports a year. */
  projects: { rateLimit: 100, burstLimit: 200 },
  /** Drives, partners, indicators and plans: a handful of admins. */
  admin: { rateLimit: 20, burstLimit: 40 },
  /** CSV and XLSX exports: each reads up to 50,000 rows. */
  exports: { rateLimit: 10, burstLimit: 20 },
  /** The stage's default, for a route missing below (test/infra/throttling.test.ts fails on one). */
  default: { rateLimit: 10, burstLimit: 20 },
} as const satisfies Record<string, Throttle>;

export type ThrottleClass = keyof typeof THROTTLE_CLASSES;

type RouteKeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** `POST /donations`: API Gateway's route key, for every route of the route table. */
export type RouteKey = RouteKeyOf<(typeof routes)[number]>;

/** The class of every route of packages/functions/src/http/routes.ts. */
export const ROUTE_THROTTLES: Partial<Record<RouteKey, ThrottleClass>> = {
  'POST /donations': 'donations',

  'GET /provinces': 'figures',
  'GET /provinces/{code}': 'figures',
  'GET /provinces/{code}/counties': 'figures',
  'GET /provinces/{code}/history': 'figures',
  'GET /programmes': 'figures',
  'GET /programmes/{name}': 'figures',
  'GET /drives/{id}/figures': 'figures',

  'GET /health': 'public-reads',
  'GET /openapi.json': 'public-reads',
  'GET /projects': 'public-reads',
  'GET /projects/{id}': 'public-reads',
  'GET /projects/{id}/progress': 'public-reads',
  'GET /drives': 'public-reads',
  'GET /drives/{id}': 'public-reads',
  'GET /partners': 'public-reads',
  'GET /partners/{id}': 'public-reads',
  'GET /indicators': 'public-reads',
  'GET /plans': 'public-reads',
  'GET /plans/{id}': 'public-reads',

  'GET /donations': 'staff-reads',
  'GET /donations/{id}': 'staff-reads',
  'GET /distributions': 'staff-reads',
  'GET /distributions/{id}': 'staff-reads',

  'POST /distributions': 'records',
  'PATCH /donations/{id}': 'records',
  'POST /donations/{id}/void': 'records',
  'PATCH /distributions/{id}': 'records',
  'POST /distributions/{id}/void': 'records',

  'POST /projects': 'projects',
  'PATCH /projects/{id}': 'projects',
  'DELETE /projects/{id}': 'projects',
  'POST /projects/{id}/progress': 'projects',

  'POST /drives': 'admin',
  'PATCH /drives/{id}': 'admin',
  'POST /partners': 'admin',
  'PATCH /partners/{id}': 'admin',
  'POST /indicators': 'admin',
  'PATCH /indicators/{code}': 'admin',
  'POST /plans': 'admin',
  'PATCH /plans/{id}': 'admin',

  'GET /projects.csv': 'exports',
  'GET /projects.xlsx': 'exports',
  'GET /drives.csv': 'exports',
  'GET /drives.xlsx': 'exports',
  'GET /partners.csv': 'exports',
  'GET /partners.xlsx': 'exports',
  'GET /programmes.csv': 'exports',
  'GET /programmes.xlsx': 'exports',
  'GET /donations.csv': 'exports',
  'GET /donations.xlsx': 'exports',
  'GET /distributions.csv': 'exports',
  'GET /distributions.xlsx': 'exports',
  'GET /provinces.csv': 'exports',
  'GET /provinces.xlsx': 'exports',
  'GET /provinces/{code}/counties.csv': 'exports',
  'GET /provinces/{code}/counties.xlsx': 'exports',
};

/** What a stage deploys: every class's limits (defaults, or the stage's overrides) and the donation function's reserved concurrency. */
export interface ThrottleConfig {
  classes: Record<ThrottleClass, Throttle>;
  donationsReservedConcurrency?: number;
}

const PREFIX = 'ABAD_THROTTLE_';

/** `public-reads` → `ABAD_THROTTLE_PUBLIC_READS`. */
export function throttleVariable(name: ThrottleClass): string {
  return `${PREFIX}${name.toUpperCase().replaceAll('-', '_')}`;
}

function positiveInteger(variable: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${variable}: "${text}" is not a positive whole number`);
  }
  return Number(text);
}

/** The stage's throttling: the classes above, with `ABAD_THROTTLE_<CLASS>` and `ABAD_DONATIONS_RESERVED_CONCURRENCY` applied. */
export function readThrottling(env: Record<string, string | undefined> = process.env): ThrottleConfig {
  const names = Object.keys(THROTTLE_CLASSES) as ThrottleClass[];
  const known = new Map(names.map((name) => [throttleVariable(name), name]));
  for (const variable of Object.keys(env)) {
    if (variable.startsWith(PREFIX) && env[variable] !== undefined && !known.has(variable)) {
      throw new Error(`${variable} names no throttling class; the classes: ${[...known.keys()].join(', ')}`);
    }
  }
  const classes = Object.fromEntries(
    names.map((name) => {
      const variable = throttleVariable(name);
      const text = env[variable]?.trim();
      if (!text) return [name, { ...THROTTLE_CLASSES[name] }];
      const [rate, burst, ...rest] = text.split('/').map((part) => part.trim());
      if (rest.length > 0) throw new Error(`${variable}: "${text}" is not <rate> or <rate>/<burst>`);
      return [
        name,
        { rateLimit: positiveInteger(variable, rate!), burstLimit: burst === undefined ? THROTTLE_CLASSES[name].burstLimit : positiveInteger(variable, burst) },
      ];
    }),
  ) as Record<ThrottleClass, Throttle>;
  const reserved = env.ABAD_DONATIONS_RESERVED_CONCURRENCY?.trim();
  return { classes, ...(reserved ? { donationsReservedConcurrency: positiveInteger('ABAD_DONATIONS_RESERVED_CONCURRENCY', reserved) } : {}) };
}

/** The limits of one route (`POST /donations`); a route missing from the table gets the default class. */
export function routeThrottle(config: ThrottleConfig, routeKey: string): Throttle {
  return config.classes[ROUTE_THROTTLES[routeKey as RouteKey] ?? 'default'];
}
