import type { ProvinceCode } from '@abad/core/places/provinces';

/**
 * react-iran-map names its shapes by English keys (and Persian names), not by any numeric
 * code. This one table maps them to the ISO 3166-2:IR codes core uses (the 2020 numbering:
 * IR-00 Markazi … IR-30 Alborz). test/map-ids.test.ts checks it covers all 31 exactly once and
 * that each shape's Persian name is core's name for that code.
 */
export const MAP_KEY_TO_ISO: Readonly<Record<string, ProvinceCode>> = {
  markazi: 'IR-00',
  gilan: 'IR-01',
  mazandaran: 'IR-02',
  eastAzerbaijan: 'IR-03',
  westAzerbaijan: 'IR-04',
  kermanshah: 'IR-05',
  khuzestan: 'IR-06',
  fars: 'IR-07',
  kerman: 'IR-08',
  razaviKhorasan: 'IR-09',
  isfahan: 'IR-10',
  sistanAndBaluchestan: 'IR-11',
  kurdistan: 'IR-12',
  hamadan: 'IR-13',
  chaharmahalandBakhtiari: 'IR-14',
  lorestan: 'IR-15',
  ilam: 'IR-16',
  kohgiluyehAndBoyerAhmad: 'IR-17',
  bushehr: 'IR-18',
  zanjan: 'IR-19',
  semnan: 'IR-20',
  yazd: 'IR-21',
  hormozgan: 'IR-22',
  tehran: 'IR-23',
  ardabil: 'IR-24',
  qom: 'IR-25',
  qazvin: 'IR-26',
  golestan: 'IR-27',
  northKhorasan: 'IR-28',
  southKhorasan: 'IR-29',
  alborz: 'IR-30',
};
