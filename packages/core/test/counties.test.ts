import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTIES, WHOLE_PROVINCE_LABEL, closestCounties, countiesOf, countyByCode, matchCounty } from '../src/places/counties.ts';
import { PROVINCE_CODES } from '../src/places/provinces.ts';
import { nameKey } from '../src/text/name-key.ts';

const names = (list: readonly { name: string }[]) => list.map((c) => c.name);

describe('the county catalogue', () => {
  it('has 448 counties in the 31 provinces, every province with at least one', () => {
    expect(COUNTIES).toHaveLength(448);
    expect(new Set(COUNTIES.map((c) => c.province))).toEqual(new Set(PROVINCE_CODES));
    for (const code of PROVINCE_CODES) expect(countiesOf(code).length, code).toBeGreaterThan(0);
    expect(PROVINCE_CODES.reduce((sum, code) => sum + countiesOf(code).length, 0)).toBe(448);
  });

  it('codes are four digits starting with the province number, and unique', () => {
    for (const county of COUNTIES) {
      expect(county.code, county.name).toMatch(/^\d{4}$/);
      expect(county.code.slice(0, 2), `${county.name} ${county.code}`).toBe(county.province.slice(3));
    }
    expect(new Set(COUNTIES.map((c) => c.code)).size).toBe(448);
  });

  it('names are clean Persian (no Arabic ي/ك, nothing invisible) and unique by name key within a province', () => {
    for (const county of COUNTIES) expect(county.name).toMatch(/^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc ]+$/);
    expect(COUNTIES.filter((c) => /[يك]/.test(c.name))).toEqual([]);
    for (const code of PROVINCE_CODES) {
      const keys = countiesOf(code).map((c) => nameKey(c.name));
      expect(new Set(keys).size, code).toBe(keys.length);
    }
  });

  it('counts the rural districts the catalogue lists', () => {
    expect(COUNTIES.reduce((sum, c) => sum + c.ruralDistricts, 0)).toBe(2637);
    for (const county of COUNTIES) expect(Number.isInteger(county.ruralDistricts) && county.ruralDistricts > 0, county.name).toBe(true);
    expect(countyByCode('1302')?.ruralDistricts).toBe(15);
    expect(countyByCode('1305')?.ruralDistricts).toBe(10);
  });

  it('is sorted by province code, then by name in Persian collation', () => {
    const collator = new Intl.Collator('fa');
    for (let i = 1; i < COUNTIES.length; i++) {
      const [a, b] = [COUNTIES[i - 1]!, COUNTIES[i]!];
      const order = a.province.localeCompare(b.province) || collator.compare(a.name, b.name);
      expect(order, `${a.province} ${a.name} before ${b.province} ${b.name}`).toBeLessThan(0);
    }
    expect(names(countiesOf('IR-00')).slice(0, 2)).toEqual(['آشتیان', 'اراک']);
  });

  it('lists Hamadan (IR-13) with its ten counties', () => {
    const hamadan = names(countiesOf('IR-13'));
    expect(hamadan).toEqual(['اسدآباد', 'بهار', 'تویسرکان', 'درگزین', 'رزن', 'فامنین', 'کبودرآهنگ', 'ملایر', 'نهاوند', 'همدان']);
    for (const name of ['کبودرآهنگ', 'اسدآباد', 'ملایر', 'تویسرکان', 'نهاوند']) expect(hamadan).toContain(name);
    expect(countiesOf('IR-13').every((c) => c.province === 'IR-13')).toBe(true);
  });

  it('finds a county by its code', () => {
    expect(countyByCode('1305')).toEqual({ code: '1305', province: 'IR-13', name: 'کبودرآهنگ', ruralDistricts: 10 });
    expect(countyByCode('0002')?.name).toBe('آشتیان');
    expect(countyByCode('0301')).toBeUndefined();
    expect(countyByCode('0302')?.province).toBe('IR-03');
    expect(countyByCode('2')).toBeUndefined();
    expect(countyByCode('9999')).toBeUndefined();
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(COUNTIES)).toBe(true);
    expect(Object.isFrozen(countiesOf('IR-13'))).toBe(true);
    expect(Object.isFrozen(countyByCode('1302'))).toBe(true);
  });

  it('gives no counties for what is not a province', () => {
    expect(countiesOf('IR-99' as never)).toEqual([]);
    expect(countiesOf('IR' as never)).toEqual([]);
  });

  it('carries the MIT notice of the data in the generated file and COUNTIES-LICENSE', () => {
    const data = readFileSync(new URL('../src/places/counties-data.ts', import.meta.url), 'utf8');
    const licence = readFileSync(new URL('../src/places/COUNTIES-LICENSE', import.meta.url), 'utf8');
    for (const text of [data, licence]) {
      expect(text).toContain('Copyright (c) 2017 Ahmad Azizi');
      expect(text).toContain('Permission is hereby granted, free of charge');
      expect(text).toContain('release 3.0');
    }
    expect(data.startsWith('/*!')).toBe(true);
  });
});

