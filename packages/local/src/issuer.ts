import { join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { isRole, provincesClaim, type Role } from './claims.ts';
import { readOrCreateFile } from './persistent-file.ts';

/**
 * The local stand-in for the OIDC provider that API Gateway's JWT authorizer trusts in AWS:
 * one RS256 key, created on first use and kept in the data folder so tokens survive
 * restarts, published as a JWKS, used to mint tokens (CLI, tests) and to verify them (the
 * HTTP adapter, in place of API Gateway).
 */
export const AUDIENCE = 'abad';
const ALG = 'RS256';
const DEFAULT_LIFETIME_SECONDS = 12 * 60 * 60;
export const ISSUER_KEY_FILE = 'issuer-key.json';
/** Leeway for clocks that disagree a little, on the time claims (iat, nbf, exp). */
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenRequest {
  /** Defaults to `local-<role>`. */
  subject?: string;
  role: Role;
  /** Codes (`['IR-13']`, `'IR-13,IR-19'`) or `*`; stored as one comma-separated string. */
  provinces: readonly string[] | string;
  expiresInSeconds?: number;
}

export interface Issuer {
  issuerUrl: string;
  jwks(): JSONWebKeySet;
  mintToken(request: TokenRequest): Promise<string>;
  /**
   * The verified claims; rejects on a bad signature, issuer or audience, and, as API Gateway's
   * JWT authorizer does, a token without `exp`, expired, not yet valid (`nbf`) or issued in the
   * future (`iat`), give or take CLOCK_SKEW_SECONDS.
   */
  verify(token: string): Promise<Record<string, unknown>>;
}

export async function loadIssuer(dataDir: string, issuerUrl: string): Promise<Issuer> {
  const privateJwk = parseKey(await readOrCreateFile(join(dataDir, ISSUER_KEY_FILE), createKey));
  const kid = privateJwk.kid!;
  const signingKey = await importJWK(privateJwk, ALG);
  const publicJwk: JWK = { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e, kid, alg: ALG, use: 'sig' };
  const keySet: JSONWebKeySet = { keys: [publicJwk] };
  const localKeySet = createLocalJWKSet(keySet);

  return {
    issuerUrl,
    jwks: () => structuredClone(keySet),
    async mintToken({ subject, role, provinces, expiresInSeconds = DEFAULT_LIFETIME_SECONDS }) {
      if (!isRole(role)) throw new Error(`unknown role "${String(role)}"`);
      if (!(expiresInSeconds > 0)) throw new Error('expiresInSeconds must be positive');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ role, provinces: provincesClaim(provinces) })
        .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
        .setIssuer(issuerUrl)
        .setAudience(AUDIENCE)
        .setSubject(subject ?? `local-${role}`)
        .setIssuedAt(now)
        .setExpirationTime(now + Math.round(expiresInSeconds))
        .sign(signingKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, localKeySet, {
        issuer: issuerUrl,
        audience: AUDIENCE,
        algorithms: [ALG],
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      // jose checks a future iat only together with maxTokenAge, which would also demand iat.
      if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
        throw new errors.JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', payload, 'iat', 'check_failed');
      }
      return { ...payload };
    },
  };
}

async function createKey(): Promise<string> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return `${JSON.stringify({ ...jwk, kid, alg: ALG, use: 'sig' }, null, 2)}\n`;
}

function parseKey(text: string): JWK {
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== 'RSA' || !jwk.d || !jwk.n || !jwk.e || !jwk.kid) {
    throw new Error(`${ISSUER_KEY_FILE} is not an RSA private JWK with a kid; delete it to create a new key.`);
  }
  return jwk;
}
