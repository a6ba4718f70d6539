import { describe, expect, it } from 'vitest';
import { authorize, can, principalFromClaims, type Principal } from '../src/auth/principal.ts';
import { ForbiddenError } from '../src/errors.ts';

describe('principalFromClaims', () => {
  it('reads role and provinces, as plain or Cognito custom claims', () => {
    expect(principalFromClaims({ sub: 'u1', role: 'editor', provinces: 'IR-13,IR-19' })).toEqual({
      subject: 'u1',
      role: 'editor',
      provinces: ['IR-13', 'IR-19'],
    });
    expect(principalFromClaims({ sub: 'u2', 'custom:role': 'admin', 'custom:provinces': '*' })).toEqual({ subject: 'u2', role: 'admin', provinces: '*' });
  });

  it('refuses claims that do not make a principal', () => {
    expect(principalFromClaims(undefined)).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'root', provinces: '*' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'editor', provinces: 'IR-99' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'editor', provinces: '' })).toBeUndefined();
    expect(principalFromClaims({ role: 'editor', provinces: '*' })).toBeUndefined();
  });
});

describe('authorize', () => {
  const editor: Principal = { subject: 'e', role: 'editor', provinces: ['IR-13'] };
  const operator: Principal = { subject: 'o', role: 'operator', provinces: ['IR-13'] };
  const admin: Principal = { subject: 'a', role: 'admin', provinces: '*' };
  const viewer: Principal = { subject: 'v', role: 'viewer', provinces: '*' };

  it('lets each role do its own actions in its own provinces only', () => {
    expect(can(editor, 'project:write', 'IR-13')).toBe(true);
    expect(can(editor, 'project:write', 'IR-19')).toBe(false);
    expect(can(editor, 'project:delete')).toBe(false);
    expect(can(operator, 'project:write', 'IR-13')).toBe(false);
    expect(can(operator, 'donation:write', 'IR-13')).toBe(true);
    expect(can(admin, 'donor:readPhone', 'IR-30')).toBe(true);
    expect(can(viewer, 'donation:read')).toBe(false);
  });

  it('throws ForbiddenError naming the province', () => {
    expect(() => authorize(editor, 'project:write', 'IR-13', 'IR-19')).toThrow(ForbiddenError);
    expect(() => authorize(editor, 'project:write', 'IR-19')).toThrow(/IR-19/);
    expect(() => authorize(admin, 'drive:write')).not.toThrow();
  });
});
