import { principalFromClaims, type Principal } from '@abad/core/auth/principal';
import { PROVINCES, type Province } from '@abad/core/places/provinces';

/**
 * The signed-in user: a bearer token (kept for this tab only, in sessionStorage) and the
 * principal read from its claims with core's own reader — role and provinces, plain or
 * Cognito's `custom:` claims. The page only uses them to hide what the API would refuse;
 * the API checks the token itself.
 */
export interface Session {
  token: string;
  principal: Principal;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'abad.token';
const listeners = new Set<() => void>();

export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sessionFromToken(token: string, now = Date.now()): Session | undefined {
  const claims = decodeClaims(token);
  const principal = principalFromClaims(claims);
  const expiresAt = typeof claims?.exp === 'number' ? claims.exp : Number.POSITIVE_INFINITY;
  if (!principal || expiresAt * 1000 <= now) return undefined;
  return { token, principal, expiresAt };
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  const session = sessionFromToken(token);
  if (!session) sessionStorage.removeItem(STORAGE_KEY);
  return session;
}

/** Stores a token; returns the session, or undefined when the token carries no usable role. */
export function signIn(token: string): Session | undefined {
  const session = sessionFromToken(token);
  if (session) {
    sessionStorage.setItem(STORAGE_KEY, token);
    notify();
  }
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** The provinces this principal may act in, in core's order. */
export function allowedProvinces(principal: Principal): Province[] {
  return principal.provinces === '*' ? [...PROVINCES] : PROVINCES.filter((p) => principal.provinces.includes(p.code));
}

export const ROLE_NAMES: Record<Principal['role'], string> = {
  admin: 'مدیر',
  editor: 'ویرایشگر',
  operator: 'اپراتور',
  viewer: 'بیننده',
};
