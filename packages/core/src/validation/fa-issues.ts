import type * as z from 'zod';
import { labelledEnumOf } from './enum-labels.ts';

/**
 * zod's built-in checks said in Persian only. zod's own `fa` locale names types and values in
 * English («می‌بایست string می‌بود، undefined دریافت شد», enum codes); this map names neither:
 * a field's key is already in the problem's `field`, and an enum is listed by its Persian labels.
 */

/** A number in Persian digits; nothing (never «ناعدد») when the parameter is missing. */
export function faNumber(value: unknown): string {
  if (typeof value === 'bigint') return value.toLocaleString('fa-IR');
  const n = typeof value === 'number' ? value : Number(value);
  return value !== undefined && value !== null && Number.isFinite(n) ? n.toLocaleString('fa-IR') : '';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'متن',
  number: 'عدد',
  int: 'عدد صحیح',
  bigint: 'عدد صحیح',
  boolean: 'درست یا نادرست',
  object: 'مجموعه‌ای از فیلدها',
  array: 'فهرست',
  date: 'تاریخ',
  null: 'خالی',
};

function typeName(expected: unknown): string | undefined {
  return typeof expected === 'string' ? TYPE_NAMES[expected] : undefined;
}

const REQUIRED = 'این فیلد لازم است';
const INVALID = 'مقدار این فیلد معتبر نیست';

function isMissing(issue: { input?: unknown }): boolean {
  return 'input' in issue && issue.input === undefined;
}

/** The types a union's failing branches expected: «عدد یا متن». */
function unionTypes(errors: readonly (readonly z.core.$ZodIssue[])[] | undefined): string | undefined {
  if (!errors?.length) return undefined;
  const names = new Set<string>();
  for (const branch of errors) {
    const first = branch[0];
    const name = first?.code === 'invalid_type' ? typeName(first.expected) : undefined;
    if (!name) return undefined;
    names.add(name);
  }
  return [...names].join(' یا ');
}

function sized(origin: unknown): string | undefined {
  if (origin === 'string') return 'نویسه';
  if (origin === 'array' || origin === 'set' || origin === 'map') return 'مورد';
  if (origin === 'file') return 'بایت';
  return undefined;
}

function tooSmall(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall>): string {
  const unit = sized(issue.origin);
  const min = faNumber(issue.minimum);
  if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'این فیلد نباید خالی باشد';
  if (unit === 'مورد' && Number(issue.minimum) <= 1) return 'این فهرست نباید خالی باشد';
  if (!min) return 'این مقدار خیلی کوچک است';
  if (unit) return `باید ${issue.inclusive === false ? 'بیش از' : 'دست‌کم'} ${min} ${unit} باشد`;
  return issue.inclusive === false ? `باید بزرگ‌تر از ${min} باشد` : `نباید کمتر از ${min} باشد`;
}

function tooBig(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig>): string {
  const unit = sized(issue.origin);
  const max = faNumber(issue.maximum);
  if (!max) return 'این مقدار خیلی بزرگ است';
  if (unit) return `باید ${issue.inclusive === false ? 'کمتر از' : 'حداکثر'} ${max} ${unit} باشد`;
  return issue.inclusive === false ? `باید کوچک‌تر از ${max} باشد` : `نباید بیشتر از ${max} باشد`;
}

function invalidValue(values: readonly unknown[]): string {
  const labelled = labelledEnumOf(values);
  if (labelled?.kind === 'place') return 'کد استان معتبر نیست؛ مثلاً IR-13 برای همدان';
  if (labelled) return `باید یکی از این‌ها باشد: ${values.map((v) => `«${labelled.labels[v as string]}»`).join('، ')}`;
  return 'این گزینه مجاز نیست';
}

function invalidFormat(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  switch (issue.format) {
    case 'ulid':
    case 'uuid':
    case 'cuid':
    case 'cuid2':
    case 'nanoid':
      return 'شناسه معتبر نیست';
    case 'date':
      return 'تاریخ معتبر نیست';
    case 'datetime':
      return 'تاریخ و زمان معتبر نیست';
    case 'time':
      return 'ساعت معتبر نیست';
    case 'email':
      return 'نشانی رایانامه معتبر نیست';
    case 'url':
      return 'نشانی اینترنتی معتبر نیست';
    default:
      return 'قالب این مقدار درست نیست';
  }
}

/** The Persian error map of zod's built-in issue codes (the project's own rules are said in messages.ts). */
export const persianIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (isMissing(issue)) return REQUIRED;
      const name = typeName(issue.expected);
      return name ? `باید ${name} باشد` : INVALID;
    }
    case 'invalid_union': {
      if (isMissing(issue)) return REQUIRED;
      const types = unionTypes((issue as { errors?: z.core.$ZodIssue[][] }).errors);
      return types ? `باید ${types} باشد` : INVALID;
    }
    case 'invalid_value':
      return invalidValue(issue.values);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue as z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>);
    case 'not_multiple_of': {
      const divisor = faNumber(issue.divisor);
      return divisor ? `باید مضربی از ${divisor} باشد` : INVALID;
    }
    case 'unrecognized_keys':
      return issue.keys.length > 1 ? 'این فیلدها شناخته‌شده نیستند؛ آن‌ها را نفرستید' : 'این فیلد شناخته‌شده نیست؛ آن را نفرستید';
    case 'invalid_key':
      return 'کلیدی نامعتبر در این مجموعه هست';
    case 'invalid_element':
      return 'یکی از اعضای این مجموعه نامعتبر است';
    default:
      return INVALID;
  }
};
