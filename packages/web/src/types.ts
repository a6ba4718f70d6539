import type { DistributionFields } from '@abad/core/schemas/distribution';
import type { DonationFields } from '@abad/core/schemas/donation';
import type { DriveFields } from '@abad/core/schemas/drive';
import type { ProjectFields } from '@abad/core/schemas/project';
import type { Province } from '@abad/core/places/provinces';
import type { Figures } from '@abad/core/aggregation/figures';

/**
 * What the read API returns (JSON: money as decimal strings). The shapes follow core's
 * `Figures` (aggregation/figures.ts) with bigint replaced by string.
 */
type Json<T> = {
  [K in keyof T]: T[K] extends bigint ? string : T[K] extends bigint | undefined ? string | undefined : T[K] extends object ? Json<T[K]> : T[K];
};

export type FiguresJson = Json<Figures>;

export interface ProvinceFiguresJson extends FiguresJson {
  province: Province;
  updatedAt: string | null;
}

export interface ProvincesResponse {
  provinces: ProvinceFiguresJson[];
  national: FiguresJson & { updatedAt?: string | null };
}

export interface CountyFiguresJson extends FiguresJson {
  county: string;
  updatedAt: string | null;
}

export interface ProvinceDetailResponse extends ProvinceFiguresJson {
  counties: CountyFiguresJson[];
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

export interface ListResponse<T> {
  items: T[];
  cursor?: string;
}
