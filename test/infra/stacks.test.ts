import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTED_SORT_KEYS, STREAM_FILTER_PATTERN } from '../../packages/core/src/aggregation/stream-filter.ts';
import { scopes } from '../../packages/core/src/aggregation/scopes.ts';
import { KEY_ATTRIBUTES, TABLE } from '../../packages/core/src/table/definition.ts';
import { keys } from '../../packages/core/src/table/keys.ts';
import { FIGURES_MAX_AGE_SECONDS } from '../../packages/functions/src/http/public-figures.ts';
import { routes } from '../../packages/functions/src/http/routes.ts';
import { ensureSiteBuilt } from '../../packages/web/scripts/build-site.ts';
import { PAGE_HEADERS } from '../../packages/local/src/static-site.ts';
import { contentSecurityPolicy } from '../../packages/web/content-security-policy.ts';
import { ARCHITECTURE, NODE_RUNTIME, RUNTIME_PROVIDED } from '../../stacks/bundle.ts';
import { THROTTLE_CLASSES } from '../../stacks/throttling.ts';
import { ROOT, startSstHarness, type DeclaredResource, type Evaluation } from './sst-offline.ts';

/**
 * The real sst.config.ts, evaluated offline under Pulumi's mocks (test/infra/sst-offline.ts
 * stands in for the SST binary): what `sst deploy` would create, checked resource by resource.
 */

const WEB_ORIGIN = 'https://abad.example.org';
const OIDC_ISSUER = 'https://login.example.org/';
const OIDC_SIGN_IN = 'https://login.example.org/protocol/openid-connect/auth';

let harness: Awaited<ReturnType<typeof startSstHarness>>;
/** Stage prod with the default identity provider (a Cognito user pool). */
let prod: Evaluation;
/** A development stage pointed at an external OIDC issuer. */
let dev: Evaluation;
let broken: { noStream: Evaluation; missingHandler: Evaluation; missingExport: Evaluation };

beforeAll(async () => {
  // The site component reads packages/web/dist when the config is evaluated (a deploy builds it first).
  ensureSiteBuilt();
  harness = await startSstHarness();
  // First alone: it fills the handler build cache the others reuse.
  prod = await harness.evaluate({ stage: 'prod', env: { ABAD_WEB_ORIGINS: WEB_ORIGIN, ABAD_ALARM_EMAIL: 'ops@example.org' } });
  const [d, noStream, missingHandler, missingExport] = await Promise.all([
    harness.evaluate({
      stage: 'dev',
      env: { ABAD_OIDC_ISSUER: OIDC_ISSUER, ABAD_OIDC_AUDIENCE: 'abad-api, abad-web', ABAD_OIDC_SIGN_IN_URL: OIDC_SIGN_IN },
    }),
    harness.evaluate({
      stage: 'dev',
      patches: { 'stacks/table.ts': (source) => source.replace(/\n\s*stream: [^\n]*\n/, '\n') },
    }),
    harness.evaluate({
      stage: 'dev',
      patches: {
        'packages/functions/src/http/routes.ts': (source) =>
          source.replace(
            '] as const satisfies',
            "  { method: 'POST', path: '/projects/{id}/archive', handler: 'projects/archive', auth: 'jwt' },\n] as const satisfies",
          ),
      },
    }),
    harness.evaluate({
      stage: 'dev',
      patches: { 'packages/functions/src/http/health.ts': (source) => source.replace('export const handler', 'export const main') },
    }),
  ]);
  dev = d;
  broken = { noStream, missingHandler, missingExport };
});

afterAll(async () => {
  await harness?.close();
});

// --- reading the declared resources ---------------------------------------------------------

function all(evaluation: Evaluation, type: string): DeclaredResource[] {
  return evaluation.resources.filter((r) => r.type === type);
}

function one(evaluation: Evaluation, type: string, name?: string): DeclaredResource {
  const found = all(evaluation, type).filter((r) => name === undefined || r.name === name);
  expect(found, `${type} ${name ?? ''}`).toHaveLength(1);
  return found[0]!;
}

/** The component a resource belongs to: the last name in its parent's URN. */
function owner(resource: DeclaredResource): string {
  return resource.parent.split('::').pop() ?? '';
}

