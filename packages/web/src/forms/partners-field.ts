import { PARTNER_KIND_LABELS, PARTNER_ROLES, PARTNER_ROLE_LABELS } from '@abad/core/schemas/partner';
import { loadPartners } from '../catalogue.ts';
import type { PartnerJson } from '../types.ts';
import { selectField, type SelectField } from './fields.ts';
import { rowList, type Row, type RowList } from './row-list.ts';
import { faText } from '../format/text.ts';

/**
 * Who carries a record out and who funds it: rows of a partner of the register (GET /partners)
 * and its role (core's PARTNER_ROLES and their labels). Registered as `partners.<i>.partner`
 * and `partners.<i>.role`.
 */
export interface PartnerValue {
  partner?: string;
  role?: string;
}

export interface PartnersField extends RowList<PartnerRow> {
  value(): PartnerValue[] | undefined;
  loaded: Promise<void>;
}

interface PartnerRow extends Row {
  partner: SelectField;
  role: SelectField;
}

export function partnersField(options: { name: string; label: string; hint?: string }): PartnersField {
  let register: PartnerJson[] = [];
  const fill = (select: SelectField) =>
    select.setOptions(
      register.map((p) => ({ value: p.id, label: `${faText(p.name)} (${PARTNER_KIND_LABELS[p.kind]})` })),
      register.length ? 'نهاد همکار را انتخاب کنید' : 'در حال دریافت فهرست نهادها…',
    );

  const rows = rowList<PartnerRow>({
    name: options.name,
    label: options.label,
    hint: options.hint,
    addLabel: 'افزودن نهاد همکار',
    itemLabel: 'نهاد همکار',
    make: () => {
      const partner = selectField({ name: '', label: 'نهاد همکار', required: true });
      const role = selectField({
        name: '',
        label: 'نقش',
        required: true,
        options: PARTNER_ROLES.map((r) => ({ value: r, label: PARTNER_ROLE_LABELS[r] })),
      });
      fill(partner);
      return {
        cells: [
          { key: 'partner', label: 'نهاد همکار', field: partner },
          { key: 'role', label: 'نقش', field: role },
        ],
        partner,
        role,
      };
    },
  });

  const loaded = loadPartners()
    .then((items) => {
      register = items;
      for (const row of rows.rows()) fill(row.partner);
      rows.setUnavailable(items.length ? undefined : 'هنوز نهاد همکاری ثبت نشده است (مدیر آن را ثبت می‌کند).');
    })
    .catch(() => rows.setUnavailable('فهرست نهادهای همکار دریافت نشد؛ صفحه را دوباره باز کنید.'));

  return Object.assign(rows, {
    loaded,
    value(): PartnerValue[] | undefined {
      const list = rows.rows();
      return list.length
        ? list.map((r) => {
            const value: PartnerValue = {};
            const partner = r.partner.value();
            const role = r.role.value();
            if (partner !== undefined) value.partner = partner;
            if (role !== undefined) value.role = role;
            return value;
          })
        : undefined;
    },
  });
}
