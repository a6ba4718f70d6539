import type { ChangeRecord, ProvinceCode } from '@abad/core';
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
const COUNTIES = ['مرکز', 'شمال', 'جنوب', 'غرب'];
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
        county: COUNTIES[Math.floor(rnd() * COUNTIES.length)]!,
        kind: rnd() < 0.8 ? 'cash' : 'in_kind',
        amountToman: BigInt(Math.floor(rnd() * 50_000_000) + 10_000),
      },
    };
  });
}
