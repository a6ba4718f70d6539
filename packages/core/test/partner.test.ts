import { problemsOf } from './support/problems.ts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import { drivePatch } from '../src/schemas/drive.ts';
import { PARTNER_KIND_LABELS, PARTNER_KINDS, PARTNER_ROLE_LABELS, PARTNER_ROLES, partnerInput, partnerPatch, partnerRefs } from '../src/schemas/partner.ts';
import type { partnerSchema } from '../src/schemas/responses.ts';
import type { Partner } from '../src/store/partners.ts';
import { parseInput } from '../src/validation/parse.ts';

const A = '01JD5XQ8Y5W6Z8N3K2M1P0R9ST';
const B = '01JD5XQ8Y5W6Z8N3K2M1P0R9SV';

describe('partner schemas', () => {
  it('label every kind and role in Persian', () => {
    expect(Object.keys(PARTNER_KIND_LABELS).sort()).toEqual([...PARTNER_KINDS].sort());
    expect(Object.keys(PARTNER_ROLE_LABELS).sort()).toEqual([...PARTNER_ROLES].sort());
    for (const label of [...Object.values(PARTNER_KIND_LABELS), ...Object.values(PARTNER_ROLE_LABELS)]) expect(label).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
    expect(PARTNER_KIND_LABELS.military_affiliated).toBe('وابسته به نیروهای مسلح');
    expect(PARTNER_ROLE_LABELS.funding).toBe('تأمین‌کننده مالی');
  });

  it('normalize the name, take an optional parent id, refuse unknown fields', () => {
    expect(parseInput(partnerInput, { name: ' خيريه  امام‌علی ', kind: 'charity' })).toEqual({ name: 'خیریه امام‌علی', kind: 'charity' });
    expect(
      problemsOf(() => parseInput(partnerInput, { name: 'ب', kind: 'ngo', parent: 'x', extra: 1 }))
        .map((p) => p.field)
        .sort(),
    ).toEqual(['extra', 'kind', 'parent'].sort());
    expect(problemsOf(() => parseInput(partnerInput, { name: '\u200c ', kind: 'charity' }))).toEqual([
      expect.objectContaining({ field: 'name', rule: 'emptyText' }),
    ]);
  });

  it('a patch is non-empty; `parent: null` detaches', () => {
    expect(problemsOf(() => parseInput(partnerPatch, {}))).toEqual([expect.objectContaining({ rule: 'emptyPatch' })]);
    expect(parseInput(partnerPatch, { parent: null })).toEqual({ parent: null });
    expect(problemsOf(() => parseInput(partnerInput, { name: 'ب', kind: 'charity', parent: null }))).toEqual([expect.objectContaining({ field: 'parent' })]);
  });

  it('partner refs: one role per partner once, at most 20, no default', () => {
    expect(
      parseInput(partnerRefs, [
        { partner: A, role: 'implementing' },
        { partner: A, role: 'funding' },
        { partner: B, role: 'funding' },
      ]),
    ).toHaveLength(3);
    const duplicate = problemsOf(() =>
      parseInput(partnerRefs, [
        { partner: A, role: 'funding' },
        { partner: B, role: 'funding' },
        { partner: A, role: 'funding' },
      ]),
    );
    expect(duplicate).toEqual([expect.objectContaining({ field: '2.partner', rule: 'duplicatePartnerRole' })]);
    expect(problemsOf(() => parseInput(partnerRefs, [{ partner: A, role: 'donor' }]))).toEqual([expect.objectContaining({ field: '0.role' })]);
    const many = Array.from({ length: 21 }, (_, i) => ({ partner: `01JD5XQ8Y5W6Z8N3K2M1P0R${String(i).padStart(3, '0')}`, role: 'funding' }));
    expect(problemsOf(() => parseInput(partnerRefs, many))).toEqual([expect.objectContaining({ field: '(body)' })]);
    // A drive patch that does not name partners leaves them alone (no default sneaks in).
    expect(parseInput(drivePatch, { phase: 'دوم' })).toEqual({ phase: 'دوم' });
  });

  it('the response schema admits what the store returns (checked by tsc)', () => {
    expectTypeOf<Partner>().toExtend<z.output<typeof partnerSchema>>();
  });
});
