import { getProject } from '@abad/core';
import { jalaliOfIsoDate } from '@abad/core/dates/jalali';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor, type ApiResponse } from '../support/api.ts';
import { testStore } from '../support/db.ts';
import { createDrive, donationBody, projectBody } from '../support/fixtures.ts';

/** Issue 10: dates typed in the Jalali calendar, and every date of a response beside its Jalali form. */

const FA = { 'accept-language': 'fa-IR,fa;q=0.9' };
const JALALI_MOMENT = /^1[34]\d\d-\d\d-\d\d \d\d:\d\d$/;
const toPersianDigits = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

function errorsOf(response: ApiResponse): { field: string; rule: string; message: string }[] {
  expect(response.status).toBe(422);
  return response.body.errors;
}

describe('Jalali dates in requests and responses', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor('admin', '*');
  });

  it('a project started ۱۳۹۹/۰۱/۰۱ is stored 2020-03-20 and read back with startDateJalali', async () => {
    const created = await api('/projects', { token: admin, body: projectBody('IR-13', { startDate: '۱۳۹۹/۰۱/۰۱', targetDate: '1399-02-31' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      startDate: '2020-03-20',
      startDateJalali: '1399-01-01',
      targetDate: '2020-05-20',
      targetDateJalali: '1399-02-31',
      createdAtJalali: expect.stringMatching(JALALI_MOMENT),
      updatedAtJalali: expect.stringMatching(JALALI_MOMENT),
    });
    // The stored item holds ISO dates only; the twins are added on the way out.
    const stored = await getProject(testStore(), created.body.id);
    expect(stored.startDate).toBe('2020-03-20');
    expect(stored.targetDate).toBe('2020-05-20');
    expect(Object.keys(stored).filter((key) => key.endsWith('Jalali'))).toEqual([]);

    const read = await api(`/projects/${created.body.id}`);
    expect(read.body).toMatchObject({ startDate: '2020-03-20', startDateJalali: '1399-01-01', targetDateJalali: '1399-02-31' });
    expect(read.body.createdAtJalali).toBe(created.body.createdAtJalali);
  });

  it.each([
    ['1399/1/1', '2020-03-20'],
    ['۱ فروردین ۱۳۹۹', '2020-03-20'],
    ['۱۰ ارديبهشت ۱۴۰۳', '2024-04-29'],
    ['1399-12-30', '2021-03-20'], // 1399 is a leap year: 30 Esfand exists
    ['2020-03-20', '2020-03-20'],
  ])('startDate %s is %s', async (typed, iso) => {
    const created = await api('/projects', { token: admin, body: projectBody('IR-13', { startDate: typed }) });
    expect(created.status).toBe(201);
    expect(created.body.startDate).toBe(iso);
    expect(created.body.startDateJalali).toBe(jalaliOfIsoDate(iso));
  });

  it('30 Esfand 1400 does not exist: 422 naming the field, in Persian', async () => {
    const [error, ...rest] = errorsOf(await api('/projects', { token: admin, headers: FA, body: projectBody('IR-13', { startDate: '1400-12-30' }) }));
    expect(rest).toEqual([]);
    expect(error).toEqual({ field: 'startDate', rule: 'noSuchDay', message: 'چنین روزی در تقویم شمسی نیست: اسفند ۱۴۰۰ ۲۹ روز دارد' });
    const english = errorsOf(await api('/projects', { token: admin, body: projectBody('IR-13', { targetDate: '۱۳۹۹/۰۷/۳۱' }) }));
    expect(english).toEqual([expect.objectContaining({ field: 'targetDate', rule: 'noSuchDay', message: expect.stringMatching(/has 30 days/) })]);
  });

  it.each(['0999-01-01', '1200-01-01', '1920-12-31', '۱۲۹۹/۱۲/۲۹'])('%s is an ancient date: 422, never stored', async (typed) => {
    const errors = errorsOf(await api('/projects', { token: admin, headers: FA, body: projectBody('IR-13', { startDate: typed }) }));
    expect(errors).toEqual([expect.objectContaining({ field: 'startDate', rule: 'dateTooEarly', message: expect.stringMatching(/۱۹۲۱/) })]);
  });

  it('what is no date gets a message naming the forms, with an example in Persian digits', async () => {
    const errors = errorsOf(await api('/drives', { token: admin, headers: FA, body: { name: 'پویش', startDate: 'اول بهار' } }));
    expect(errors).toEqual([
      expect.objectContaining({ field: 'startDate', rule: 'dateInput', message: expect.stringMatching(/۱۳۹۹\/۰۱\/۰۱.*۱ فروردین ۱۳۹۹/) }),
    ]);
  });

  it('a drive and a plan take Jalali dates; the twins come with every date', async () => {
    const drive = await api('/drives', { token: admin, body: { name: 'پویش نوروزی', startDate: '۱ فروردین ۱۴۰۵', endDate: '1405/1/13' } });
    expect(drive.status).toBe(201);
    expect(drive.body).toMatchObject({ startDate: '2026-03-21', startDateJalali: '1405-01-01', endDate: '2026-04-02', endDateJalali: '1405-01-13' });
    const withFigures = await api(`/drives/${drive.body.id}`);
    expect(withFigures.body).toMatchObject({ startDateJalali: '1405-01-01', figures: { updatedAtJalali: null } });
  });

  it('date-time fields: a Jalali date with a time is Tehran time; a date alone is noon (or today’s start)', async () => {
    const project = (await api('/projects', { token: admin, body: projectBody('IR-13') })).body;
    const timed = await api(`/projects/${project.id}/progress`, { token: admin, body: { progressPercent: 10, reportedAt: '۱۴۰۳/۰۱/۰۱ ۱۰:۳۰' } });
    expect(timed.status).toBe(201);
    expect(timed.body.report).toMatchObject({ reportedAt: '2024-03-20T07:00:00.000Z', reportedAtJalali: '1403-01-01 10:30' });
    expect(timed.body.project).toMatchObject({ progressReportedAt: '2024-03-20T07:00:00.000Z', progressReportedAtJalali: '1403-01-01 10:30' });

    // Today, typed as a Jalali date: noon in Tehran if that has passed, else the start of the day; never refused as future.
    const todayTehran = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
    const today = toPersianDigits(jalaliOfIsoDate(todayTehran).replaceAll('-', '/'));
    const report = await api(`/projects/${project.id}/progress`, { token: admin, body: { progressPercent: 20, reportedAt: today } });
    expect(report.status).toBe(201);
    expect(report.body.report.reportedAtJalali).toMatch(new RegExp(`^${jalaliOfIsoDate(todayTehran)} (12:00|00:00)$`));
    expect(Date.parse(report.body.report.reportedAt)).toBeLessThanOrEqual(Date.now());

    const listed = await api(`/projects/${project.id}/progress`);
    expect(listed.body.items.every((item: Record<string, unknown>) => JALALI_MOMENT.test(String(item.reportedAtJalali)))).toBe(true);

    const bad = errorsOf(
      await api(`/projects/${project.id}/progress`, { token: admin, headers: FA, body: { progressPercent: 30, reportedAt: '1403/01/01 25:00' } }),
    );
    expect(bad).toEqual([expect.objectContaining({ field: 'reportedAt', rule: 'dateInput', message: expect.stringMatching(/۱۴۰۳\/۰۱\/۰۱ ۱۰:۳۰/) })]);
  });

  it('a donation received on a Jalali day is noon in Tehran that day', async () => {
    const driveId = await createDrive('IR-13');
    const donation = await api('/donations', { token: admin, body: donationBody(driveId, 'IR-13', { receivedAt: '۱۴۰۳/۰۱/۰۱' }) });
    expect(donation.status).toBe(201);
    expect(donation.body).toMatchObject({ receivedAt: '2024-03-20T08:30:00.000Z', receivedAtJalali: '1403-01-01 12:00' });
  });

  it('history takes Jalali bounds and months; its points carry dateJalali', async () => {
    const day = await api(`/provinces/national/history?from=${encodeURIComponent('۱ فروردین ۱۴۰۴')}&to=${encodeURIComponent('اسفند ۱۴۰۴')}`);
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({ from: '2025-03-21', fromJalali: '1404-01-01', to: '2026-03-20', toJalali: '1404-12-29' });
    for (const point of day.body.points) expect(point.dateJalali).toBe(jalaliOfIsoDate(point.date));

    const month = await api(`/provinces/IR-13/history?from=${encodeURIComponent('فروردين ۱۴۰۴')}&to=${encodeURIComponent('فروردين ۱۴۰۴')}`);
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({ from: '2025-03-21', to: '2025-04-20', fromJalali: '1404-01-01', toJalali: '1404-01-31' });

    const ancient = await api('/provinces/national/history?from=1200-01-01', { headers: FA });
    expect(errorsOf(ancient)).toEqual([expect.objectContaining({ field: 'from', rule: 'dateTooEarly' })]);
  });

  it('figures carry updatedAtJalali beside updatedAt', async () => {
    const province = await api('/provinces/IR-13');
    expect(province.status).toBe(200);
    const { updatedAt, updatedAtJalali } = province.body;
    expect(updatedAt === null ? updatedAtJalali === null : JALALI_MOMENT.test(updatedAtJalali)).toBe(true);
    const all = await api('/provinces');
    expect(Object.hasOwn(all.body.national, 'updatedAtJalali')).toBe(true);
  });
});