describe('matchCounty', () => {
  it('matches the catalogue spelling and Arabic letters, a missing madda, spaces', () => {
    expect(matchCounty('IR-13', 'کبودرآهنگ')?.code).toBe('1305');
    expect(matchCounty('IR-13', 'کبودراهنگ')?.code).toBe('1305');
    expect(matchCounty('IR-13', 'كبودرآهنگ')?.code).toBe('1305');
    expect(matchCounty('IR-13', 'اسد آباد')?.code).toBe('1306');
    expect(matchCounty('IR-13', 'تويسركان')?.code).toBe('1301');
    expect(matchCounty('IR-13', ' مَلايِر\u202e ')?.code).toBe('1302');
  });

  it('matches Eslamabad-e Gharb (IR-05) however its words are joined', () => {
    for (const text of ['اسلام آبادغرب', 'اسلام‌آباد غرب', 'اسلام آباد غرب', 'اسلام‌آباد‌غرب', 'اسلام‌آباد-غرب']) {
      expect(matchCounty('IR-05', text), text).toMatchObject({ code: '0501', province: 'IR-05', name: 'اسلام آبادغرب' });
    }
  });

  it('matches catalogue names with hamza written as yeh', () => {
    expect(matchCounty('IR-02', 'قائم‌شهر')?.name).toBe('قایم شهر');
    expect(matchCounty('IR-26', 'بوئین‌زهرا')?.name).toBe('بویین زهرا');
    expect(matchCounty('IR-10', 'بوئین و میاندشت')?.name).toBe('بو یین و میاندشت');
    expect(matchCounty('IR-17', 'بهمئی')?.name).toBe('بهمیی');
    expect(matchCounty('IR-08', 'ارزوئیه')?.name).toBe('ارزوییه');
    expect(matchCounty('IR-22', 'حاجی‌آباد')?.name).toBe('حاجی اباد');
  });

  it('matches only in the given province', () => {
    expect(matchCounty('IR-13', 'تهران')).toBeUndefined();
    expect(matchCounty('IR-23', 'تهران')?.code).toBe('2301');
    expect(matchCounty('IR-05', 'ملایر')).toBeUndefined();
    // Alborz is a county of Qazvin, not of the province of Alborz
    expect(matchCounty('IR-26', 'البرز')?.code).toBe('2605');
    expect(matchCounty('IR-30', 'البرز')).toBeUndefined();
  });

  it('matches nothing for the whole-province label, Latin text, a province code or empty text', () => {
    expect(WHOLE_PROVINCE_LABEL).toBe('کل استان');
    for (const code of PROVINCE_CODES) expect(matchCounty(code, WHOLE_PROVINCE_LABEL), code).toBeUndefined();
    for (const text of ['کل استان', 'xyz', 'IR-13', '1302', '', ' \u200c ']) expect(matchCounty('IR-13', text), text).toBeUndefined();
  });

  it('finds every county of the catalogue by its own name', () => {
    for (const county of COUNTIES) expect(matchCounty(county.province, county.name)).toBe(county);
  });
});

describe('closestCounties', () => {
  it('suggests the intended county first for a typo', () => {
    expect(closestCounties('IR-13', 'ملایرر')[0]?.name).toBe('ملایر');
    expect(closestCounties('IR-13', 'ملاير')[0]?.name).toBe('ملایر');
    expect(closestCounties('IR-13', 'ملاپر')[0]?.name).toBe('ملایر');
    expect(closestCounties('IR-13', 'نهاواند')[0]?.name).toBe('نهاوند');
    expect(closestCounties('IR-13', 'همدا')[0]?.name).toBe('همدان');
    expect(closestCounties('IR-11', 'چابهار')[0]?.name).toBe('چاه بهار');
    expect(closestCounties('IR-24', 'مشکین‌شهر')[0]?.name).toBe('مشگین شهر');
  });

  it('ranks by edit distance between name keys, ties in catalogue order', () => {
    // بابلسر is 1 edit from «بابلسز», بابل 2: nearest first, though بابل comes first in the catalogue
    expect(names(closestCounties('IR-02', 'بابلسز'))).toEqual(['بابلسر', 'بابل']);
    // both 1 edit from «بابلس»: catalogue order
    expect(names(closestCounties('IR-02', 'بابلس'))).toEqual(['بابل', 'بابلسر']);
    // only what is near enough: نهاوند is 3 edits from «بهاد», more than half of the shorter key
    expect(names(closestCounties('IR-13', 'بهاد'))).toEqual(['بهار']);
    expect(names(closestCounties('IR-02', 'سوادکوه شمال'))).toEqual(['سوادکوه شمالی']);
  });

  it('returns at most limit suggestions', () => {
    expect(names(closestCounties('IR-02', 'بابلس', 1))).toEqual(['بابل']);
    expect(closestCounties('IR-02', 'بابلس', 0)).toEqual([]);
    expect(closestCounties('IR-13', 'ملایر').length).toBeLessThanOrEqual(3);
  });

  it('suggests nothing for text far from every county, empty text or the whole-province label', () => {
    expect(closestCounties('IR-13', 'xyz')).toEqual([]);
    expect(closestCounties('IR-13', 'تهران')).toEqual([]);
    expect(closestCounties('IR-13', '')).toEqual([]);
    expect(closestCounties('IR-13', WHOLE_PROVINCE_LABEL)).toEqual([]);
    expect(closestCounties('IR-99' as never, 'ملایر')).toEqual([]);
  });
});
