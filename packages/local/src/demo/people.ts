import type { PartnerKind, ProvinceCode } from '@abad/core';
import type { Random } from './random.ts';

/**
 * Who appears in the demo data set. Every name is made up and says so («نمونه», «فرضی»):
 * no real organization or person is credited with work or gifts it never made. Phones are
 * in the 0912000xxxx block, which no one is given.
 */
export interface DemoPartner {
  key: string;
  name: string;
  kind: PartnerKind;
  /** Another partner's key: registered after it. */
  parent?: string;
  /** A provincial branch works only in its province. */
  province?: ProvinceCode;
}

/** In registration order: a parent before its branches. */
export const DEMO_PARTNERS: readonly DemoPartner[] = [
  { key: 'development-hq', name: 'ستاد فرضی عمران و محرومیت‌زدایی', kind: 'government' },
  { key: 'relief-office-khuzestan', name: 'ستاد فرضی عمران — دفتر خوزستان', kind: 'government', parent: 'development-hq', province: 'IR-06' },
  { key: 'relief-office-sistan', name: 'ستاد فرضی عمران — دفتر سیستان و بلوچستان', kind: 'government', parent: 'development-hq', province: 'IR-11' },
  { key: 'housing-foundation', name: 'بنیاد نمونهٔ مسکن روستایی', kind: 'government' },
  { key: 'mehrafarin', name: 'خیریهٔ نمونهٔ مهرآفرین', kind: 'charity' },
  { key: 'mehrafarin-hamadan', name: 'خیریهٔ نمونهٔ مهرآفرین — شعبهٔ همدان', kind: 'charity', parent: 'mehrafarin', province: 'IR-13' },
  { key: 'jihadi', name: 'گروه جهادی نمونهٔ آبادگران', kind: 'community' },
  { key: 'omid-fund', name: 'صندوق فرضی کارآفرینی امید', kind: 'private' },
  { key: 'relief-committee', name: 'کمیتهٔ فرضی امداد و حمایت', kind: 'charity' },
  { key: 'water-company', name: 'شرکت نمونهٔ آب‌وفاضلاب روستایی', kind: 'government' },
  { key: 'school-renovation', name: 'سازمان فرضی نوسازی مدارس', kind: 'government' },
  { key: 'medical-university', name: 'دانشگاه فرضی علوم پزشکی', kind: 'government' },
  { key: 'intl-fund', name: 'صندوق نمونهٔ همیاری بین‌المللی', kind: 'international' },
  { key: 'ansar', name: 'هیئت مذهبی نمونهٔ انصار', kind: 'religious' },
  { key: 'helping-hands', name: 'جمعیت نمونهٔ دست‌های یاری', kind: 'charity' },
];

/** The partner keys that may work in `province` (branches only in theirs). */
export function partnersIn(keys: readonly string[], province: string): string[] {
  return keys.filter((key) => {
    const partner = DEMO_PARTNERS.find((p) => p.key === key);
    if (!partner) throw new Error(`demo data: no partner ${key}`);
    return partner.province === undefined || partner.province === province;
  });
}

const GIVEN_NAMES = [
  'علی',
  'زهرا',
  'محمد',
  'فاطمه',
  'حسین',
  'مریم',
  'رضا',
  'سکینه',
  'مهدی',
  'نرگس',
  'حسن',
  'لیلا',
  'امیر',
  'معصومه',
  'جواد',
  'سمیه',
  'یوسف',
  'کبری',
];
/** Surnames that read as made up to anyone who reads Persian: "sample", "hypothetical", "test". */
const SURNAMES = ['نمونه', 'فرضی', 'آزمایشی', 'نمونه‌زاده', 'فرضی‌پور', 'آزمایشی‌نژاد', 'نمونه‌وند', 'فرضیان'];
const GROUPS = ['هیئت نمونهٔ محله', 'کارکنان شرکت فرضی', 'خیّرین نمونهٔ بازار', 'دانش‌آموزان مدرسهٔ نمونه', 'بانوان نیکوکار نمونه'];

export interface DemoDonor {
  name?: string;
  phone?: string;
  anonymous?: boolean;
}

/** A made-up donor: a person (most with a phone of the 0912000xxxx block), a group, or an anonymous giver. */
export function donor(r: Random): DemoDonor {
  const roll = r.next();
  if (roll < 0.15) return { anonymous: true };
  if (roll < 0.25) return { name: r.pick(GROUPS) };
  const name = `${r.pick(GIVEN_NAMES)} ${r.pick(SURNAMES)}`;
  return r.chance(0.7) ? { name, phone: `0912000${String(r.int(0, 9999)).padStart(4, '0')}` } : { name };
}
