import { distributionInput, donationInput, driveInput, progressReportInput, projectInput } from '@abad/core';
import { KEY_FIELDS } from '@abad/core/table/keys';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, tokenFor } from '../support/api.ts';
import { countRequestItems } from '../support/db.ts';
import { createDrive, distributionBody, donationBody, projectBody } from '../support/fixtures.ts';

/**
 * Hostile bodies, at least 2,000 per POST endpoint: every one is answered 4xx with
 * problem+json, never 5xx, and nothing is written. The seed is fixed so a run is repeatable;
 * `FUZZ_SEED` picks another (fast-check prints the seed of a failure).
 */
const RUNS = 2_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);

const hostileValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -1e308,
    1e308,
    2 ** 53 + 1,
    -0.5,
    101,
    1e21,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '1e6',
    '۱2٣',
    '١٢٣٬٤',
    '12,34',
    '2026-02-30',
    '2026-13-01',
    '۲۰۲۶-۰۲-۳۰',
    '31/12/2026',
    'IR-99',
    'IR-1',
    '\u0000',
    '\u202e',
    '<script>',
    "'; DROP TABLE",
    '{{7*7}}',
    '../../etc/passwd',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 1_000, maxLength: 5_000 }),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
);

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'version', 'id', 'createdBy', ...KEY_FIELDS),
  fc.string({ maxLength: 20 }),
);

function deepNesting(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

const rawText = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    'null',
    '[]',
    '"text"',
    '{"a":NaN}',
    '{"budgetToman": 1e400}',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {}}}',
    '{"a":1,}',
    '\ufeff{}',
    'undefined',
  ),
  fc.integer({ min: 1_000, max: 20_000 }).map((d) => deepNesting(d)),
  fc.integer({ min: 100, max: 3_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json(),
);

/** A valid body with one to three fields replaced by hostile values or keys. */
function mutated(valid: Record<string, unknown>) {
  const field = fc.constantFrom(...Object.keys(valid));
  const change = fc.oneof(
    fc.tuple(field, hostileValue).map(([k, v]) => (body: Record<string, unknown>) => ({ ...body, [k]: v })),
    fc.tuple(hostileKey, hostileValue).map(([k, v]) => (body: Record<string, unknown>) => {
      const copy = { ...body };
      Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
      return copy;
    }),
    field.map((k) => (body: Record<string, unknown>) => {
      const { [k]: _dropped, ...rest } = body;
      return rest;
    }),
  );
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => JSON.stringify(changes.reduce((b, c) => c(b), valid)));
}

describe('fuzz: hostile bodies on every POST endpoint', () => {
  let admin: string;
  let driveId: string;
  let projectId: string;
  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
    driveId = await createDrive();
    projectId = (await api('/projects', { token: admin, body: projectBody('IR-13') })).body.id;
  });

  const endpoints: { path: () => string; schema: z.ZodType; valid: () => Record<string, unknown> }[] = [
    { path: () => '/projects', schema: projectInput, valid: () => projectBody('IR-13') },
    {
      path: () => `/projects/${projectId}/progress`,
      schema: progressReportInput,
      valid: () => ({ progressPercent: 50, note: 'گزارش', reportedAt: '2026-04-01T08:00:00Z' }),
    },
    {
      path: () => '/drives',
      schema: driveInput,
      valid: () => ({ name: 'پویش', province: 'IR-13', phase: 'اول', startDate: '2026-01-01', endDate: '2026-02-01' }),
    },
    { path: () => '/donations', schema: donationInput, valid: () => donationBody(driveId) },
    { path: () => '/distributions', schema: distributionInput, valid: () => distributionBody(driveId) },
  ];

  for (const endpoint of endpoints) {
    it(`POST ${endpoint.path().replace(/[0-9A-Z]{26}/, '{id}')}: ${RUNS} hostile bodies, all 4xx problem+json, nothing written`, async () => {
      const before = await countRequestItems();
      const statuses = new Map<number, number>();
      const isValid = (text: string) => {
        try {
          return endpoint.schema.safeParse(JSON.parse(text)).success;
        } catch {
          return false;
        }
      };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { arbitrary: mutated(endpoint.valid()), weight: 3 },
            { arbitrary: rawText, weight: 1 },
            { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), weight: 1 },
          ),
          async (text) => {
            fc.pre(!isValid(text));
            const response = await api(endpoint.path(), { method: 'POST', token: admin, rawBody: text, headers: { 'content-type': 'application/json' } });
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
            expect(response.status, text.slice(0, 200)).toBeLessThan(500);
            expect(response.headers.get('content-type')).toBe('application/problem+json');
            expect(response.body).toMatchObject({ type: expect.any(String), status: response.status, detail: expect.any(String) });
          },
        ),
        { numRuns: RUNS, maxSkipsPerRun: 10, seed: SEED },
      );
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
      expect(await countRequestItems()).toBe(before);
    });
  }
});
