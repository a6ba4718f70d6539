import type { DomainError, DomainErrorKind, FieldProblem, Language } from '@abad/core';
import { ruleMessage } from '@abad/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * RFC 9457 problem details. Every error the API returns is one of these types; the `type`
 * URIs are stable identifiers (relative, resolved against the API's own URL).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

export const PROBLEM_TYPES = {
  validation: { status: 422, title: 'Invalid request' },
  'malformed-json': { status: 400, title: 'Malformed JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'already-exists': { status: 409, title: 'Already exists' },
  conflict: { status: 409, title: 'Conflict' },
  'version-mismatch': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with another body' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

const DOMAIN_TO_PROBLEM: Record<DomainErrorKind, ProblemType> = {
  validation: 'validation',
  'not-found': 'not-found',
  'already-exists': 'already-exists',
  conflict: 'conflict',
  'version-mismatch': 'version-mismatch',
  forbidden: 'forbidden',
  'invalid-cursor': 'invalid-cursor',
  'idempotency-key-reused': 'idempotency-key-reused',
};

/** An error raised by the HTTP layer itself (before core is called). */
export class HttpProblem extends Error {
  constructor(
    readonly problemType: ProblemType,
    detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
  }
}

export function problem(type: ProblemType, detail: string, errors?: FieldProblem[]): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: `/problems/${type}`, title, status, detail, ...(errors?.length ? { errors } : {}) };
}

export function problemFromDomainError(error: DomainError, language: Language): Problem {
  const errors = 'problems' in error ? (error.problems as FieldProblem[]).map((p) => localize(p, language)) : undefined;
  return inLanguage(problem(DOMAIN_TO_PROBLEM[error.kind], error.describe(language), errors), language);
}

/** Each problem type's title in Persian. */
const TITLES_FA: Record<ProblemType, string> = {
  validation: 'درخواست نامعتبر',
  'malformed-json': 'بدنهٔ نادرست',
  'bad-request': 'درخواست نادرست',
  unauthorized: 'ورود لازم است',
  forbidden: 'دسترسی مجاز نیست',
  'not-found': 'پیدا نشد',
  'already-exists': 'پیش‌تر ثبت شده',
  conflict: 'ناسازگار با وضعیت کنونی',
  'version-mismatch': 'نسخه تغییر کرده است',
  'payload-too-large': 'بدنهٔ بیش از اندازه',
  'unsupported-media-type': 'قالب پشتیبانی‌نشده',
  'idempotency-key-reused': 'کلید تکرار با درخواست دیگری به کار رفته',
  'precondition-required': 'نسخه لازم است',
  'invalid-cursor': 'نشانهٔ صفحه نامعتبر',
  internal: 'خطای داخلی',
};

/** What a problem type says in Persian when its English detail is not one of DETAILS_FA. */
const GENERIC_DETAILS_FA: Record<ProblemType, string> = {
  validation: 'درخواست فیلدهای نامعتبر دارد',
  'malformed-json': 'بدنهٔ درخواست باید متن جی‌سان درست باشد',
  'bad-request': 'درخواست نادرست است',
  unauthorized: 'برای این کار باید وارد شوید؛ دوباره وارد شوید و درخواست را بفرستید',
  forbidden: 'اجازهٔ این کار را ندارید',
  'not-found': 'چیزی در این نشانی پیدا نشد',
  'already-exists': 'این مورد پیش‌تر ثبت شده است',
  conflict: 'وضعیت کنونی این مورد اجازهٔ این درخواست را نمی‌دهد',
  'version-mismatch': 'این مورد پس از خواندن شما تغییر کرده است؛ آن را دوباره بخوانید و تغییرتان را روی نسخهٔ تازه بفرستید',
  'payload-too-large': 'بدنهٔ درخواست بیش از ۶۴ کیلوبایت است',
  'unsupported-media-type': 'بدنهٔ درخواست را به شکل جی‌سان بفرستید',
  'idempotency-key-reused': 'این کلید تکرار پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بفرستید',
  'precondition-required': 'نسخه‌ای را که خوانده‌اید در سرآیند شرط تطابق بفرستید',
  'invalid-cursor': 'نشانهٔ صفحهٔ بعد برای این جست‌وجو معتبر نیست؛ فهرست را از صفحهٔ اول بخوانید',
  internal: 'خطایی پیش‌بینی‌نشده رخ داد و ثبت شد؛ چند لحظه بعد دوباره بفرستید و اگر باز تکرار شد به پشتیبانی خبر دهید',
};

/**
 * The HTTP layer's own details and field messages (handler.ts, request.ts, queries.ts), in
 * Persian. One that is missing here is said by its type's generic detail: never in English.
 */
const DETAILS_FA: Record<string, string> = {
  'A valid bearer token with a role and provinces is required': 'برای این کار باید با حسابی که نقش و استان دارد وارد شوید',
  'Idempotency-Key must be 1 to 255 visible ASCII characters': 'کلید تکرار باید ۱ تا ۲۵۵ نویسهٔ لاتین دیدنی باشد',
  'A JSON body is required': 'این درخواست بدنه‌ای به شکل جی‌سان لازم دارد',
  'Send the body as application/json': 'بدنهٔ درخواست را به شکل جی‌سان بفرستید',
  'The body has a forbidden key': 'بدنهٔ درخواست کلیدی ممنوع دارد',
  'The body is not valid JSON': 'بدنهٔ درخواست جی‌سان درستی نیست',
  'Send If-Match with the version you read (the ETag of the GET)': 'نسخه‌ای را که خوانده‌اید (برچسب نسخه در پاسخ خواندن) در سرآیند شرط تطابق بفرستید',
  'If-Match does not name a version of this resource': 'سرآیند شرط تطابق نسخه‌ای از این مورد را نام نمی‌برد؛ مثلاً «۳» بفرستید',
  'Nothing has this id': 'چیزی با این شناسه پیدا نشد',
  'Nothing is at this path': 'چیزی در این نشانی پیدا نشد',
  'An unexpected error occurred; it has been logged': GENERIC_DETAILS_FA.internal,
  // Field messages of the HTTP layer.
  Required: 'لازم است',
  Invalid: 'معتبر نیست',
  'Malformed JSON': 'جی‌سان درستی نیست',
  'Forbidden key': 'این کلید ممنوع است',
  'Expected a version such as "3"': 'باید شمارهٔ نسخه باشد، مثلاً «۳»',
  // Field messages of core raised outside a schema without a rule.
  'Name a province or a drive': 'استان یا پویش را نام ببرید',
};

/** A Latin letter outside a province code given as an example («مثلاً IR-13 برای همدان»). */
/** A field message that nothing translated (a safety net: every message core raises has its Persian). */
export const UNTRANSLATED_FIELD_FA = 'این مقدار پذیرفته نیست';

const LATIN = { test: (text: string) => /[A-Za-z]/.test(text.replace(/IR-\d\d/g, '')) };

/**
 * The problem in the reader's language. English is as written; in Persian the title is the
 * type's, and a detail or field message still in English (the HTTP layer's own, or one nothing
 * translated) is replaced by its Persian, or by the type's generic Persian detail.
 */
export function inLanguage(p: Problem, language: Language): Problem {
  if (language === 'en') return p;
  const type = p.type.replace('/problems/', '') as ProblemType;
  const generic = GENERIC_DETAILS_FA[type] ?? GENERIC_DETAILS_FA.internal;
  const say = (text: string, fallback: string) => (LATIN.test(text) ? (DETAILS_FA[text] ?? fallback) : text);
  return {
    ...p,
    title: TITLES_FA[type] ?? TITLES_FA.internal,
    detail: say(p.detail, generic),
    ...(p.errors ? { errors: p.errors.map((e) => ({ ...e, message: say(e.message, UNTRANSLATED_FIELD_FA) })) } : {}),
  };
}

/** Rules raised outside a schema were written in English; say them in the reader's language. */
function localize(problem: FieldProblem, language: Language): FieldProblem {
  // Only a rule raised outside a schema is still in English here; a schema's message is already
  // in the reader's language with its parameters filled in (re-saying it by key would lose them).
  const untranslated =
    problem.rule !== undefined && (problem.message === ruleMessage(problem.rule, 'en', problem.params) || (language !== 'en' && LATIN.test(problem.message)));
  const { params: _params, ...shown } = problem;
  return untranslated && language !== 'en' ? { ...shown, message: ruleMessage(problem.rule!, language, problem.params) } : shown;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(p),
  };
}
