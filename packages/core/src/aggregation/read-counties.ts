import { countiesOf } from '../places/counties.ts';
import { provinceByCode, type Province, type ProvinceCode } from '../places/provinces.ts';
import { queryAll } from '../store/items.ts';
import type { Store } from '../store/store.ts';
import { indexPartitions, partitionQuery } from '../table/keys.ts';
import { readAggregateItem, type StoredAggregate } from './aggregate-item.ts';
import { figuresFrom, type Figures } from './figures.ts';
import { parseScope } from './scopes.ts';

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
 * live figures: zeros for a county where nothing is recorded. One query reads the province's
 * county aggregates (listed under it by `indexPartitions.countyAggregates`), matched to the
 * catalogue by the county code in their scope; an aggregate whose code is not in the catalogue
 * is left out (records name counties by catalogue code only).
 */
export async function provinceCountyFigures(store: Store, code: ProvinceCode): Promise<{ province: Province; counties: CatalogueCountyFigures[] }> {
  const items = await queryAll(store, partitionQuery(indexPartitions.countyAggregates(code)));
  const byCounty = new Map<string, StoredAggregate>();
  for (const item of items) {
    const aggregate = readAggregateItem(item);
    const scope = parseScope(aggregate.scope);
    if (scope?.kind === 'county' && scope.province === code && scope.county) byCounty.set(scope.county, aggregate);
  }
  return {
    province: provinceByCode(code),
    counties: countiesOf(code).map((county) => {
      const aggregate = byCounty.get(county.code);
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
