/**
 * The domain's error types. The HTTP layer maps each to one problem+json type and status;
 * core never speaks HTTP. Each error says itself in both languages (`describe`): the English
 * `message` is for logs and `en` readers, the Persian one names no code, id or English word.
 */
import type { Action, Role } from './auth/principal.ts';
import { NATIONAL_PLACE, PROVINCES } from './places/provinces.ts';
import type { Language } from './validation/messages.ts';

export interface FieldProblem {
  /** Dotted path of the failing field, e.g. `donor.phone` or `items.0.quantity`. */
  field: string;
  message: string;
  /** For the project's own rules: the message key, so the HTTP layer can say it in the reader's language. */
  rule?: string;
  /** What the rule's message names (the suggestions of an unknown county…). */
  params?: Record<string, unknown>;
}

export type DomainErrorKind =
  | 'validation'
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'version-mismatch'
  | 'forbidden'
  | 'invalid-cursor'
  | 'idempotency-key-reused';

/** What each kind says in Persian when nothing more specific is known. */
const GENERIC_FA: Record<DomainErrorKind, string> = {
  validation: 'درخواست فیلدهای نامعتبر دارد',
  'not-found': 'موردی با این شناسه پیدا نشد',
  'already-exists': 'این مورد پیش‌تر ثبت شده است',
  conflict: 'وضعیت کنونی این مورد اجازهٔ این درخواست را نمی‌دهد',
  'version-mismatch': 'این مورد پس از خواندن شما تغییر کرده است؛ آن را دوباره بخوانید و تغییرتان را روی نسخهٔ تازه بفرستید',
  forbidden: 'اجازهٔ این کار را ندارید',
  'invalid-cursor': 'نشانهٔ صفحهٔ بعد برای این جست‌وجو معتبر نیست؛ فهرست را از صفحهٔ اول بخوانید',
  'idempotency-key-reused': 'این کلید تکرار پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بفرستید',
};

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** The error in the reader's language: English is the message; Persian never carries an English word. */
  describe(language: Language): string {
    return language === 'en' ? this.message : GENERIC_FA[this.kind];
  }
}

/** Input that fails a schema or a cross-field rule; lists every failing field. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    readonly problems: FieldProblem[],
    message = 'The request has invalid fields',
  ) {
    super(message);
  }
}

/** How an entity is named in Persian: alone, as "a …" (یای نکره), and what identifies it. */
interface EntityName {
  fa: string;
  some: string;
  by: string;
}

const ENTITIES: Record<string, EntityName> = {
  Project: { fa: 'پروژه', some: 'پروژه‌ای', by: 'شناسه' },
  ProgressReport: { fa: 'گزارش پیشرفت', some: 'گزارش پیشرفتی', by: 'شناسه' },
  Drive: { fa: 'پویش', some: 'پویشی', by: 'شناسه' },
  Donation: { fa: 'کمک', some: 'کمکی', by: 'شناسه' },
  Distribution: { fa: 'توزیع', some: 'توزیعی', by: 'شناسه' },
  Partner: { fa: 'نهاد همکار', some: 'نهاد همکاری', by: 'شناسه' },
  Indicator: { fa: 'شاخص', some: 'شاخصی', by: 'کد' },
  Plan: { fa: 'هدف برنامه', some: 'هدف برنامه‌ای', by: 'شناسه' },
  Programme: { fa: 'برنامه', some: 'برنامه‌ای', by: 'نام' },
};
const SOME_ENTITY: EntityName = { fa: 'مورد', some: 'موردی', by: 'شناسه' };

/** The Persian name of an entity type (`Project` → «پروژه»). */
export function entityName(entity: string): EntityName {
  return ENTITIES[entity] ?? SOME_ENTITY;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }

  override describe(language: Language): string {
    if (language === 'en') return this.message;
    const name = entityName(this.entity);
    return `${name.some} با این ${name.by} پیدا نشد`;
  }
}

