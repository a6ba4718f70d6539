import type { Principal } from '@abad/core/auth/principal';
import { WHOLE_PROVINCE_LABEL, countiesOf } from '@abad/core/places/counties';
import { NATIONAL_PLACE, isProvinceCode } from '@abad/core/places/provinces';
import { getJson } from '../api.ts';
import { faText, sortPersian } from '../format/text.ts';
import { allowedProvinces } from '../auth/session.ts';
import type { DriveJson, ListResponse } from '../types.ts';
import { selectField, type Option, type SelectField } from './fields.ts';

/**
 * Fields several forms share: the place (only the provinces the signed-in role may act in, and
 * the country, «کل کشور», for a token of all provinces), the county (a choice among the
 * province's catalogue counties, or none: the whole province) and the charity drive.
 */
export function placeOptions(principal: Principal): Option[] {
  // In Persian alphabetical order (core lists them by code).
  const provinces = sortPersian(allowedProvinces(principal), (p) => p.fa).map((p) => ({ value: p.code, label: p.fa }));
  // The country is no one province's: only a caller with `*` acts there (core's mayActIn).
  return principal.provinces === '*' ? [...provinces, { value: NATIONAL_PLACE.code, label: NATIONAL_PLACE.fa }] : provinces;
}

export function provinceField(principal: Principal, label = 'استان'): SelectField {
  const options = placeOptions(principal);
  return selectField({
    name: 'province',
    label,
    required: true,
    hint:
      options.length === 1
        ? 'شما فقط در این استان ثبت می‌کنید.'
        : principal.provinces === '*'
          ? `برای آنچه به هیچ استانی تعلق ندارد «${NATIONAL_PLACE.fa}» را برگزینید.`
          : undefined,
    options,
    placeholder: 'استان را انتخاب کنید',
  });
}

/**
 * The county: one of the chosen province's counties as the official catalogue lists them
 * (core's countiesOf, no request), or «کل استان» (no county). Filled again whenever the
 * province changes; the country (`IR`) has no counties.
 */
export function countyField(province: SelectField): SelectField {
  const field = selectField({ name: 'county', label: 'شهرستان', hint: `اگر به یک شهرستان محدود نیست «${WHOLE_PROVINCE_LABEL}» بماند.` });
  const fill = () => {
    const code = province.value();
    if (code && isProvinceCode(code)) {
      field.select.disabled = false;
      field.setOptions([
        { value: '', label: WHOLE_PROVINCE_LABEL },
        ...sortPersian(countiesOf(code), (c) => c.name).map((c) => ({ value: c.name, label: faText(c.name) })),
      ]);
    } else {
      field.setOptions([{ value: '', label: code === NATIONAL_PLACE.code ? NATIONAL_PLACE.fa : 'نخست استان را انتخاب کنید' }]);
      field.select.disabled = true;
    }
  };
  province.select.addEventListener('change', fill);
  fill();
  return field;
}

/** The drives a donation or distribution of the chosen province may belong to: national ones and the province's own. */
export function driveField(province: SelectField): SelectField & { loaded: Promise<void> } {
  const field = selectField({ name: 'driveId', label: 'پویش', required: true, placeholder: 'پویش را انتخاب کنید' });
  let drives: DriveJson[] = [];
  const update = () => {
    const code = province.value();
    const usable = drives.filter((d) => !d.province || d.province === code);
    field.setOptions(
      usable.map((d) => ({ value: d.id, label: `${faText(d.name)}${d.phase ? ` — ${faText(d.phase)}` : ''}${d.province ? '' : ' (سراسری)'}` })),
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
