import { describe, expect, it } from 'vitest';
import { iso31662 } from 'iso-3166';
import { PROVINCES, isProvinceCode, provinceCodeSchema } from '../src/places/provinces.ts';

describe('provinces', () => {
  it('are exactly the 31 subdivisions of IR that the iso-3166 package lists', () => {
    const fromIso = iso31662
      .filter((s) => s.parent === 'IR')
      .map((s) => s.code)
      .sort();
    expect(fromIso).toHaveLength(31);
    expect(PROVINCES.map((p) => p.code).sort()).toEqual(fromIso);
  });

  it('carry the current numbering, not the one ISO replaced', () => {
    const en = Object.fromEntries(PROVINCES.map((p) => [p.code, p.en]));
    expect(en).toMatchObject({
      'IR-00': 'Markazi',
      'IR-13': 'Hamadan',
      'IR-19': 'Zanjan',
      'IR-05': 'Kermanshah',
      'IR-23': 'Tehran',
      'IR-24': 'Ardabil',
      'IR-30': 'Alborz',
    });
  });

  it('have unique Persian names', () => {
    expect(new Set(PROVINCES.map((p) => p.fa)).size).toBe(31);
  });

  it('parse codes typed with Persian digits or lower case', () => {
    expect(provinceCodeSchema.parse('ir-۱۳')).toBe('IR-13');
    expect(provinceCodeSchema.parse(' IR-٣٠ ')).toBe('IR-30');
    expect(provinceCodeSchema.safeParse('IR-31').success).toBe(false);
    expect(isProvinceCode('IR-13')).toBe(true);
    expect(isProvinceCode('IR-32')).toBe(false);
  });
});
