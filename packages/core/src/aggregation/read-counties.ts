import { countiesOf } from '../places/counties.ts';
import { provinceByCode, type Province, type ProvinceCode } from '../places/provinces.ts';
import type { Store } from '../store/store.ts';
import { readAggregateItem } from './aggregate-item.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { readCountyAggregates } from './read-figures.ts';

/** A catalogue county with what was recorded in it. */
export interface CatalogueCountyFigures extends Figures {
  /** The catalogue's code (`'1305'`). */
  code: string;
  /** Its name as the catalogue spells it. */
  name: string;
  /** Rural districts (dehestan) the catalogue lists in the county. */
  ruralDistricts: number;
  /** When its aggregate last changed; null while nothing has been counted in it. */
  updatedAt: string | null;
}

/**
 * Every county of the province's catalogue (places/counties.ts), in catalogue order, with its
 * live figures: zeros for a county where nothing is recorded. One batch read of the county
 * aggregates by key (`readCountyAggregates`); records name counties by catalogue code only.
 */
export async function provinceCountyFigures(store: Store, code: ProvinceCode): Promise<{ province: Province; counties: CatalogueCountyFigures[] }> {
  const items = await readCountyAggregates(store, code);
  return {
    province: provinceByCode(code),
    counties: countiesOf(code).map((county) => {
      const item = items.get(county.code);
      const aggregate = item ? readAggregateItem(item) : undefined;
      return {
        code: county.code,
        name: county.name,
        ruralDistricts: county.ruralDistricts,
        ...figuresFrom(aggregate?.counters ?? new Map()),
        updatedAt: aggregate?.updatedAt ?? null,
      };
    }),
  };
}
