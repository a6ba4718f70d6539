import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../packages/functions/src/http/routes.ts';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { ROUTE_THROTTLES, THROTTLE_CLASSES, readThrottling, routeThrottle, throttleVariable, type ThrottleConfig } from '../../stacks/throttling.ts';
import { startSstHarness, type DeclaredResource, type Evaluation } from './sst-offline.ts';

/**
 * Throttling per route (stacks/throttling.ts): the table and its overrides, then the real
 * sst.config.ts evaluated offline (test/infra/sst-offline.ts) for a stage with the defaults and
 * one with overrides, as a national drive day would deploy it.
 */
const routeKeys = routes.map((r) => `${r.method} ${r.path}`);
const DRIVE_DAY = { ABAD_THROTTLE_DONATIONS: '20000/5000', ABAD_THROTTLE_FIGURES: '4000', ABAD_DONATIONS_RESERVED_CONCURRENCY: '1500' };

describe('the throttling table', () => {
  it('gives every route of the route table a class, and names no route the table lacks', () => {
    expect(routeKeys.filter((key) => !(key in ROUTE_THROTTLES))).toEqual([]);
    expect(Object.keys(ROUTE_THROTTLES).filter((key) => !routeKeys.includes(key))).toEqual([]);
  });

  it('is sized to the drive day: donations at twice the peak of 5,000 a second, public figures high, admin writes and exports low', () => {
    const config = readThrottling({});
    const donations = routeThrottle(config, 'POST /donations');
    expect(donations.rateLimit).toBeGreaterThanOrEqual(2 * 5_000);
    // A route cannot burst beyond the account's bucket (5,000 by default).
    for (const limits of Object.values(config.classes)) expect(limits.burstLimit).toBeLessThanOrEqual(5_000);
    const figures = routeThrottle(config, 'GET /provinces');
    expect(figures.rateLimit).toBeGreaterThanOrEqual(1_000);
    for (const key of ['GET /provinces/{code}', 'GET /provinces/{code}/history', 'GET /programmes']) expect(routeThrottle(config, key)).toEqual(figures);
    for (const key of ['POST /drives', 'PATCH /plans/{id}', 'POST /indicators', 'GET /donations.csv', 'GET /projects.xlsx']) {
      expect(routeThrottle(config, key).rateLimit, key).toBeLessThanOrEqual(20);
    }
    // Nothing but POST /donations shares its class: raising it raises no other route.
    expect(Object.entries(ROUTE_THROTTLES).filter(([, c]) => c === 'donations')).toEqual([['POST /donations', 'donations']]);
    expect(config.donationsReservedConcurrency).toBeUndefined();
  });

  it('takes a stage’s overrides, rate alone or rate/burst, and rejects what it cannot read', () => {
    const config = readThrottling(DRIVE_DAY);
    expect(config.classes.donations).toEqual({ rateLimit: 20_000, burstLimit: 5_000 });
    expect(config.classes.figures).toEqual({ rateLimit: 4_000, burstLimit: THROTTLE_CLASSES.figures.burstLimit });
    expect(config.classes.admin).toEqual(THROTTLE_CLASSES.admin);
    expect(config.donationsReservedConcurrency).toBe(1_500);
    expect(throttleVariable('public-reads')).toBe('ABAD_THROTTLE_PUBLIC_READS');
    expect(readThrottling({ ABAD_THROTTLE_PUBLIC_READS: ' 800 / 1600 ' }).classes['public-reads']).toEqual({ rateLimit: 800, burstLimit: 1_600 });
    expect(() => readThrottling({ ABAD_THROTTLE_DONATION: '20000' })).toThrow(/ABAD_THROTTLE_DONATION names no throttling class.*ABAD_THROTTLE_DONATIONS/);
    for (const bad of ['0', '-5', '1.5', 'fast', '100/0', '100/200/300', '1e4']) {
      expect(() => readThrottling({ ABAD_THROTTLE_EXPORTS: bad }), bad).toThrow(/ABAD_THROTTLE_EXPORTS/);
    }
    expect(() => readThrottling({ ABAD_DONATIONS_RESERVED_CONCURRENCY: 'lots' })).toThrow(/ABAD_DONATIONS_RESERVED_CONCURRENCY/);
  });
});