const table = (e: Evaluation) => one(e, 'aws:dynamodb/table:Table');
const lambdas = (e: Evaluation) => all(e, 'aws:lambda/function:Function');
/** The Lambda function whose handler is the given one. */
function lambdaFor(e: Evaluation, handler: string): DeclaredResource {
  const found = lambdas(e).filter((f) => f.inputs.handler === handler);
  expect(found, handler).toHaveLength(1);
  return found[0]!;
}
/** The IAM role of a Lambda function (its `role` input is the role's ARN). */
function roleOf(e: Evaluation, fn: DeclaredResource): DeclaredResource {
  const found = all(e, 'aws:iam/role:Role').filter((r) => fn.inputs.role.endsWith(`/${r.inputs.name}`));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const AGGREGATOR = 'packages/functions/src/stream/aggregate.handler';
const REFRESH = 'packages/functions/src/cron/refresh.handler';
const routeHandler = (route: { handler: string }) => `packages/functions/src/http/${route.handler}.handler`;

// --- a small IAM evaluator: enough to ask "may this function do X to an item with key K?" ---

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

function statements(role: DeclaredResource): Statement[] {
  return (role.inputs.inlinePolicies as { policy: string }[]).flatMap((p) => JSON.parse(p.policy).Statement as Statement[]);
}

function like(value: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

function matches(statement: Statement, action: string, resource: string, leadingKey?: string): boolean {
  if (!statement.Action.some((a) => like(action, a))) return false;
  if (!statement.Resource.some((r) => like(resource, r))) return false;
  for (const [test, byVariable] of Object.entries(statement.Condition ?? {})) {
    for (const [variable, values] of Object.entries(byVariable)) {
      if (variable !== 'dynamodb:LeadingKeys') throw new Error(`unexpected condition key ${variable}`);
      const keys = leadingKey === undefined ? [] : [leadingKey];
      const hit = (key: string) => values.some((v) => like(key, v));
      if (test === 'ForAllValues:StringLike' && !keys.every(hit)) return false;
      else if (test === 'ForAnyValue:StringLike' && !keys.some(hit)) return false;
      else if (test !== 'ForAllValues:StringLike' && test !== 'ForAnyValue:StringLike') throw new Error(`unexpected condition ${test}`);
    }
  }
  return true;
}

/** IAM's rule for one identity policy: an explicit deny wins, else an allow is needed. */
function may(role: DeclaredResource, action: string, resource: string, leadingKey?: string): boolean {
  const relevant = statements(role).filter((s) => matches(s, action, resource, leadingKey));
  return relevant.some((s) => s.Effect === 'Allow') && !relevant.some((s) => s.Effect === 'Deny');
}

const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SAMPLE_KEYS = {
  project: keys.project('01J0000000000000000000000').pk,
  drive: keys.drive('01J0000000000000000000000').pk,
  donation: keys.donation('01J0000000000000000000000').pk,
  distribution: keys.distribution('01J0000000000000000000000').pk,
  partner: keys.partner('01J0000000000000000000000').pk,
  partnerName: keys.partnerName('خیریهامامعلی').pk,
  indicator: keys.indicator('village_baths').pk,
  plan: keys.plan('01J0000000000000000000000').pk,
  /** The retired format of separate idempotency records: no role may write it. */
  idempotency: 'IDEMPOTENCY#4d2a0c1f',
  aggregate: keys.aggregate(scopes.province('IR-13')).pk,
  history: keys.history(scopes.province('IR-13'), '2026-01-01').pk,
};
const ENTITY_KEYS = [
  SAMPLE_KEYS.project,
  SAMPLE_KEYS.drive,
  SAMPLE_KEYS.donation,
  SAMPLE_KEYS.distribution,
  SAMPLE_KEYS.partner,
  SAMPLE_KEYS.partnerName,
  SAMPLE_KEYS.indicator,
  SAMPLE_KEYS.plan,
  SAMPLE_KEYS.idempotency,
];

function canWrite(role: DeclaredResource, tableArn: string, key: string): boolean {
  return ITEM_WRITES.some((action) => may(role, action, tableArn, key));
}

/** The DynamoDB actions a role allows at all (on any key). */
function dynamoActions(role: DeclaredResource): string[] {
  return [
    ...new Set(
      statements(role)
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => s.Action)
        .filter((a) => a.startsWith('dynamodb:')),
    ),
  ].sort();
}

// --------------------------------------------------------------------------------------------

describe('sst.config.ts, evaluated offline under Pulumi mocks', () => {
  it('evaluates for prod and for another stage without errors, answering every call it makes', () => {
    expect(prod.errors).toEqual([]);
    expect(dev.errors).toEqual([]);
    expect(prod.unansweredRpc).toEqual([]);
    expect(dev.unansweredRpc).toEqual([]);
    console.info(
      `evaluations: prod ${prod.ms} ms (with builds), dev ${dev.ms} ms, broken ${Object.values(broken)
        .map((b) => b.ms)
        .join('/')} ms`,
    );
  });

  describe('the table', () => {
    it('has the keys and indexes of core’s one definition, on-demand, with the stream, TTL and PITR', () => {
      const { inputs } = table(prod);
      expect(inputs.billingMode).toBe('PAY_PER_REQUEST');
      expect(inputs.hashKey).toBe(TABLE.partitionKey);
      expect(inputs.rangeKey).toBe(TABLE.sortKey);
      expect(inputs.attributes).toEqual(KEY_ATTRIBUTES.map((name) => ({ name, type: 'S' })));
      expect(inputs.globalSecondaryIndexes).toEqual(
        Object.values(TABLE.indexes).map((index) => ({
          name: index.name,
          hashKey: index.partitionKey,
          rangeKey: index.sortKey,
          projectionType: 'ALL',
        })),
      );
      expect(inputs.streamEnabled).toBe(true);
      expect(inputs.streamViewType).toBe(TABLE.streamViewType);
      expect(inputs.ttl).toEqual({ attributeName: TABLE.ttlAttribute, enabled: true });
      expect(inputs.pointInTimeRecovery).toEqual({ enabled: true });
    });

    it('is protected from deletion and retained on removal in prod only; prod refuses `sst remove`', () => {
      expect(table(prod).inputs.deletionProtectionEnabled).toBe(true);
      expect(table(prod).retainOnDelete).toBe(true);
      expect(prod.outputs._protect).toBe(true);
      expect(table(dev).inputs.deletionProtectionEnabled).toBe(false);
      expect(table(dev).retainOnDelete).toBe(false);
      expect(dev.outputs._protect).toBe(false);
    });
  });

  describe('the functions', () => {
    it('are one per route, plus the aggregator and the refresh', () => {
      expect(
        lambdas(prod)
          .map((f) => f.inputs.handler)
          .sort(),
      ).toEqual([...routes.map(routeHandler), AGGREGATOR, REFRESH].sort());
    });

    it('run Node.js 22 on arm64 with the handlers’ environment, and nothing pointing at a local DynamoDB', () => {
      const tableName = table(prod).inputs.name;
      const secret = one(prod, 'random:index/randomPassword:RandomPassword', 'CursorSecret');
      expect(secret.inputs).toMatchObject({ length: 64, special: false });
      for (const fn of lambdas(prod)) {
        expect(fn.inputs.runtime, fn.inputs.handler).toBe(NODE_RUNTIME);
        expect(fn.inputs.runtime).toBe('nodejs22.x');
        expect(fn.inputs.architectures).toEqual([ARCHITECTURE]);
        const env = fn.inputs.environment.variables;
        expect(env.TABLE_NAME).toBe(tableName);
        expect(env.CURSOR_SECRET).toBe('mock-random-password'); // the RandomPassword's result
        expect(env.POWERTOOLS_SERVICE_NAME).toMatch(/^abad-/);
        expect(env).not.toHaveProperty('DYNAMODB_ENDPOINT');
      }
      for (const route of routes) {
        expect(lambdaFor(prod, routeHandler(route)).inputs.environment.variables.CORS_ORIGINS).toBe(WEB_ORIGIN);
      }
      expect(lambdaFor(prod, REFRESH).inputs.environment.variables.REFRESH_QUIET_SECONDS).toBe('900');
    });

    it('are bundled as minified ESM with the AWS SDK left to the runtime, from files that export the handler', () => {
      expect(prod.builds).toHaveLength(routes.length + 2);
      for (const build of prod.builds) {
        expect(build.errors, build.handler).toEqual([]);
        expect(build.properties).toMatchObject({ format: 'esm', minify: true, esbuild: { external: RUNTIME_PROVIDED } });
        expect(build.outfile).toMatch(/\.mjs$/);
        // Only Node's built-ins and the SDK are imported at run time; everything else is inside.
        for (const path of build.externalImports ?? []) {
          const builtin = path.startsWith('node:') || builtinModules.includes(path);
          expect(builtin || path.startsWith('@aws-sdk/'), `${build.handler} imports ${path}`).toBe(true);
        }
        expect(build.externalImports).toContain('@aws-sdk/client-dynamodb');
      }
    });

    it('trust only the Lambda service (not the account root SST 4.17.1 adds for `sst dev`)', () => {
      for (const fn of lambdas(prod)) {
        const trust = roleOf(prod, fn).inputs.assumeRolePolicy;
        const policy = typeof trust === 'string' ? JSON.parse(trust) : trust;
        expect(policy.Statement, fn.inputs.handler).toEqual([
          expect.objectContaining({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }),
        ]);
      }
    });
  });

  describe('least privilege on the table', () => {
    const arn = () => `arn:aws:dynamodb:us-east-1:123456789012:table/${table(prod).inputs.name}`;

    it('no function has dynamodb:* or a wildcard resource, and none is linked to the table', () => {
      for (const fn of lambdas(prod)) {
        for (const s of statements(roleOf(prod, fn))) {
          expect(s.Action).not.toContain('dynamodb:*');
          expect(s.Action).not.toContain('*');
          expect(s.Resource).not.toContain('*');
        }
        expect(Object.keys(fn.inputs.environment.variables).filter((k) => k.startsWith('SST_RESOURCE_') && k !== 'SST_RESOURCE_App')).toEqual([]);
      }
    });

    it('read routes only read; no HTTP handler can write aggregates or history', () => {
      for (const route of routes) {
        const role = roleOf(prod, lambdaFor(prod, routeHandler(route)));
        const where = `${route.method} ${route.path}`;
        expect(may(role, 'dynamodb:Query', `${arn()}/index/${TABLE.indexes.byProvince.name}`), where).toBe(true);
        expect(may(role, 'dynamodb:GetItem', arn()), where).toBe(true);
        expect(may(role, 'dynamodb:Scan', arn()), where).toBe(false);
        expect(canWrite(role, arn(), SAMPLE_KEYS.aggregate), where).toBe(false);
        expect(canWrite(role, arn(), SAMPLE_KEYS.history), where).toBe(false);
        if (route.method === 'GET') {
          expect(dynamoActions(role), where).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
          for (const key of ENTITY_KEYS) expect(canWrite(role, arn(), key), `${where} ${key}`).toBe(false);
        }
      }
    });

    it('write routes write only their own resource’s items (idempotency rides in them: no separate records)', () => {
      const own: Record<string, string> = {
        projects: SAMPLE_KEYS.project,
        drives: SAMPLE_KEYS.drive,
        donations: SAMPLE_KEYS.donation,
        distributions: SAMPLE_KEYS.distribution,
        partners: SAMPLE_KEYS.partner,
        indicators: SAMPLE_KEYS.indicator,
        plans: SAMPLE_KEYS.plan,
      };
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        const role = roleOf(prod, lambdaFor(prod, routeHandler(route)));
        const where = `${route.method} ${route.path}`;
        const mine = own[route.handler.split('/')[0]!]!;
        expect(may(role, 'dynamodb:PutItem', arn(), mine), where).toBe(true);
        expect(may(role, 'dynamodb:UpdateItem', arn(), mine), where).toBe(true);
        expect(may(role, 'dynamodb:DeleteItem', arn(), mine), where).toBe(true);
        expect(canWrite(role, arn(), SAMPLE_KEYS.idempotency), where).toBe(false);
        for (const other of Object.values(own).filter((k) => k !== mine)) expect(canWrite(role, arn(), other), `${where} ${other}`).toBe(false);
        // A partner's name claim is written in the partner's transaction, by the partner routes alone.
        const claims = route.handler.startsWith('partners/');
        expect(may(role, 'dynamodb:PutItem', arn(), SAMPLE_KEYS.partnerName), `${where} name claim`).toBe(claims);
        expect(may(role, 'dynamodb:DeleteItem', arn(), SAMPLE_KEYS.partnerName), `${where} name claim`).toBe(claims);
        expect(dynamoActions(role), where).toEqual([
          'dynamodb:BatchGetItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ]);
      }
    });

    it('the aggregator only updates aggregates (and records finished stream shards): it cannot write projects, donations or anything else', () => {
      const role = roleOf(prod, lambdaFor(prod, AGGREGATOR));
      expect(dynamoActions(role)).toEqual([
        'dynamodb:DescribeStream',
        'dynamodb:GetItem',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(may(role, 'dynamodb:UpdateItem', arn(), SAMPLE_KEYS.aggregate)).toBe(true);
      const finishedShard = keys.finishedShard('shardId-00000000000000000001-a').pk;
      expect(may(role, 'dynamodb:GetItem', arn(), finishedShard)).toBe(true);
      expect(may(role, 'dynamodb:PutItem', arn(), finishedShard)).toBe(true);
      expect(may(role, 'dynamodb:PutItem', arn(), SAMPLE_KEYS.aggregate)).toBe(false);
      for (const key of [...ENTITY_KEYS, SAMPLE_KEYS.history]) expect(canWrite(role, arn(), key), key).toBe(false);
      expect(may(role, 'dynamodb:GetItem', arn(), SAMPLE_KEYS.project)).toBe(false);
      // The stream, read by the event source mapping with this role; the handler lists its shards
      // (DescribeStream) to drop the marks of a batch's finished ancestors.
      const streamArn = `${arn()}/stream/2026-01-01T00:00:00.000`;
      for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']) {
        expect(may(role, action, streamArn), action).toBe(true);
      }
      // The on-failure destination: Lambda sends to it with the function's role.
      const queue = one(prod, 'aws:sqs/queue:Queue');
      expect(may(role, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:123456789012:queue/${queue.inputs.name}`)).toBe(true);
    });

    it('the refresh scans, reads, and writes only aggregates, history and its runs', () => {
      const role = roleOf(prod, lambdaFor(prod, REFRESH));
      expect(dynamoActions(role)).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ]);
      expect(may(role, 'dynamodb:Scan', arn())).toBe(true);
      expect(may(role, 'dynamodb:DescribeTable', arn())).toBe(true);
      expect(may(role, 'dynamodb:PutItem', arn(), SAMPLE_KEYS.history)).toBe(true);
      expect(may(role, 'dynamodb:UpdateItem', arn(), SAMPLE_KEYS.aggregate)).toBe(true);
      const run = keys.refreshRun('2026-01-01-01J0000000000000000000000');
      expect(may(role, 'dynamodb:UpdateItem', arn(), run.pk)).toBe(true);
      expect(may(role, 'dynamodb:PutItem', arn(), keys.refreshPartChunk('2026-01-01-01J0000000000000000000000', 7, 0).pk)).toBe(true);
      for (const key of ENTITY_KEYS) expect(canWrite(role, arn(), key), key).toBe(false);
      // The API cannot write a run.
      const api = roleOf(prod, lambdaFor(prod, routeHandler(routes.find((r) => r.method === 'POST')!)));
      expect(canWrite(api, arn(), run.pk)).toBe(false);
    });
  });

  describe('the API', () => {
    it('routes every entry of the route table to its handler, behind the JWT authorizer exactly when it says `jwt`', () => {
      const authorizer = one(prod, 'aws:apigatewayv2/authorizer:Authorizer');
      const declared = all(prod, 'aws:apigatewayv2/route:Route');
      expect(declared.map((r) => r.inputs.routeKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
      for (const route of routes) {
        const resource = declared.find((r) => r.inputs.routeKey === `${route.method} ${route.path}`)!;
        if (route.auth === 'jwt') {
          expect(resource.inputs.authorizationType, resource.inputs.routeKey).toBe('JWT');
          expect(resource.inputs.authorizerId).toBe(`${authorizer.name}-id`);
        } else {
          expect(resource.inputs.authorizationType, resource.inputs.routeKey).toBe('NONE');
          expect(resource.inputs.authorizerId).toBeUndefined();
        }
        // route → integration → function, by the component that owns each.
        const integration = all(prod, 'aws:apigatewayv2/integration:Integration').find((i) => owner(i) === owner(resource))!;
        expect(resource.inputs.target).toBe(`integrations/${integration.name}-id`);
        expect(integration.inputs).toMatchObject({ integrationType: 'AWS_PROXY', payloadFormatVersion: '2.0' });
        expect(integration.inputs.integrationUri).toBe(`arn:aws:lambda:us-east-1:123456789012:function/${lambdaFor(prod, routeHandler(route)).inputs.name}`);
      }
    });

    it('by default trusts ID tokens of a Cognito user pool whose users cannot set their own role', () => {
      const authorizer = one(prod, 'aws:apigatewayv2/authorizer:Authorizer');
      const pool = one(prod, 'aws:cognito/userPool:UserPool');
      const client = one(prod, 'aws:cognito/userPoolClient:UserPoolClient');
      expect(authorizer.inputs).toMatchObject({
        authorizerType: 'JWT',
        identitySources: ['$request.header.Authorization'],
        jwtConfiguration: { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_UsersUserPool', audiences: [`${client.name}-id`] },
      });
      expect(pool.inputs.adminCreateUserConfig).toEqual({ allowAdminCreateUserOnly: true });
      expect(pool.inputs.schemas.map((s: { name: string; attributeDataType: string; mutable: boolean }) => [s.name, s.attributeDataType, s.mutable])).toEqual([
        ['role', 'String', true],
        ['provinces', 'String', true],
      ]);
      expect(client.inputs.readAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:provinces']));
      expect(client.inputs.writeAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
      // The deployed pages' own address first (the `redirect_uri` they send is origin + `/`).
      expect(client.inputs.callbackUrls).toEqual(['https://routercdndistribution.cloudfront.net/', WEB_ORIGIN]);
      // prod keeps and protects its accounts like its table.
      expect(pool.inputs.deletionProtection).toBe('ACTIVE');
      expect(pool.retainOnDelete).toBe(true);
    });

    it('trusts an external OIDC issuer and audience instead when configured, and creates no user pool', () => {
      expect(one(dev, 'aws:apigatewayv2/authorizer:Authorizer').inputs.jwtConfiguration).toEqual({
        issuer: OIDC_ISSUER, // exactly as configured: it must equal the tokens' `iss`
        audiences: ['abad-api', 'abad-web'],
      });
      expect(all(dev, 'aws:cognito/userPool:UserPool')).toEqual([]);
      expect(all(dev, 'aws:cognito/userPoolClient:UserPoolClient')).toEqual([]);
    });

    it('allows the web site’s origin with the headers the API uses, throttles explicitly, and logs access', () => {
      const api = one(prod, 'aws:apigatewayv2/api:Api');
      expect(api.inputs.protocolType).toBe('HTTP');
      expect(api.inputs.corsConfiguration).toEqual({
        allowOrigins: [WEB_ORIGIN],
        allowMethods: [...new Set(routes.map((r) => r.method))].sort(),
        allowHeaders: ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'if-match', 'if-none-match'],
        exposeHeaders: ['location', 'etag'],
        maxAge: 86400,
      });
      // Without a configured origin, no CORS at API Gateway (it would answer `*` for the routes behind
      // the token too): the functions answer `*` on public reads and nothing on the others; the
      // deployed pages share the API's origin and need none.
      expect(one(dev, 'aws:apigatewayv2/api:Api').inputs.corsConfiguration ?? {}).toEqual({});
      for (const route of routes) expect(lambdaFor(dev, routeHandler(route)).inputs.environment.variables.CORS_ORIGINS).toBe('*');

      const stage = one(prod, 'aws:apigatewayv2/stage:Stage');
      // Per route, from stacks/throttling.ts (test/infra/throttling.test.ts); the default for a route the table lacks.
      expect(stage.inputs.defaultRouteSettings).toEqual({
        throttlingRateLimit: THROTTLE_CLASSES.default.rateLimit,
        throttlingBurstLimit: THROTTLE_CLASSES.default.burstLimit,
      });
      expect(stage.inputs.routeSettings).toHaveLength(routes.length);
      const accessLog = one(prod, 'aws:cloudwatch/logGroup:LogGroup', 'ApiAccessLog');
      expect(accessLog.inputs.retentionInDays).toBe(90);
      expect(stage.inputs.accessLogSettings.destinationArn).toContain(accessLog.inputs.name);
      expect(JSON.parse(stage.inputs.accessLogSettings.format)).toMatchObject({
        requestId: '"$context.requestId"',
        routeKey: '"$context.routeKey"',
        status: '$context.status',
      });
    });
  });

  describe('the aggregator', () => {
    it('consumes the stream with every setting the exactly-once aggregation relies on', () => {
      const mapping = one(prod, 'aws:lambda/eventSourceMapping:EventSourceMapping');
      const queue = one(prod, 'aws:sqs/queue:Queue');
      const aggregator = lambdaFor(prod, AGGREGATOR);
      expect(mapping.inputs.eventSourceArn).toMatch(new RegExp(`table/${table(prod).inputs.name}/stream/`));
      expect(mapping.inputs.functionName).toBe(`arn:aws:lambda:us-east-1:123456789012:function/${aggregator.inputs.name}`);
      expect(mapping.inputs).toMatchObject({
        tumblingWindowInSeconds: 60, // events carry shardId, window and state
        functionResponseTypes: ['ReportBatchItemFailures'],
        batchSize: 100,
        maximumBatchingWindowInSeconds: 1,
        maximumRetryAttempts: 10,
        parallelizationFactor: 1,
        bisectBatchOnFunctionError: false,
        startingPosition: 'TRIM_HORIZON',
        destinationConfig: { onFailure: { destinationArn: `arn:aws:sqs:us-east-1:123456789012:queue/${queue.inputs.name}` } },
      });
      expect(mapping.inputs.tumblingWindowInSeconds).toBeGreaterThan(0);
      expect(mapping.inputs.maximumRetryAttempts).toBeGreaterThanOrEqual(0); // -1 would be "retry forever"
      expect(queue.inputs.messageRetentionSeconds).toBe(14 * 24 * 60 * 60);
    });

    it('is not invoked by aggregate, history or idempotency writes (core’s one filter)', () => {
      const filters = one(prod, 'aws:lambda/eventSourceMapping:EventSourceMapping').inputs.filterCriteria.filters;
      expect(filters).toEqual([{ pattern: JSON.stringify(STREAM_FILTER_PATTERN) }]);
      const sortKeys = JSON.parse(filters[0].pattern).dynamodb.Keys.sk.S as string[];
      expect(sortKeys).toEqual([...COUNTED_SORT_KEYS]);
      for (const excluded of [
        keys.aggregate('x').sk,
        'IDEMPOTENCY',
        keys.history('x', '2026-01-01').sk,
        keys.progressReport('01J', '2026-01-01T00:00:00.000Z', '01K').sk,
        keys.progressReceipt('01J', '01K').sk,
        keys.drive('01J').sk,
      ]) {
        expect(sortKeys).not.toContain(excluded);
      }
    });
  });

  it('runs the refresh daily with EventBridge Scheduler: a state machine of plan, the parts in parallel, merge', () => {
    const schedule = one(prod, 'aws:scheduler/schedule:Schedule');
    const machine = one(prod, 'aws:sfn/stateMachine:StateMachine');
    // The schedule starts the state machine (its ARN as the offline harness mocks it).
    const machineArn: string = schedule.inputs.target.arn;
    expect(machineArn).toBe(`arn:aws:sfn:us-east-1:123456789012:statemachine/${machine.inputs.name}`);
    const refresh = lambdaFor(prod, REFRESH);
    const functionArn = `arn:aws:lambda:us-east-1:123456789012:function/${refresh.inputs.name}`;
    expect(schedule.inputs).toMatchObject({
      scheduleExpression: 'cron(30 23 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
      state: 'ENABLED',
      target: { arn: machineArn, retryPolicy: { maximumRetryAttempts: 2 } },
    });
    expect(all(prod, 'aws:cloudwatch/eventRule:EventRule')).toEqual([]);
    expect(refresh.inputs.timeout).toBe(900);

    // Plan, then every part in a distributed Map (retried, none tolerated to fail), then merge: one function, one step each.
    const definition = JSON.parse(machine.inputs.definition);
    expect(definition.StartAt).toBe('Plan');
    const { Plan, Parts, Merge } = definition.States;
    expect(Plan).toMatchObject({ Parameters: { FunctionName: functionArn, Payload: { step: 'plan' } }, Next: 'Parts' });
    expect(Parts).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.parts',
      ToleratedFailurePercentage: 0,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
      Next: 'Merge',
    });
    expect(Parts.MaxConcurrency).toBeGreaterThan(1);
    expect(Parts.ItemProcessor.States.Part).toMatchObject({ Parameters: { FunctionName: functionArn, Payload: { step: 'part' } } });
    expect(Parts.ItemProcessor.States.Part.Retry[0].MaxAttempts).toBeGreaterThan(0);
    expect(Merge).toMatchObject({ Parameters: { FunctionName: functionArn, Payload: { step: 'merge', summary: true } }, End: true });

    // The state machine may invoke that function and run its own children; the schedule may only start it.
    const policy = (resource: DeclaredResource) => JSON.parse(resource.inputs.policy) as { Statement: Statement[] };
    const machineStatements = all(prod, 'aws:iam/rolePolicy:RolePolicy')
      .filter((p) => machine.inputs.roleArn.endsWith(`/${p.inputs.role}`))
      .flatMap((p) => policy(p).Statement);
    expect(machineStatements.flatMap((s) => s.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'states:DescribeExecution',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    expect(machineStatements.find((s) => s.Action.includes('lambda:InvokeFunction'))!.Resource).toEqual([functionArn, `${functionArn}:*`]);
    const schedulerRole = all(prod, 'aws:iam/role:Role').find((r) => schedule.inputs.target.roleArn.endsWith(`/${r.inputs.name}`))!;
    expect(statements(schedulerRole)).toEqual([{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [machineArn] }]);
  });

  it('alarms on the on-failure queue, the iterator age, the API’s 5xx rate, the functions’ errors and a refresh run that fails', () => {
    const topic = one(prod, 'aws:sns/topic:Topic');
    const alarms = all(prod, 'aws:cloudwatch/metricAlarm:MetricAlarm').map((a) => a.inputs);
    const topicArn = `arn:aws:sns:us-east-1:123456789012:topic/${topic.inputs.name}`;
    for (const alarm of alarms) {
      expect(alarm.alarmActions, alarm.name).toEqual([topicArn]);
      expect(alarm.name).toMatch(/^abad-prod-/);
    }
    const queue = one(prod, 'aws:sqs/queue:Queue');
    const aggregator = lambdaFor(prod, AGGREGATOR).inputs.name;
    const refresh = lambdaFor(prod, REFRESH).inputs.name;
    const api = one(prod, 'aws:apigatewayv2/api:Api');
    const byMetric = (metricName: string, dimension: Record<string, string>) =>
      alarms.filter((a) => a.metricName === metricName && Object.entries(dimension).every(([k, v]) => a.dimensions?.[k] === v));

    expect(byMetric('ApproximateNumberOfMessagesVisible', { QueueName: queue.inputs.name })).toEqual([
      expect.objectContaining({ namespace: 'AWS/SQS', threshold: 0, comparisonOperator: 'GreaterThanThreshold' }),
    ]);
    expect(byMetric('IteratorAge', { FunctionName: aggregator })).toEqual([
      expect.objectContaining({ namespace: 'AWS/Lambda', statistic: 'Maximum', threshold: 60_000 }),
    ]);
    expect(byMetric('Errors', { FunctionName: aggregator })).toHaveLength(1);
    expect(byMetric('Errors', { FunctionName: refresh })).toHaveLength(1);
    const rate = alarms.find((a) => a.metricQueries?.some((q: { metric?: { namespace: string } }) => q.metric?.namespace === 'AWS/ApiGateway'))!;
    expect(
      rate.metricQueries.map((q: { metric?: { metricName: string; dimensions: object } }) => q.metric && [q.metric.metricName, q.metric.dimensions]),
    ).toEqual([['5xx', { ApiId: `${api.name}-id`, Stage: '$default' }], ['Count', { ApiId: `${api.name}-id`, Stage: '$default' }], undefined]);
    expect(rate.metricQueries[2]).toMatchObject({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', returnData: true });
    // A refresh run that does not succeed, whatever the way: failed, timed out or stopped.
    const machine = one(prod, 'aws:sfn/stateMachine:StateMachine');
    const runs = alarms.find((a) => a.name === 'abad-prod-refresh-run-failed')!;
    expect(
      runs.metricQueries
        .filter((q: { metric?: object }) => q.metric)
        .map((q: { metric: { namespace: string; metricName: string; dimensions: object } }) => q.metric),
    ).toEqual(
      ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map((metricName) =>
        expect.objectContaining({
          namespace: 'AWS/States',
          metricName,
          dimensions: { StateMachineArn: `arn:aws:sfn:us-east-1:123456789012:statemachine/${machine.inputs.name}` },
        }),
      ),
    );
    expect(runs.metricQueries.at(-1)).toMatchObject({ expression: 'failed + timedOut + aborted', returnData: true });
    expect(runs).toMatchObject({ threshold: 0, comparisonOperator: 'GreaterThanThreshold' });
    expect(alarms).toHaveLength(6);

    expect(one(prod, 'aws:sns/topicSubscription:TopicSubscription').inputs).toMatchObject({ protocol: 'email', endpoint: 'ops@example.org' });
    expect(all(dev, 'aws:sns/topicSubscription:TopicSubscription')).toEqual([]);
  });

  describe('the web pages', () => {
    const API_HOST = 'apiapi.execute-api.us-east-1.amazonaws.com';
    const ROUTER_URL = 'https://routercdndistribution.cloudfront.net';
    /** A dynamic resource (SST's KV and upload providers) by its name, without `__provider`. */
    function dynamic(e: Evaluation, name: string): Record<string, any> {
      const { __provider: _, ...inputs } = one(e, 'pulumi-nodejs:dynamic:Resource', name).inputs;
      return inputs;
    }
    /** The router's route table, as the entries its CloudFront function reads: `type,namespace,host,path`. */
    function routerEntries(e: Evaluation): string[] {
      const router = all(e, 'pulumi-nodejs:dynamic:Resource').filter((r) => r.name.endsWith('.sst.aws.KvRoutesUpdate'));
      return router.map((r) => r.inputs.entry as string).sort();
    }

    it('builds packages/web with `npm run build` into dist, with the API on its own origin and the Cognito hosted sign-in', () => {
      const builder = one(prod, 'command:local:Command', 'SiteBuilder');
      const pool = one(prod, 'aws:cognito/userPool:UserPool');
      const client = one(prod, 'aws:cognito/userPoolClient:UserPoolClient');
      expect(builder.inputs).toMatchObject({ create: 'npm run build', update: 'npm run build', dir: join(ROOT, 'packages', 'web') });
      const domain = one(prod, 'aws:cognito/userPoolDomain:UserPoolDomain');
      expect(domain.inputs).toEqual({ domain: 'abad-prod-mockrand', userPoolId: `us-east-1_${pool.name}` });
      expect(builder.inputs.environment).toEqual({
        VITE_API_URL: '',
        VITE_AUTH_URL: 'https://abad-prod-mockrand.auth.us-east-1.amazoncognito.com/oauth2/authorize',
        VITE_AUTH_TOKEN_URL: 'https://abad-prod-mockrand.auth.us-east-1.amazoncognito.com/oauth2/token',
        VITE_AUTH_CLIENT_ID: `${client.name}-id`,
      });
      // What the pages' hosted sign-in asks for (packages/web/src/auth/hosted-sign-in.ts): the
      // authorization code flow with PKCE, scope openid, as a public client (no secret in a page);
      // never the implicit flow, which hands the token over in the URL (RFC 9700).
      expect(client.inputs.allowedOauthFlows).toEqual(['code']);
      expect(client.inputs.generateSecret ?? false).toBe(false);
      expect(client.inputs.allowedOauthFlowsUserPoolClient).toBe(true);
      expect(client.inputs.allowedOauthScopes).toContain('openid');
      expect(client.inputs.supportedIdentityProviders).toEqual(['COGNITO']);
      // The build output is checked and uploaded from dist.
      const files = dynamic(prod, 'SiteAssetFiles.sst.aws.BucketFiles').files as { key: string; source: string; cacheControl: string }[];
      expect(files.map((f) => f.key)).toEqual(expect.arrayContaining(['index.html', 'LICENSES.txt']));
      for (const file of files) expect(file.source.startsWith(join(ROOT, 'packages', 'web', 'dist'))).toBe(true);
      // Hashed files for a year; the page and the licences revalidated.
      for (const file of files) {
        if (file.key.startsWith('assets/')) expect(file.cacheControl, file.key).toBe('public,max-age=31536000,immutable');
        else expect(file.cacheControl, file.key).toMatch(/max-age=0/);
      }
      // SST's generated declaration of the variables stays out of the pages' sources.
      expect(existsSync(join(ROOT, 'packages', 'web', 'src', 'sst-env.d.ts'))).toBe(false);
      expect(prod.outputs).toMatchObject({ web: ROUTER_URL, signIn: 'https://abad-prod-mockrand.auth.us-east-1.amazoncognito.com/oauth2/authorize' });
    });

    it('with an external issuer, signs in at its configured authorize URL as the first audience', () => {
      expect(one(dev, 'command:local:Command', 'SiteBuilder').inputs.environment).toEqual({
        VITE_API_URL: '',
        VITE_AUTH_URL: OIDC_SIGN_IN,
        // Keycloak's pair: …/protocol/openid-connect/auth and …/token (ABAD_OIDC_TOKEN_URL when not derivable).
        VITE_AUTH_TOKEN_URL: 'https://login.example.org/protocol/openid-connect/token',
        VITE_AUTH_CLIENT_ID: 'abad-api',
      });
      expect(all(dev, 'aws:cognito/userPoolDomain:UserPoolDomain')).toEqual([]);
    });

    it('serves the site and the API from one CloudFront origin: the API’s first path segments to the API, the rest to the site', () => {
      const prefixes = [...new Set(routes.map((r) => `/${r.path.split('/')[1]}`))].sort();
      // A list's exports (`/projects.csv`, `/projects.xlsx`) are prefixes of their own: `/projects` never takes `/projects.csv`.
      const exports = prefixes.filter((p) => /\.(csv|xlsx)$/.test(p));
      for (const p of exports) expect(prefixes, p).toContain(p.replace(/\.(csv|xlsx)$/, ''));
      expect(prefixes.filter((p) => !exports.includes(p))).toEqual([
        '/distributions',
        '/donations',
        '/drives',
        '/health',
        '/indicators',
        '/openapi.json',
        '/partners',
        '/plans',
        '/programmes',
        '/projects',
        '/provinces',
      ]);
      one(prod, 'aws:cloudfront/distribution:Distribution');
      expect(all(prod, 'sst:aws:Router')).toHaveLength(1);
      const entries = routerEntries(prod);
      // One URL route per prefix, each to the API's host (paths unchanged, no rewrite), and the site at every other path.
      expect(
        entries
          .filter((e) => e.startsWith('url,'))
          .map((e) => e.split(',')[3])
          .sort(),
      ).toEqual(prefixes);
      expect(entries.filter((e) => e.startsWith('site,'))).toEqual([expect.stringMatching(/^site,[0-9a-f]{4},,$/)]);
      for (const prefix of prefixes) {
        const metadata = JSON.parse(dynamic(prod, `RouterRoute${prefix}RouteKey.sst.aws.KvKeys`).entries.metadata);
        expect(metadata, prefix).toEqual({ host: API_HOST, origin: {} });
      }
      // The site's files: index.html at `/`, dist/assets as a directory; any other path gets index.html.
      const site = dynamic(prod, 'SiteKvKeys.sst.aws.KvKeys').entries;
      expect(site['/index.html']).toBe('s3');
      expect(JSON.parse(site.metadata)).toMatchObject({ custom404: '/index.html', s3: { routes: ['/assets'] } });
    });

    it('passes every method, the bearer token and the language through to the API, caching nothing the API does not allow', () => {
      const distribution = one(prod, 'aws:cloudfront/distribution:Distribution');
      const behavior = distribution.inputs.defaultCacheBehavior;
      expect([...behavior.allowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(behavior.viewerProtocolPolicy).toBe('redirect-to-https');
      // Managed-AllViewerExceptHostHeader: Idempotency-Key, If-Match, Content-Type … reach the API; Host is the API's.
      expect(behavior.originRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
      const policy = all(prod, 'aws:cloudfront/cachePolicy:CachePolicy').find((p) => behavior.cachePolicyId === `${p.name}-id`)!;
      // CloudFront forwards Authorization only when it is in the cache key (GET /donations needs it).
      expect(policy.inputs.parametersInCacheKeyAndForwardedToOrigin.headersConfig).toEqual({
        headerBehavior: 'whitelist',
        headers: { items: expect.arrayContaining(['authorization', 'accept-language']) },
      });
      expect(policy.inputs.defaultTtl).toBe(0);
    });

    /** The behavior CloudFront picks for a path: the first ordered one whose pattern matches, else the default. */
    function behaviorFor(e: Evaluation, path: string): Record<string, any> {
      const distribution = one(e, 'aws:cloudfront/distribution:Distribution');
      // CloudFront's `*` matches any characters, `/` included: IAM's wildcard (`like` above).
      return (
        (distribution.inputs.orderedCacheBehaviors ?? []).find((b: { pathPattern: string }) => like(path, b.pathPattern)) ??
        distribution.inputs.defaultCacheBehavior
      );
    }
    const cachePolicyOf = (e: Evaluation, behavior: Record<string, any>) =>
      all(e, 'aws:cloudfront/cachePolicy:CachePolicy').find((p) => behavior.cachePolicyId === `${p.name}-id`);
    const samplePath = (path: string) => path.replace(/\{[^}]+\}/g, 'IR-13');
    const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

    it('caches the public figures a few seconds, keyed without Authorization: one answer for every viewer', () => {
      const figureRoutes = routes.filter((r) => 'publicFigures' in r && r.publicFigures);
      expect(figureRoutes.map((r) => r.path)).toEqual([
        '/drives/{id}/figures',
        '/programmes',
        '/programmes/{name}',
        '/provinces',
        '/provinces/{code}',
        '/provinces/{code}/counties',
        '/provinces/{code}/history',
      ]);
      const defaultBehavior = one(prod, 'aws:cloudfront/distribution:Distribution').inputs.defaultCacheBehavior;
      for (const route of figureRoutes) {
        const path = samplePath(route.path);
        const behavior = behaviorFor(prod, path);
        expect(behavior, path).not.toBe(defaultBehavior);
        const policy = cachePolicyOf(prod, behavior)!;
        expect(policy.name, path).toBe('PublicFiguresCachePolicy');
        const key = policy.inputs.parametersInCacheKeyAndForwardedToOrigin;
        const keyHeaders: string[] = key.headersConfig.headers.items.map((h: string) => h.toLowerCase());
        expect(keyHeaders, path).not.toContain('authorization');
        expect(key.headersConfig.headers.items, path).toEqual(expect.arrayContaining(['accept-language', 'origin']));
        expect(key.cookiesConfig).toEqual({ cookieBehavior: 'none' });
        expect(key.queryStringsConfig).toEqual({ queryStringBehavior: 'all' }); // ?from=&to=
        // As long as the API's Cache-Control allows (public, max-age=5), never longer; nothing without it.
        expect(policy.inputs).toMatchObject({ minTtl: 0, defaultTtl: 0, maxTtl: FIGURES_MAX_AGE_SECONDS });
        expect(FIGURES_MAX_AGE_SECONDS).toBeGreaterThanOrEqual(1);
        expect(FIGURES_MAX_AGE_SECONDS).toBeLessThanOrEqual(10);
        expect([...behavior.allowedMethods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
        expect([...behavior.cachedMethods].sort()).toEqual(['GET', 'HEAD']);
        // Routed like every other path: the router's own function picks the API's origin.
        expect(behavior.functionAssociations).toEqual(defaultBehavior.functionAssociations);
        expect(behavior).toMatchObject({ targetOriginId: defaultBehavior.targetOriginId, viewerProtocolPolicy: 'redirect-to-https', compress: true });
      }
      // Nothing else is under those patterns: `/provincesX` stays the site's, and a drive as editors
      // read it (its version as ETag, for If-Match) is not kept.
      expect(behaviorFor(prod, '/provincesX')).toBe(defaultBehavior);
      expect(behaviorFor(prod, '/drives/01JD5XQ8Y5W6Z8N3K2M1P0R9ST')).toBe(defaultBehavior);
    });

    it('never caches a read that needs a token, and still passes the token to the API', () => {
      const authenticatedReads = routes.filter((r) => r.method === 'GET' && r.auth === 'jwt');
      expect(authenticatedReads.length).toBeGreaterThanOrEqual(4);
      for (const route of authenticatedReads) {
        const path = samplePath(route.path);
        const behavior = behaviorFor(prod, path);
        // Managed-CachingDisabled: nothing kept, whatever the API answers; with caching disabled,
        // Managed-AllViewerExceptHostHeader forwards Authorization.
        expect(behavior.cachePolicyId, path).toBe(CACHING_DISABLED);
        expect(behavior.originRequestPolicyId, path).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
        expect(cachePolicyOf(prod, behavior), path).toBeUndefined();
        expect([...behavior.allowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      }
      // Any other GET behind the token (none today) would fall to a behavior that keys on Authorization.
      for (const route of routes.filter((r) => r.auth === 'jwt')) {
        const behavior = behaviorFor(prod, samplePath(route.path));
        const policy = cachePolicyOf(prod, behavior);
        if (policy) expect(policy.inputs.parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items, route.path).toContain('authorization');
      }
    });

    it('compresses every answer it may (Brotli or gzip) and sends the pages’ security headers, connect-src naming the token endpoint', () => {
      const tokenOrigin = (e: Evaluation) => new URL(one(e, 'command:local:Command', 'SiteBuilder').inputs.environment.VITE_AUTH_TOKEN_URL).origin;
      expect(tokenOrigin(prod)).toBe('https://abad-prod-mockrand.auth.us-east-1.amazoncognito.com');
      expect(tokenOrigin(dev)).toBe('https://login.example.org');
      for (const e of [prod, dev]) {
        const distribution = one(e, 'aws:cloudfront/distribution:Distribution');
        const headers = one(e, 'aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy');
        const behaviors = [distribution.inputs.defaultCacheBehavior, ...(distribution.inputs.orderedCacheBehaviors ?? [])];
        expect(behaviors.length).toBeGreaterThan(1);
        for (const behavior of behaviors) {
          const where = behavior.pathPattern ?? 'default';
          expect(behavior.compress, where).toBe(true);
          expect(behavior.responseHeadersPolicyId, where).toBe(`${headers.name}-id`);
          // CloudFront compresses what its cache policy lets it keep per coding. CachingDisabled (the
          // reads behind a token, answered no-store) cannot allow codings: those go as the API sends them.
          const policy = cachePolicyOf(e, behavior);
          if (policy) {
            expect(policy.inputs.parametersInCacheKeyAndForwardedToOrigin, where).toMatchObject({
              enableAcceptEncodingBrotli: true,
              enableAcceptEncodingGzip: true,
            });
          } else expect(behavior.cachePolicyId, where).toBe(CACHING_DISABLED);
        }
        // The same policy `npm start` sends with the pages, plus the token endpoint the hosted sign-in posts the code to.
        const config = headers.inputs.securityHeadersConfig;
        expect(config.contentSecurityPolicy).toEqual({ contentSecurityPolicy: contentSecurityPolicy([tokenOrigin(e)]), override: true });
        expect(config.contentSecurityPolicy.contentSecurityPolicy).toContain(`connect-src 'self' ${tokenOrigin(e)};`);
        expect(config.frameOptions).toEqual({ frameOption: PAGE_HEADERS['x-frame-options'], override: true });
        expect(config.referrerPolicy).toEqual({ referrerPolicy: PAGE_HEADERS['referrer-policy'], override: true });
        expect(config.contentTypeOptions).toEqual({ override: true });
        expect(config.strictTransportSecurity).toMatchObject({ accessControlMaxAgeSec: 31_536_000, override: true });
      }
    });
  });

  describe('a broken config fails the evaluation', () => {
    it('a table without a stream', () => {
      expect(broken.noStream.errors).toContainEqual(expect.stringContaining('because stream is not enabled'));
    });

    it('a route whose handler file does not exist', () => {
      expect(broken.missingHandler.errors).toContainEqual(expect.stringContaining('Handler not found: packages/functions/src/http/projects/archive.handler'));
    });

    it('a handler file that does not export `handler`', () => {
      expect(broken.missingExport.errors).toContainEqual(expect.stringContaining('packages/functions/src/http/health.ts does not export "handler"'));
    });
  });
});
