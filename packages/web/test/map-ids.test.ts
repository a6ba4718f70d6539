import { describe, expect, it } from 'vitest';
import { PROVINCES, provinceByCode } from '@abad/core/places/provinces';
import { normalizePersianText } from '@abad/core/text/persian';
import { MAP_PROVINCE_SHAPES } from '../src/map/iran-map-data.ts';
import { MAP_KEY_TO_ISO } from '../src/map/province-ids.ts';

describe('map outlines → ISO 3166-2:IR', () => {
  it('has 31 shapes, one per province, each mapped to a distinct ISO code', () => {
    expect(MAP_PROVINCE_SHAPES).toHaveLength(31);
    const codes = MAP_PROVINCE_SHAPES.map((s) => MAP_KEY_TO_ISO[s.key]);
    expect(codes.every(Boolean)).toBe(true);
    expect(new Set(codes).size).toBe(31);
    expect([...codes].sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    expect(Object.keys(MAP_KEY_TO_ISO).sort()).toEqual(MAP_PROVINCE_SHAPES.map((s) => s.key).sort());
  });

  it("maps each shape to the province core names the same way (the package's Persian name is core's)", () => {
    for (const shape of MAP_PROVINCE_SHAPES) {
      const province = provinceByCode(MAP_KEY_TO_ISO[shape.key]!);
      expect(normalizePersianText(shape.fa), `${shape.key} → ${province.code}`).toBe(normalizePersianText(province.fa));
    }
  });

  it('follows the current numbering, not the codes ISO replaced (Tehran IR-23, Hamadan IR-13, Alborz IR-30)', () => {
    expect(MAP_KEY_TO_ISO.tehran).toBe('IR-23');
    expect(MAP_KEY_TO_ISO.hamadan).toBe('IR-13');
    expect(MAP_KEY_TO_ISO.alborz).toBe('IR-30');
    expect(MAP_KEY_TO_ISO.markazi).toBe('IR-00');
  });

  it('every outline is a closed SVG path', () => {
    for (const shape of MAP_PROVINCE_SHAPES) expect(shape.d).toMatch(/^M[\d.]/);
  });
});

describe('the map legend', () => {
  it('names, for each shade, exactly the values the map paints in it', async () => {
    const { classBreaks, shadeFor } = await import('../src/views/iran-map.ts');
    for (const max of [1n, 2n, 3n, 7n, 100n, 4_482n]) {
      const breaks = classBreaks(max);
      expect(breaks[0]!.from, `max ${max}`).toBe(1n);
      expect(breaks.at(-1)!.to, `max ${max}`).toBe(max);
      for (let v = 1n; v <= max; v += max > 200n ? 37n : 1n) {
        const inClass = breaks.filter((c) => c.from <= v && v <= c.to);
        expect(inClass, `value ${v} of ${max}`).toHaveLength(1);
        expect(inClass[0]!.color).toBe(shadeFor(v, max));
      }
    }
    expect(classBreaks(0n)).toEqual([]);
  });
});
