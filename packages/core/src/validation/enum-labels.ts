import { UNITS } from '../indicators/catalogue.ts';
import { NATIONAL_PLACE, PROVINCES } from '../places/provinces.ts';
import { DISTRIBUTION_KIND_LABELS } from '../schemas/distribution.ts';
import { DONATION_KIND_LABELS } from '../schemas/donation.ts';
import { PARTNER_KIND_LABELS, PARTNER_ROLE_LABELS } from '../schemas/partner.ts';
import { PROJECT_CATEGORY_LABELS, PROJECT_STATUS_LABELS } from '../schemas/project.ts';

/** One enum of the schemas with the Persian label of each of its values. */
export interface LabelledEnum {
  /** Province and place codes are named by example, not listed (31 names would drown the message). */
  kind: 'labels' | 'place';
  labels: Readonly<Record<string, string>>;
}

let registry: LabelledEnum[] | undefined;

/** Every enum whose values have Persian labels in core; built once, on first use. */
function enums(): LabelledEnum[] {
  registry ??= [
    { kind: 'labels', labels: PROJECT_CATEGORY_LABELS },
    { kind: 'labels', labels: PROJECT_STATUS_LABELS },
    { kind: 'labels', labels: DISTRIBUTION_KIND_LABELS },
    { kind: 'labels', labels: DONATION_KIND_LABELS },
    { kind: 'labels', labels: PARTNER_KIND_LABELS },
    { kind: 'labels', labels: PARTNER_ROLE_LABELS },
    { kind: 'labels', labels: Object.fromEntries(Object.entries(UNITS).map(([code, unit]) => [code, unit.fa])) },
    {
      kind: 'place',
      labels: Object.fromEntries([...PROVINCES.map((p) => [p.code, p.fa] as const), [NATIONAL_PLACE.code, NATIONAL_PLACE.fa] as const]),
    },
  ];
  return registry;
}

/**
 * The labelled enum an `invalid_value` issue's values come from: the smallest one holding every
 * value (an enum narrowed with `.exclude()` still finds its labels). Undefined for other enums.
 */
export function labelledEnumOf(values: readonly unknown[]): LabelledEnum | undefined {
  if (!values.length) return undefined;
  let found: LabelledEnum | undefined;
  for (const candidate of enums()) {
    if (!values.every((v) => typeof v === 'string' && Object.hasOwn(candidate.labels, v))) continue;
    if (!found || Object.keys(candidate.labels).length < Object.keys(found.labels).length) found = candidate;
  }
  return found;
}
