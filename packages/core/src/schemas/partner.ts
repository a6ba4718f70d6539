import * as z from 'zod';
import { entityId, persianText, nonEmptyPatch } from './common.ts';

/**
 * The partner register ("who does what where", OCHA 3W): the organizations that carry out or
 * fund projects, distributions and drives. A partner may belong to another (a branch to its
 * foundation, a provincial office to its ministry): `parent`, never a cycle.
 */
export const PARTNER_KINDS = ['government', 'charity', 'religious', 'military_affiliated', 'private', 'community', 'international'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** What the pages show for each kind. */
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  government: 'دولتی',
  charity: 'خیریه',
  religious: 'مذهبی',
  military_affiliated: 'وابسته به نیروهای مسلح',
  private: 'خصوصی',
  community: 'مردمی',
  international: 'بین‌المللی',
};

const partnerShape = {
  /** Unique by its name key (text/name-key.ts): «خیریه امام علی» and «خيريه امام‌علی» are one name. */
  name: persianText(150),
  kind: z.enum(PARTNER_KINDS),
  /** The partner this one belongs to (its id). */
  parent: entityId.optional(),
};

/** POST /partners */
export const partnerInput = z.strictObject(partnerShape);
export type PartnerInput = z.input<typeof partnerInput>;
export type PartnerFields = z.output<typeof partnerInput>;

/** PATCH /partners/{id}: any non-empty subset of the fields; `parent: null` detaches the partner from its parent. */
export const partnerPatch = nonEmptyPatch(
  z.strictObject({
    ...partnerShape,
    parent: entityId.nullable().meta({ description: 'The parent partner’s id; null detaches' }),
  }),
);
export type PartnerPatch = z.output<typeof partnerPatch>;

/** What a partner does in a record (a project, a distribution, a drive). */
export const PARTNER_ROLES = ['implementing', 'funding'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  implementing: 'مجری',
  funding: 'تأمین‌کننده مالی',
};

/** At most this many partners on one record. */
export const MAX_PARTNER_REFS = 20;

export const partnerRef = z.strictObject({ partner: entityId, role: z.enum(PARTNER_ROLES) });
export type PartnerRef = z.output<typeof partnerRef>;

/**
 * The partners a record names, each with its role; one partner may hold both roles, but not
 * one role twice. Absent means none. It carries no default of its own: used as
 * `partners: partnerRefs.optional()` in a patch, a default would erase a record's partners
 * whenever another field changes. Existence is checked against the store (store/partners.ts
 * `assertPartnersExist`).
 */
export const partnerRefs = z
  .array(partnerRef)
  .max(MAX_PARTNER_REFS)
  .superRefine((refs, ctx) => {
    const seen = new Set<string>();
    refs.forEach((ref, i) => {
      const pair = `${ref.partner}\u0000${ref.role}`;
      if (seen.has(pair)) ctx.addIssue({ code: 'custom', path: [i, 'partner'], params: { key: 'duplicatePartnerRole' }, input: undefined });
      seen.add(pair);
    });
  });
export type PartnerRefs = z.output<typeof partnerRefs>;
