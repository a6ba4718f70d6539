import { countyByCode, type County, type ProvinceCode } from '@abad/core';

/**
 * The provinces the demo data set covers, each with a few real counties of the official
 * catalogue (by their codes, checked at load) and the programmes that run there.
 */
export interface DemoProvince {
  code: ProvinceCode;
  counties: readonly County[];
  /** How many projects the province gets. */
  projects: number;
  /** Keys of programmes.ts; flood reconstruction only where floods struck. */
  programmes: readonly string[];
}

const COMMON = ['housing', 'workshops', 'water', 'schools', 'health'] as const;

function province(code: ProvinceCode, countyCodes: readonly string[], projects: number, extra: readonly string[] = []): DemoProvince {
  const counties = countyCodes.map((c) => {
    const county = countyByCode(c);
    if (!county || county.province !== code) throw new Error(`demo data: ${c} is not a county of ${code}`);
    return county;
  });
  return { code, counties, projects, programmes: [...COMMON, ...extra] };
}

export const DEMO_PROVINCES: readonly DemoProvince[] = [
  // Hamadan, as in the README's example: Malayer, Nahavand, Kabudarahang, Asadabad, Razan, Tuyserkan.
  province('IR-13', ['1304', '1302', '1303', '1305', '1306', '1308', '1301'], 30),
  // Tehran: the capital's poorer outskirts.
  province('IR-23', ['2310', '2312', '2306', '2313', '2321', '2309'], 20),
  // Khuzestan: the 1398 floods.
  province('IR-06', ['0603', '0608', '0611', '0609', '0610', '0623', '0614'], 30, ['flood']),
  // Sistan and Baluchestan: water and schools above all.
  province('IR-11', ['1105', '1104', '1106', '1101', '1102', '1108'], 30, ['flood']),
  // Ardabil: Meshginshahr's workshops, as in the README's report line.
  province('IR-24', ['2401', '2404', '2406', '2405', '2403'], 20),
  // Lorestan: Poldokhtar and Mamulan after the floods.
  province('IR-15', ['1503', '1508', '1502', '1506', '1504'], 22, ['flood']),
  // Kermanshah: Sarpol-e Zahab after the earthquake.
  province('IR-05', ['0504', '0502', '0501', '0506', '0508'], 20, ['quake']),
  // Golestan: Aq Qala and Gomishan after the floods.
  province('IR-27', ['2702', '2708', '2706', '2713', '2705'], 20, ['flood']),
];
