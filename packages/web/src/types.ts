import type { DistributionFields } from '@abad/core/schemas/distribution';
import type { DonationFields } from '@abad/core/schemas/donation';
import type { DriveFields } from '@abad/core/schemas/drive';
import type { ProjectFields } from '@abad/core/schemas/project';
import type { PlanFields } from '@abad/core/schemas/plan';
import type { PartnerFields } from '@abad/core/schemas/partner';
import type { IndicatorField, Unit } from '@abad/core/indicators/catalogue';
import type { NATIONAL_PLACE, Province } from '@abad/core/places/provinces';
import type { Figures } from '@abad/core/aggregation/figures';

/**
 * What the read API returns (JSON: money as decimal strings). The shapes follow core's
 * `Figures` (aggregation/figures.ts) with bigint replaced by string.
 */
type Json<T> = {
  [K in keyof T]: T[K] extends bigint ? string : T[K] extends bigint | undefined ? string | undefined : T[K] extends object ? Json<T[K]> : T[K];
};

export type FiguresJson = Json<Figures>;

/** A province, or the country itself (`IR`, «کل کشور»). */
export type PlaceJson = Province | { code: typeof NATIONAL_PLACE.code; fa: string; en: string };

export interface ProvinceFiguresJson extends FiguresJson {
  province: PlaceJson;
  updatedAt: string | null;
}

/** What the API says it applied (`slice` in GET /provinces and GET /provinces/{code}). */
export interface SliceJson {
  from?: string | null;
  to?: string | null;
  /** The day whose snapshot was subtracted (normally the day before `from`); null: counted from the first record. */
  fromSnapshot?: string | null;
  /** The day whose snapshot ends the period; null: the live figures. */
  toSnapshot?: string | null;
  programme?: string | null;
  drive?: string | null;
  category?: string | null;
  /** Parts left empty in this slice (a province's counties and programmes; outputs by category). */
  without?: string[];
}

/** GET /provinces: the 31 provinces, what was recorded for the whole country (`IR`), and the sum of all. */
export interface ProvincesResponse {
  provinces: (ProvinceFiguresJson & { province: Province })[];
  country: ProvinceFiguresJson;
  national: FiguresJson & { updatedAt?: string | null };
  slice?: SliceJson;
}

export interface CountyFiguresJson extends FiguresJson {
  county: string;
  updatedAt: string | null;
}

/** A programme's figures in one place (GET /provinces/{code} `programmes`). */
export interface PlaceProgrammeJson extends ProvinceFiguresJson {
  name: string;
  key: string;
}

export interface ProvinceDetailResponse extends ProvinceFiguresJson {
  counties: CountyFiguresJson[];
  programmes: PlaceProgrammeJson[];
  slice?: SliceJson;
}

/** GET /provinces/{code}/counties: every county of the catalogue, zeros where nothing is recorded. */
export interface CatalogueCountyJson extends FiguresJson {
  code: string;
  name: string;
  ruralDistricts: number;
  updatedAt: string | null;
}

export interface ProvinceCountiesResponse {
  province: Province;
  counties: CatalogueCountyJson[];
}

/** An indicator of the catalogue (GET /indicators). */
export interface IndicatorJson {
  code: string;
  fa: string;
  en: string;
  unit: Unit;
  unitLabel: { fa: string; en: string };
  additive: boolean;
  field?: IndicatorField;
  builtIn: boolean;
}

export interface HistoryResponse {
  code: string;
  from: string;
  to: string;
  points: (FiguresJson & { date: string })[];
}

interface Meta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export type ProjectJson = Json<ProjectFields> & Meta;
export type DriveJson = Json<DriveFields> & Meta;
export type DonationJson = Json<DonationFields> & Meta;
export type DistributionJson = Json<DistributionFields> & Meta;
export type PartnerJson = Json<PartnerFields> & Meta;
export type PlanJson = Json<PlanFields> & Meta;

export interface ListResponse<T> {
  items: T[];
  cursor?: string;
}
