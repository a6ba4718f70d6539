import { API_BASE } from './config.ts';

/**
 * The API, same origin locally. Reads are public; writes carry the bearer token and an
 * Idempotency-Key. Errors arrive as problem+json (RFC 9457), in Persian (`Accept-Language: fa`).
 */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export type WriteResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; problem: Problem };

export class ReadError extends Error {
  constructor(
    readonly status: number,
    path: string,
    /** The API's own Persian explanation (problem+json `detail` or `title`), when it sent one. */
    readonly detail?: string,
  ) {
    super(`GET ${path} failed (${status || 'network error'})`);
  }
}

async function problemDetail(response: Response): Promise<string | undefined> {
  const problem = parseJson(await response.text().catch(() => '')) as Partial<Problem> | undefined;
  if (!problem || typeof problem !== 'object') return undefined;
  const fieldMessages = problem.errors?.map((e) => e.message).join('؛ ');
  return fieldMessages || problem.detail || problem.title;
}

/**
 * The last answer to each public read that came with an ETag (the live figures), so a poll can
 * send `If-None-Match` and, on 304, keep these figures: an idle poll is then a few hundred bytes,
 * not the whole figures again. Made explicit rather than left to the browser's HTTP cache, which
 * `cache: 'no-store'` keeps out of the way (it would also answer from memory for `max-age`).
 * Signed-in reads are never kept: the API marks them `no-store`.
 */
const lastAnswers = new Map<string, { etag: string; body: unknown }>();
const MAX_KEPT_ANSWERS = 16;

/** A read that has not answered by then has failed: the page says so and asks again, it never waits forever. */
export const READ_TIMEOUT_MS = 15_000;

export async function getJson<T>(path: string, token?: string): Promise<T> {
  const kept = token ? undefined : lastAnswers.get(path);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
      headers: {
        accept: 'application/json',
        'accept-language': 'fa',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(kept ? { 'if-none-match': kept.etag } : {}),
      },
      cache: 'no-store',
    });
  } catch {
    throw new ReadError(0, path);
  }
  if (response.status === 304 && kept) return kept.body as T;
  if (!response.ok) throw new ReadError(response.status, path, await problemDetail(response));
  let body: T;
  try {
    body = (await response.json()) as T;
  } catch {
    throw new ReadError(response.status, path);
  }
  const etag = response.headers.get('etag');
  if (!token && etag) keep(path, etag, body);
  return body;
}

function keep(path: string, etag: string, body: unknown): void {
  lastAnswers.delete(path);
  if (lastAnswers.size >= MAX_KEPT_ANSWERS) lastAnswers.delete(lastAnswers.keys().next().value!);
  lastAnswers.set(path, { etag, body });
}

export interface WriteOptions {
  token: string;
  /** One per form submission, kept until the submission succeeds. */
  idempotencyKey: string;
}

export async function postJson<T>(path: string, body: unknown, { token, idempotencyKey }: WriteOptions): Promise<WriteResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'accept-language': 'fa',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, problem: { status: 0 } };
  }
  return writeResult<T>(response);
}

/** A write's answer: its body, or its problem+json with the status. */
async function writeResult<T>(response: Response): Promise<WriteResult<T>> {
  const parsed = parseJson(await response.text().catch(() => ''));
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
  return { ok: false, status: response.status, problem: { ...problem, status: response.status } };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh Idempotency-Key: 128 random bits (getRandomValues works outside secure contexts too). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ChangeOptions {
  token: string;
  /** The version the change was made against (its ETag, `"3"`): a newer one answers 412, never a lost edit. */
  version: number;
}

/** A change to a stored record: `PATCH` (a correction) or `POST` (e.g. `/void`), with `If-Match`. */
export async function changeJson<T>(method: 'PATCH' | 'POST', path: string, body: unknown, { token, version }: ChangeOptions): Promise<WriteResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': 'fa',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'if-match': `"${version}"`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, problem: { status: 0 } };
  }
  return writeResult<T>(response);
}