describe('the deployed stage', () => {
  let harness: Awaited<ReturnType<typeof startSstHarness>>;
  let standard: Evaluation;
  let driveDay: Evaluation;

  beforeAll(async () => {
    ensureSiteBuilt();
    harness = await startSstHarness();
    standard = await harness.evaluate({ stage: 'dev' });
    driveDay = await harness.evaluate({ stage: 'drive', env: DRIVE_DAY });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const stageOf = (e: Evaluation) => {
    expect(e.errors).toEqual([]);
    const stages = e.resources.filter((r) => r.type === 'aws:apigatewayv2/stage:Stage');
    expect(stages).toHaveLength(1);
    return stages[0]!;
  };
  const expectedSettings = (config: ThrottleConfig) =>
    routeKeys.map((routeKey) => {
      const { rateLimit, burstLimit } = routeThrottle(config, routeKey);
      return { routeKey, throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit };
    });
  const donationsFunction = (e: Evaluation): DeclaredResource => {
    const found = e.resources.filter(
      (r) => r.type === 'aws:lambda/function:Function' && r.inputs.handler === 'packages/functions/src/http/donations/create.handler',
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('sets every route’s limits from the table, the default class for anything else', () => {
    const stage = stageOf(standard);
    expect(stage.inputs.defaultRouteSettings).toEqual({
      throttlingRateLimit: THROTTLE_CLASSES.default.rateLimit,
      throttlingBurstLimit: THROTTLE_CLASSES.default.burstLimit,
    });
    expect(stage.inputs.routeSettings).toEqual(expectedSettings(readThrottling({})));
    expect(stage.inputs.routeSettings).toContainEqual({ routeKey: 'POST /donations', throttlingRateLimit: 10_000, throttlingBurstLimit: 5_000 });
    expect(donationsFunction(standard).inputs.reservedConcurrentExecutions ?? -1).toBe(-1);
  });

  it('takes a stage’s overrides: the drive day’s limits and the donation function’s reserved concurrency', () => {
    const stage = stageOf(driveDay);
    expect(stage.inputs.routeSettings).toEqual(expectedSettings(readThrottling(DRIVE_DAY)));
    expect(stage.inputs.routeSettings).toContainEqual({ routeKey: 'POST /donations', throttlingRateLimit: 20_000, throttlingBurstLimit: 5_000 });
    expect(stage.inputs.routeSettings).toContainEqual({ routeKey: 'GET /provinces', throttlingRateLimit: 4_000, throttlingBurstLimit: 2_000 });
    expect(stage.inputs.routeSettings).toContainEqual({ routeKey: 'POST /drives', throttlingRateLimit: 20, throttlingBurstLimit: 40 });
    expect(donationsFunction(driveDay).inputs.reservedConcurrentExecutions).toBe(1_500);
    const others = driveDay.resources.filter((r) => r.type === 'aws:lambda/function:Function' && r !== donationsFunction(driveDay));
    expect(others.filter((f) => (f.inputs.reservedConcurrentExecutions ?? -1) !== -1).map((f) => f.inputs.handler)).toEqual([]);
  });

  it('is registered after every route, since API Gateway refuses route settings for a route that does not exist yet', () => {
    for (const e of [standard, driveDay]) {
      const order = e.resources.map((r) => r.type);
      const routeCount = order.filter((t) => t === 'aws:apigatewayv2/route:Route').length;
      expect(routeCount).toBe(routes.length);
      expect(order.indexOf('aws:apigatewayv2/stage:Stage')).toBeGreaterThan(order.lastIndexOf('aws:apigatewayv2/route:Route'));
    }
  });
});
