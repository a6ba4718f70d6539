import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import {
  allProvinceFiguresSchema,
  type driveFiguresSchema,
  nationalFiguresSchema,
  provinceFiguresSchema,
  type allProvinceFigures,
  type driveFigures,
  type provinceFigures,
  type provinceHistory,
  type provinceHistorySchema,
  type provinceWithCountiesSchema,
  type programmeListSchema,
  type programmeWithProvincesSchema,
} from '../src/index.ts';
import { figuresFrom } from '../src/aggregation/figures.ts';
import { NATIONAL_PLACE, PROVINCES, provinceByCode } from '../src/places/provinces.ts';
import type {
  distributionSchema,
  donationSchema,
  driveSchema,
  indicatorListSchema,
  partnerWithFiguresSchema,
  planSchema,
  progressReportSchema,
  projectSchema,
} from '../src/schemas/responses.ts';
import type { Distribution } from '../src/store/distributions.ts';
import type { Donation } from '../src/store/donations.ts';
import type { listProgrammes, partnerPlaces, programmeFigures, programmesOfPlace } from '../src/aggregation/read-programmes.ts';
import type { Partner } from '../src/store/partners.ts';
import type { Drive } from '../src/store/drives.ts';
import type { listIndicators } from '../src/store/indicators.ts';
import type { Plan } from '../src/store/plans.ts';
import type { ProgressReport, Project } from '../src/store/projects.ts';

/** The output schemas describe what the store and the figure readers return (the API publishes them as its responses). */
describe('output schemas', () => {
  it('admit every value the store functions are typed to return (checked by tsc)', () => {
    expectTypeOf<Project>().toExtend<z.output<typeof projectSchema>>();
    expectTypeOf<ProgressReport>().toExtend<z.output<typeof progressReportSchema>>();
    expectTypeOf<Drive>().toExtend<z.output<typeof driveSchema>>();
    expectTypeOf<Donation>().toExtend<z.output<typeof donationSchema>>();
    expectTypeOf<Distribution>().toExtend<z.output<typeof distributionSchema>>();
    expectTypeOf<Awaited<ReturnType<typeof allProvinceFigures>>>().toExtend<z.output<typeof allProvinceFiguresSchema>>();
    expectTypeOf<Awaited<ReturnType<typeof provinceFigures>> & { programmes: Awaited<ReturnType<typeof programmesOfPlace>> }>().toExtend<
      z.output<typeof provinceWithCountiesSchema>
    >();
    expectTypeOf<{ items: Awaited<ReturnType<typeof listProgrammes>> }>().toExtend<z.output<typeof programmeListSchema>>();
    expectTypeOf<Awaited<ReturnType<typeof programmeFigures>>>().toExtend<z.output<typeof programmeWithProvincesSchema>>();
    expectTypeOf<{ items: Awaited<ReturnType<typeof listIndicators>> }>().toExtend<z.output<typeof indicatorListSchema>>();
    expectTypeOf<Plan>().toExtend<z.output<typeof planSchema>>();
    expectTypeOf<Partner & { provinces: Awaited<ReturnType<typeof partnerPlaces>> }>().toExtend<z.output<typeof partnerWithFiguresSchema>>();
    expectTypeOf<Awaited<ReturnType<typeof driveFigures>>>().toExtend<z.output<typeof driveFiguresSchema>>();
    expectTypeOf<Awaited<ReturnType<typeof provinceHistory>>>().toExtend<z.output<typeof provinceHistorySchema>['points']>();
  });

  it('accept the figures figures.ts computes, money beyond 2^53 included', () => {
    const huge = 10n ** 30n;
    const figures = figuresFrom(
      new Map([
        ['projects', 2n],
        ['status:planned', 2n],
        ['progressHundredths', 10000n],
        ['budgetToman', huge],
        ['donationCashToman', 5n],
      ]),
    );
    expect(nationalFiguresSchema.parse({ ...figures, updatedAt: null }).projects.budgetToman).toBe(huge);
    const province = { province: provinceByCode('IR-13'), ...figures, updatedAt: '2026-03-01T10:00:00.000Z' };
    expect(provinceFiguresSchema.parse(province).donations.totalToman).toBe(5n);
    const country = { province: NATIONAL_PLACE, ...figures, updatedAt: null };
    expect(() => allProvinceFiguresSchema.parse({ provinces: [province], country, national: { ...figures, updatedAt: null } })).toThrow();
    expect(
      allProvinceFiguresSchema.parse({ provinces: PROVINCES.map(() => province), country, national: { ...figures, updatedAt: null } }).provinces,
    ).toHaveLength(31);
  });
});