export class AlreadyExistsError extends DomainError {
  readonly kind = 'already-exists';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} already exists`);
  }

  override describe(language: Language): string {
    if (language === 'en') return this.message;
    const name = entityName(this.entity);
    return `${name.some} با این ${name.by} پیش‌تر ثبت شده است`;
  }
}

/** Why a request conflicts with the entity's state, in both languages. */
const CONFLICTS = {
  cancelledProject: { en: 'A cancelled project takes no progress reports', fa: 'برای پروژهٔ لغوشده گزارش پیشرفت ثبت نمی‌شود' },
  projectBusy: { en: 'The project is changing too fast; try again', fa: 'این پروژه هم‌زمان در حال تغییر است؛ چند لحظه بعد دوباره بفرستید' },
  partnersBusy: {
    en: 'The partner register is changing too fast; try again',
    fa: 'فهرست نهادهای همکار هم‌زمان در حال تغییر است؛ چند لحظه بعد دوباره بفرستید',
  },
  shippedIndicator: {
    en: 'A shipped indicator cannot be changed; add a new one',
    fa: 'شاخص‌های پایهٔ سامانه تغییر نمی‌کنند؛ شاخص تازه‌ای بیفزایید',
  },
  indicatorInUse: {
    en: 'The indicator is in use: its unit cannot change',
    fa: 'این شاخص در آمارها به کار رفته است و واحد آن تغییر نمی‌کند',
  },
} as const satisfies Record<string, Record<Language, string>>;
export type ConflictReason = keyof typeof CONFLICTS;

/** The request is valid but the entity's state does not allow it (e.g. progress on a cancelled project). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  /** A reason of CONFLICTS (said in both languages), or an English message (a generic Persian one). */
  constructor(readonly reason: ConflictReason | string) {
    super(reason in CONFLICTS ? CONFLICTS[reason as ConflictReason].en : reason);
  }

  override describe(language: Language): string {
    const known = this.reason in CONFLICTS ? CONFLICTS[this.reason as ConflictReason] : undefined;
    return known ? known[language] : super.describe(language);
  }
}

/** Optimistic locking: the caller's `version` is not the stored one. */
export class VersionMismatchError extends DomainError {
  readonly kind = 'version-mismatch';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expected: number,
  ) {
    super(`${entity} ${id} is no longer at version ${expected}`);
  }

  override describe(language: Language): string {
    if (language === 'en') return this.message;
    const version = this.expected.toLocaleString('fa-IR', { useGrouping: false });
    return `این ${entityName(this.entity).fa} دیگر در نسخهٔ ${version} نیست؛ آن را دوباره بخوانید و تغییرتان را روی نسخهٔ تازه بفرستید`;
  }
}

/** The Persian name of a place: a province's own name, «کل کشور» for `IR`. */
export function placeName(code: string): string {
  if (code === NATIONAL_PLACE.code) return `«${NATIONAL_PLACE.fa}»`;
  const province = PROVINCES.find((p) => p.code === code);
  return province ? `استان ${province.fa}` : 'این استان';
}

const ROLE_FA: Record<Role, string> = { admin: 'مدیر', editor: 'ویرایشگر', operator: 'اپراتور', viewer: 'بیننده' };
const ACTION_FA: Record<Action, string> = {
  'project:write': 'ثبت و ویرایش پروژه',
  'project:delete': 'حذف پروژه',
  'drive:write': 'ثبت و ویرایش پویش',
  'donation:write': 'ثبت و اصلاح کمک‌ها و توزیع‌ها',
  'donation:read': 'دیدن کمک‌ها و توزیع‌ها',
  'donor:readPhone': 'دیدن شمارهٔ تلفن اهداکننده',
  'catalogue:write': 'ویرایش شاخص‌ها، اهداف برنامه‌ها و نهادهای همکار',
};

/** What was refused: an action the role may not do, or a place outside the caller's provinces. */
export type ForbiddenReason = { role: Role; action: Action } | { province: string };

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  /** A structured reason (said in both languages), or an English message (a generic Persian one). */
  constructor(readonly reason: ForbiddenReason | string) {
    super(
      typeof reason === 'string'
        ? reason
        : 'province' in reason
          ? `Not allowed to act in province ${reason.province}`
          : `The role ${reason.role} may not ${reason.action.replace(':', ' ')}`,
    );
  }

  override describe(language: Language): string {
    if (language === 'en' || typeof this.reason === 'string') return super.describe(language);
    if ('province' in this.reason) return `اجازهٔ کار در ${placeName(this.reason.province)} را ندارید`;
    const role = ROLE_FA[this.reason.role] ?? 'شما';
    return `نقش «${role}» اجازهٔ ${ACTION_FA[this.reason.action] ?? 'این کار'} را ندارد`;
  }
}

export class InvalidCursorError extends DomainError {
  readonly kind = 'invalid-cursor';
  constructor() {
    super('The cursor is not valid for this query');
  }
}

/** An `Idempotency-Key` already used by this caller on this route for another request. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly kind = 'idempotency-key-reused';
  readonly problems: FieldProblem[] = [
    { field: 'Idempotency-Key', rule: 'idempotencyKeyReused', message: 'This Idempotency-Key was already used with another request' },
  ];
  constructor() {
    super('This Idempotency-Key was used with another request body');
  }
}
