import { countiesOf, type ProvinceCode } from '@abad/core';
import { api, tokenFor } from './api.ts';

/** A county of the province's catalogue: Hamadan's as an office types it (Arabic ي/ك), another province's first. */
function countyIn(province: ProvinceCode, hamadan: string): string {
  return province === 'IR-13' ? hamadan : countiesOf(province)[0]!.name;
}

/** Valid bodies, unique per call so tests sharing the table do not see each other's data. */
let n = 0;
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${(n++).toString(36)}`;
}

export function projectBody(province: ProvinceCode = 'IR-13', extra: Record<string, unknown> = {}) {
  return {
    title: 'بازسازی خانهٔ مددجو',
    category: 'housing',
    programme: unique('مسکن'),
    province,
    county: countyIn(province, 'تويسركان'),
    village: 'روستای  سرکان',
    budgetToman: '۶۲٬۰۰۰٬۰۰۰٬۰۰۰',
    loansToman: 1_500_000_000,
    jobsCreated: '۱۲',
    housingUnits: 1,
    beneficiaryHouseholds: 1,
    ...extra,
  };
}

export async function createDrive(province?: ProvinceCode): Promise<string> {
  const admin = await tokenFor('admin', '*');
  const response = await api('/drives', {
    token: admin,
    body: { name: unique('پویش کمک مؤمنانه'), startDate: '2026-03-01', ...(province ? { province } : {}) },
  });
  if (response.status !== 201) throw new Error(`drive not created: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export function donationBody(driveId: string, province: ProvinceCode = 'IR-13', extra: Record<string, unknown> = {}) {
  return {
    driveId,
    province,
    county: countyIn(province, 'همدان'),
    kind: 'cash',
    amountToman: '۵٬۰۰۰٬۰۰۰',
    donor: { name: 'علي رضايي', phone: '۰۹۱۲۳۴۵۶۷۸۹' },
    channel: 'مسجد جامع',
    ...extra,
  };
}

export function distributionBody(driveId: string, province: ProvinceCode = 'IR-13', extra: Record<string, unknown> = {}) {
  return {
    driveId,
    province,
    county: countyIn(province, 'همدان'),
    kind: 'livelihood_package',
    packages: '۱۲۰',
    households: 120,
    valueToman: '۳۶۰٬۰۰۰٬۰۰۰',
    ...extra,
  };
}
