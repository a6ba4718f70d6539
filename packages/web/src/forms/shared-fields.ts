import type { Principal } from '@abad/core/auth/principal';
import type { ProvinceCode } from '@abad/core/places/provinces';
import { getJson } from '../api.ts';
import { h, uid } from '../dom.ts';
import { allowedProvinces } from '../auth/session.ts';
import type { DriveJson, ListResponse, ProvinceDetailResponse } from '../types.ts';
import { selectField, textField, type InputField, type SelectField } from './fields.ts';

/**
 * Fields several forms share: the province (only those the signed-in role may act in), the
 * county (with the counties already on record as suggestions) and the charity drive.
 */
export function provinceField(principal: Principal): SelectField {
  const provinces = allowedProvinces(principal);
  return selectField({
    name: 'province',
    label: 'استان',
    required: true,
    hint: provinces.length === 1 ? 'شما فقط در این استان ثبت می‌کنید.' : undefined,
    options: provinces.map((p) => ({ value: p.code, label: p.fa })),
    placeholder: 'استان را انتخاب کنید',
  });
}

/** County names are free text (normalized by the API); the province's recorded counties are offered. */
export function countyField(province: SelectField): InputField {
  const listId = uid('counties');
  const datalist = h('datalist', { id: listId });
  const field = textField({ name: 'county', label: 'شهرستان', required: true, list: listId, hint: 'نام شهرستان به فارسی' });
  field.element.append(datalist);
  const load = async () => {
    const code = province.value();
    datalist.replaceChildren();
    if (!code) return;
    try {
      const detail = await getJson<ProvinceDetailResponse>(`/provinces/${code}`);
      if (province.value() === code) datalist.replaceChildren(...detail.counties.map((c) => h('option', { value: c.county })));
    } catch {
      // Suggestions only: the field works without them.
    }
  };
  province.select.addEventListener('change', () => void load());
  void load();
  return field;
}

/** The drives a donation or distribution of the chosen province may belong to: national ones and the province's own. */
export function driveField(province: SelectField): SelectField & { loaded: Promise<void> } {
  const field = selectField({ name: 'driveId', label: 'پویش', required: true, placeholder: 'پویش را انتخاب کنید' });
  let drives: DriveJson[] = [];
  const update = () => {
    const code = province.value() as ProvinceCode | undefined;
    const usable = drives.filter((d) => !d.province || d.province === code);
    field.setOptions(
      usable.map((d) => ({ value: d.id, label: `${d.name}${d.phase ? ` — ${d.phase}` : ''}${d.province ? '' : ' (سراسری)'}` })),
      usable.length ? 'پویش را انتخاب کنید' : 'پویشی برای این استان ثبت نشده است',
    );
  };
  province.select.addEventListener('change', update);
  const loaded = getJson<ListResponse<DriveJson>>('/drives?limit=100')
    .then((page) => {
      drives = page.items;
      update();
    })
    .catch(() => field.setError('فهرست پویش‌ها دریافت نشد؛ صفحه را دوباره باز کنید.'));
  return Object.assign(field, { loaded });
}
