import { ROLES, type Role } from '@abad/core/auth/principal';
import { PROVINCE_CODES, isProvinceCode } from '@abad/core/places/provinces';

/**
 * The claims the local issuer puts in a token, validated the same way for the CLI and for
 * programmatic minting (tests). The authorization rules themselves live in core/functions.
 */
export { ROLES, type Role };

export const ALL_PROVINCES = '*';

export class ClaimError extends Error {
  override readonly name = 'ClaimError';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Normalizes provinces to the claim's one comma-separated string (`IR-13,IR-19` or `*`).
 * A string, not an array: API Gateway's JWT authorizer flattens array claims to `[a b]`.
 */
export function provincesClaim(input: readonly string[] | string): string {
  const parts = (typeof input === 'string' ? input.split(',') : input).map((p) => p.trim().toUpperCase()).filter(Boolean);
  if (parts.length === 0) throw new ClaimError(`no provinces given: use codes like IR-13,IR-19 or ${ALL_PROVINCES} for all`);
  if (parts.includes(ALL_PROVINCES)) {
    if (parts.length > 1) throw new ClaimError(`${ALL_PROVINCES} means all provinces and cannot be combined with codes`);
    return ALL_PROVINCES;
  }
  const unknown = parts.filter((p) => !isProvinceCode(p));
  if (unknown.length > 0) {
    throw new ClaimError(
      `unknown province code ${unknown.join(', ')}: valid codes are ${PROVINCE_CODES[0]} … ${PROVINCE_CODES.at(-1)}, or ${ALL_PROVINCES} for all`,
    );
  }
  return [...new Set(parts)].join(',');
}
