import { createHash } from 'node:crypto';

/**
 * Exactly-once creation without a separate idempotency record: the caller's
 * `Idempotency-Key` (scoped by route and caller) decides the new item's id, so the
 * conditional put that already forbids overwrites is also the duplicate check. A retry finds
 * the item the first request wrote, crash or no crash, with nothing in progress that could
 * expire. The hash of the request's fields is stored on the item, so the same key with
 * another request is told apart.
 */
export interface IdempotencyKey {
  /** The route, e.g. `POST /donations`. */
  route: string;
  /** The caller's token subject: keys are never shared between callers. */
  caller: string;
  /** The client's key (1–255 visible ASCII characters). */
  key: string;
}

/** The item attribute holding the request hash; internal, never part of an entity. */
export const REQUEST_HASH_ATTRIBUTE = 'requestHash';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id (26 Crockford base-32 characters, the first 0–7) derived from the key:
 * the same key, route and caller give the same id, any other gives another (SHA-256, 128
 * bits kept). Its time part carries no time; index sort keys use `createdAt` instead.
 */
export function idForIdempotencyKey({ route, caller, key }: IdempotencyKey): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([route, caller, key]))
    .digest();
  let bits = 0n;
  // 128 bits in 26 characters: the first holds only 3 of them, so it is 0–7 as in a ULID.
  for (const byte of digest.subarray(0, 16)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(bits & 31n)] + id;
    bits >>= 5n;
  }
  return id;
}

/**
 * The hash of a request's validated fields (money as decimal strings, keys sorted), so
 * `"۱۲"` and `12` are one request, and a retry is recognised whatever order its JSON keys.
 */
export function requestHash(fields: unknown): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
