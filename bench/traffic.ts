import { countiesOf, type ChangeRecord, type ProvinceCode } from '@abad/core';
import { keys } from '@abad/core/table/keys';

/**
 * Synthetic stream traffic shaped like the real thing: a few large provinces take most of the
 * records (Tehran, Razavi Khorasan, Isfahan, Fars, Khuzestan), the rest share what is left;
 * a handful of counties per province and a few drives.
 */
const WEIGHTS: [ProvinceCode, number][] = [
  ['IR-23', 30],
  ['IR-09', 15],
  ['IR-10', 10],
  ['IR-07', 8],
  ['IR-06', 7],
  ...(['IR-00', 'IR-01', 'IR-02', 'IR-03', 'IR-04', 'IR-05', 'IR-13', 'IR-19', 'IR-24', 'IR-30'] as ProvinceCode[]).map((p): [ProvinceCode, number] => [p, 3]),
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);
/** Four catalogue counties per province (records carry the county's code, as the API stores it). */
const countiesIn = (province: ProvinceCode) => countiesOf(province).slice(0, 4);
const DRIVES = ['01JDRIVE00000000000000000A', '01JDRIVE00000000000000000B', '01JDRIVE00000000000000000C'];

/** A deterministic pseudo-random sequence, so every strategy sees the same records. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pickProvince(r: number): ProvinceCode {
  let x = r * TOTAL;
  for (const [code, weight] of WEIGHTS) {
    if ((x -= weight) < 0) return code;
  }
  return WEIGHTS[0]![0];
}

function county(province: ProvinceCode, r: number): { county: string; countyCode: string } {
  const list = countiesIn(province);
  const picked = list[Math.floor(r * list.length)]!;
  return { county: picked.name, countyCode: picked.code };
}

const PROGRAMMES = ['اشتغال روستایی', 'مسکن محرومان', 'طرح ۴۰ هزار پروژه‌ای', 'آبرسانی روستایی'];
const PARTNERS = Array.from({ length: 6 }, (_, i) => `01JPARTNER000000000000000${i}`);
const INDICATORS = ['workshops', 'water_tanks', 'qanats', 'schools', 'green_space_m2', 'housing_units_built', 'mosques', 'rural_road_km'];

/**
 * What a field office's records look like once they carry results: half projects (each with
 * three outputs, two partners and a programme), three in ten donations, two in ten
 * distributions (with a partner). A project touches four scopes: province, county, programme
 * and its place's breakdown (by programme and by each partner).
 */
export function mixedTraffic(count: number, seed = 1, firstSequence = 2_000_000_000_000_000_000n): ChangeRecord[] {
  const rnd = random(seed);
  const donations = donationTraffic(count, seed + 1_000, firstSequence);
  return donations.map((donation, i) => {
    const r = rnd();
    if (r >= 0.5 && r < 0.8) return donation;
    const province = donation.newImage!.province as ProvinceCode;
    const partner = () => PARTNERS[Math.floor(rnd() * PARTNERS.length)]!;
    if (r >= 0.8) {
      const id = `01JDISTRIB${String(seed).padStart(5, '0')}${String(i).padStart(11, '0')}`;
      return {
        ...donation,
        keys: { ...keys.distribution(id) },
        newImage: {
          ...keys.distribution(id),
          type: 'Distribution',
          id,
          driveId: donation.newImage!.driveId,
          province,
          ...county(province, rnd()),
          kind: 'livelihood_package',
          packages: 100,
          households: 100,
          valueToman: 300_000_000n,
          partners: [{ partner: partner(), role: 'implementing' }],
        },
      };
    }
    const id = `01JPROJECT0${String(seed).padStart(5, '0')}${String(i).padStart(10, '0')}`;
    const first = Math.floor(rnd() * INDICATORS.length);
    return {
      ...donation,
      keys: { ...keys.project(id) },
      newImage: {
        ...keys.project(id),
        type: 'Project',
        id,
        title: 'کارگاه',
        category: 'workshop',
        programme: PROGRAMMES[Math.floor(rnd() * PROGRAMMES.length)]!,
        province,
        ...county(province, rnd()),
        status: 'in_progress',
        progressPercent: 40,
        budgetToman: 1_000_000_000n,
        loansToman: 500_000_000n,
        jobsCreated: 12,
        housingUnits: 0,
        beneficiaryHouseholds: 3,
        outputs: [0, 1, 2].map((k) => ({ indicator: INDICATORS[(first + k) % INDICATORS.length]!, target: 10, actual: 4 })),
        partners: [
          { partner: partner(), role: 'implementing' },
          { partner: partner(), role: 'funding' },
        ],
      },
    };
  });
}

/** `count` donation INSERT records, sequence numbers increasing from `firstSequence`. */
export function donationTraffic(count: number, seed = 1, firstSequence = 1_000_000_000_000_000_000n): ChangeRecord[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `01JDONATION${String(seed).padStart(5, '0')}${String(i).padStart(10, '0')}`;
    const province = pickProvince(rnd());
    return {
      sequenceNumber: String(firstSequence + BigInt(i)),
      keys: { ...keys.donation(id) },
      newImage: {
        ...keys.donation(id),
        type: 'Donation',
        id,
        driveId: DRIVES[Math.floor(rnd() * DRIVES.length)]!,
        province,
        ...county(province, rnd()),
        kind: rnd() < 0.8 ? 'cash' : 'in_kind',
        amountToman: BigInt(Math.floor(rnd() * 50_000_000) + 10_000),
      },
    };
  });
}
