import { describe, expect, it } from 'vitest';
import { COUNTY_ALIASES, closestCounties, countiesOf, countyByCode, matchCounty } from '../src/places/counties.ts';
import { PROVINCE_CODES } from '../src/places/provinces.ts';
import { nameKey } from '../src/text/name-key.ts';

const names = (list: readonly { name: string }[]) => list.map((c) => c.name);

describe('COUNTY_ALIASES', () => {
  it('names only catalogue counties, each alias new (not already its name by name key) and meaning one county of its province', () => {
    for (const [code, aliases] of Object.entries(COUNTY_ALIASES)) {
      const county = countyByCode(code);
      expect(county, code).toBeDefined();
      expect(aliases.length, code).toBeGreaterThan(0);
      for (const alias of aliases) {
        expect(nameKey(alias), `${alias} is already ${county!.name} by name key`).not.toBe(nameKey(county!.name));
        // No other county of the province is called that, by its name or by an alias.
        for (const other of countiesOf(county!.province)) {
          if (other.code === code) continue;
          const otherKeys = [other.name, ...(COUNTY_ALIASES[other.code] ?? [])].map(nameKey);
          expect(otherKeys, `${alias} (${code}) is also ${other.name} (${other.code})`).not.toContain(nameKey(alias));
        }
      }
      expect(new Set(aliases.map(nameKey)).size, code).toBe(aliases.length);
    }
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(COUNTY_ALIASES)).toBe(true);
  });
});

describe('matchCounty with aliases', () => {
  it.each([
    ['IR-11', 'چابهار', '1102', 'چاه بهار'],
    ['IR-24', 'مشکین‌شهر', '2404', 'مشگین شهر'],
    ['IR-24', 'مشکین شهر', '2404', 'مشگین شهر'],
    ['IR-27', 'گنبد کاووس', '2706', 'گنبدکاووس'],
    ['IR-27', 'گنبد قابوس', '2706', 'گنبدکاووس'],
    ['IR-27', 'گنبد', '2706', 'گنبدکاووس'],
    ['IR-01', 'تالش', '0104', 'طوالش'],
    ['IR-06', 'ماهشهر', '0605', 'بندرماهشهر'],
    ['IR-06', 'ماه‌شهر', '0605', 'بندرماهشهر'],
    ['IR-06', 'بندر ماهشهر', '0605', 'بندرماهشهر'],
    ['IR-01', 'انزلی', '0103', 'بندرانزلی'],
    ['IR-01', 'بندر انزلی', '0103', 'بندرانزلی'],
    ['IR-27', 'بندر ترکمن', '2702', 'ترکمن'],
    ['IR-27', 'بندرترکمن', '2702', 'ترکمن'],
    ['IR-07', 'استهبانات', '0702', 'استهبان'],
    ['IR-09', 'دره‌گز', '0907', 'درگز'],
    ['IR-23', 'شهرری', '2303', 'ری'],
    ['IR-23', 'شمیران', '2304', 'شمیرانات'],
    ['IR-21', 'ابرقو', '2107', 'ابرکوه'],
    ['IR-18', 'بندر گناوه', '1807', 'گناوه'],
  ])('%s «%s» is %s %s', (province, text, code, name) => {
    expect(matchCounty(province as never, text)).toMatchObject({ code, name, province });
  });

  it('with Arabic letters and marks, as the name key reads them', () => {
    expect(matchCounty('IR-24', 'مشكين شهر')?.code).toBe('2404');
    expect(matchCounty('IR-11', ' چابَهار ')?.code).toBe('1102');
  });

  it('only in the alias’s own province', () => {
    expect(matchCounty('IR-01', 'چابهار')).toBeUndefined();
    expect(matchCounty('IR-11', 'تالش')).toBeUndefined();
    expect(matchCounty('IR-30', 'گنبد')).toBeUndefined();
  });

  it('every alias of the table finds its county', () => {
    for (const [code, aliases] of Object.entries(COUNTY_ALIASES)) {
      const county = countyByCode(code)!;
      for (const alias of aliases) expect(matchCounty(county.province, alias), alias).toBe(county);
    }
  });

  it('leaves every catalogue name to its own county', () => {
    for (const code of PROVINCE_CODES) for (const county of countiesOf(code)) expect(matchCounty(code, county.name)).toBe(county);
  });
});

describe('closestCounties with aliases', () => {
  it('measures a typo against the aliases too, suggesting the catalogue name', () => {
    // «تالشش» is one edit from the alias تالش and far from طوالش's own key
    expect(names(closestCounties('IR-01', 'تالشش'))).toContain('طوالش');
    expect(closestCounties('IR-01', 'تالشش')[0]?.name).toBe('طوالش');
    expect(closestCounties('IR-06', 'ماهشهرر')[0]?.name).toBe('بندرماهشهر');
    expect(closestCounties('IR-27', 'گنبد قابوث')[0]?.name).toBe('گنبدکاووس');
  });

  it('suggests a county once, at its nearest key', () => {
    const suggestions = closestCounties('IR-27', 'گنبد قابوس', 5);
    expect(suggestions[0]?.name).toBe('گنبدکاووس');
    expect(new Set(names(suggestions)).size).toBe(suggestions.length);
  });

  it('keeps suggesting by catalogue names as before', () => {
    expect(closestCounties('IR-11', 'چابهار')[0]?.name).toBe('چاه بهار');
    expect(closestCounties('IR-24', 'مشکین‌شهر')[0]?.name).toBe('مشگین شهر');
    expect(closestCounties('IR-13', 'ملایرر')[0]?.name).toBe('ملایر');
    expect(closestCounties('IR-13', 'xyz')).toEqual([]);
  });
});
