import * as z from 'zod';
import { ForbiddenError } from '../errors.ts';
import { NATIONAL_CODE, isProvinceCode, type PlaceCode, type ProvinceCode } from '../places/provinces.ts';

export const ROLES = ['admin', 'editor', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified token's subject, role and the provinces it may act in. */
export interface Principal {
  subject: string;
  role: Role;
  provinces: '*' | readonly ProvinceCode[];
}

/** What a principal may do; each action is checked against a province where it has one. */
export type Action =
  | 'project:write'
  | 'project:delete'
  | 'drive:write'
  | 'donation:write'
  | 'donation:read'
  | 'donor:readPhone'
  /** The indicator catalogue, programme plans and the partner register: national reference data. */
  | 'catalogue:write';

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(['project:write', 'project:delete', 'drive:write', 'donation:write', 'donation:read', 'donor:readPhone', 'catalogue:write']),
  editor: new Set<Action>(['project:write', 'donation:write', 'donation:read']),
  operator: new Set<Action>(['donation:write', 'donation:read']),
  viewer: new Set<Action>(),
};

/** The country (`IR`) is no one province's: only a caller with `*` acts there. */
export function mayActIn(principal: Principal, place: PlaceCode): boolean {
  return principal.provinces === '*' || (place !== NATIONAL_CODE && principal.provinces.includes(place));
}

export function can(principal: Principal, action: Action, province?: PlaceCode): boolean {
  return ALLOWED[principal.role].has(action) && (province === undefined || mayActIn(principal, province));
}

/** Throws ForbiddenError unless the principal may do `action` in every province given. */
export function authorize(principal: Principal, action: Action, ...provinces: PlaceCode[]): void {
  if (!ALLOWED[principal.role].has(action)) {
    throw new ForbiddenError({ role: principal.role, action });
  }
  for (const province of provinces) {
    if (!mayActIn(principal, province)) {
      throw new ForbiddenError({ province });
    }
  }
}

const claimsSchema = z.looseObject({
  sub: z.string().min(1).max(256),
  role: z.enum(ROLES),
  provinces: z
    .string()
    .max(400)
    .transform((value, ctx) => {
      if (value.trim() === '*') return '*' as const;
      const codes = value.split(/[\s,]+/).filter(Boolean);
      if (codes.length === 0 || !codes.every(isProvinceCode)) {
        ctx.addIssue({ code: 'custom', message: 'provinces claim must be * or ISO codes' });
        return z.NEVER;
      }
      return codes as ProvinceCode[];
    }),
});

/**
 * Reads a principal from verified JWT claims. Accepts plain `role`/`provinces` claims and
 * Cognito's `custom:role`/`custom:provinces`. Returns undefined when the claims do not make one.
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | undefined {
  if (!claims) return undefined;
  const parsed = claimsSchema.safeParse({
    sub: claims.sub,
    role: claims.role ?? claims['custom:role'],
    provinces: claims.provinces ?? claims['custom:provinces'],
  });
  if (!parsed.success) return undefined;
  return { subject: parsed.data.sub, role: parsed.data.role, provinces: parsed.data.provinces };
}
