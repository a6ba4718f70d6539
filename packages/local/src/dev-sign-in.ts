import { isLoopbackAddress, isLoopbackHost, isSameLoopbackOrigin } from './loopback.ts';
import type { Language } from '@abad/core';
import { languageOf } from '@abad/functions/http/request';
import type { HttpResponse } from './api-gateway-response.ts';
import { ClaimError, isRole, provincesClaim } from './claims.ts';
import type { Issuer } from './issuer.ts';
import type { SiteRequest } from './static-site.ts';

/**
 * DEVELOPMENT SIGN-IN, LOCAL RUNTIME ONLY: `POST /dev/token` with `{ role, provinces }` answers
 * a token signed by the local issuer, so the pages can sign in as any role without the CLI.
 * Served by the local runtime's static site (static-site.ts), never by the deployed API, and
 * only for requests from this machine (loopback) that also name it (a loopback Host, and a
 * loopback Origin when one is sent): no web page elsewhere can get a token, not even through
 * DNS rebinding.
 */
export const DEV_TOKEN_PATH = '/dev/token';

/** `POST /dev/token`: refusals are problem+json, in Persian for `Accept-Language: fa`. */
export async function devToken(issuer: Issuer, request: SiteRequest): Promise<HttpResponse> {
  const language = languageOf({ headers: { 'accept-language': request.headers['accept-language'] } });
  const refuse = (status: number, message: Message) => problem(status, message[language]);
  if (!isLoopbackAddress(request.remoteAddress)) return refuse(403, REFUSALS.notThisMachine);
  // DNS rebinding: a page of evil.example, its name re-pointed at 127.0.0.1, reaches this port
  // from the developer's browser as a same-origin request, yet its Host still says evil.example.
  const host = request.headers.host;
  if (!host || !isLoopbackHost(host)) return refuse(403, REFUSALS.hostNotLoopback);
  // A JSON body needs a CORS preflight from another origin, which is never granted: only this
  // origin's pages (and local tools) can ask. A declared foreign Origin is refused outright.
  // `null` is what this origin's own pages send (their Referrer-Policy is no-referrer).
  const origin = request.headers.origin;
  if (!isSameLoopbackOrigin(origin, host)) return refuse(403, REFUSALS.originNotThisSite);
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(415, REFUSALS.notJson);
  let input: { role?: unknown; provinces?: unknown; subject?: unknown };
  try {
    input = JSON.parse(request.body.toString('utf8')) as typeof input;
  } catch {
    return refuse(400, REFUSALS.malformedJson);
  }
  const { role, provinces, subject } = input ?? {};
  if (typeof role !== 'string' || !isRole(role)) return refuse(422, REFUSALS.role);
  if (typeof provinces !== 'string' && !(Array.isArray(provinces) && provinces.every((p) => typeof p === 'string'))) {
    return refuse(422, REFUSALS.provinces);
  }
  try {
    const claim = provincesClaim(provinces);
    const token = await issuer.mintToken({
      role,
      provinces: claim,
      subject: typeof subject === 'string' && /^[\w.@-]{1,64}$/.test(subject) ? subject : `dev-${role}`,
    });
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      cookies: [],
      body: Buffer.from(JSON.stringify({ token, role, provinces: claim })),
    };
  } catch (error) {
    // The claim's own message names the bad code; it exists in English only.
    if (error instanceof ClaimError) return refuse(422, { fa: `${REFUSALS.provinces.fa} (${error.message})`, en: error.message });
    throw error;
  }
}

type Message = Record<Language, string>;

const REFUSALS = {
  notThisMachine: { fa: 'ورود آزمایشی فقط به درخواست‌های همین رایانه پاسخ می‌دهد.', en: 'The development sign-in answers only requests from this machine.' },
  hostNotLoopback: {
    fa: 'ورود آزمایشی فقط با نشانی همین رایانه (localhost یا 127.0.0.1) در دسترس است.',
    en: 'The development sign-in answers only requests addressed to this machine (Host: localhost, 127.0.0.1 or [::1]).',
  },
  originNotThisSite: { fa: 'ورود آزمایشی فقط برای صفحه‌های همین نشانی است.', en: 'The development sign-in is for this origin only.' },
  notJson: { fa: 'نقش و استان‌ها را به صورت application/json بفرستید: { "role", "provinces" }.', en: 'Send { "role", "provinces" } as application/json.' },
  malformedJson: { fa: 'بدنهٔ درخواست JSON معتبر نیست.', en: 'The body is not JSON.' },
  role: { fa: 'نقش (role) باید admin، editor، operator یا viewer باشد.', en: 'role must be admin, editor, operator or viewer.' },
  provinces: { fa: 'استان‌ها (provinces) باید «*» یا فهرستی از کدهای ISO 3166-2:IR باشد.', en: 'provinces must be "*" or a list of ISO 3166-2:IR codes.' },
} satisfies Record<string, Message>;

function problem(status: number, detail: string): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    cookies: [],
    body: Buffer.from(JSON.stringify({ type: '/problems/dev-sign-in', title: 'Development sign-in refused', status, detail })),
  };
}
