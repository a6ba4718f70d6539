import { can } from '@abad/core/auth/principal';
import { NATIONAL_PLACE, PLACE_CODES, isProvinceCode, provinceByCode, type PlaceCode } from '@abad/core/places/provinces';
import { DISTRIBUTION_KINDS, DISTRIBUTION_KIND_LABELS } from '@abad/core/schemas/distribution';
import { getJson } from '../api.ts';
import { currentSession } from '../auth/session.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { faDate, tehranIsoDate } from '../format/dates.ts';
import { compactParts, faCompactMoney, faNumber, faToman, numberInWords, toman, tomanUnit } from '../format/numbers.ts';
import { comparePersian, faText } from '../format/text.ts';
import { poll } from '../live/poller.ts';
import { replaceQuery } from '../router.ts';
import type { DistributionJson, DonationJson, DriveJson, FiguresJson, ListResponse, ProvincesResponse } from '../types.ts';
import { barList, sharesOfMax } from './bar-list.ts';
import { exportLinks } from './export-links.ts';
import { loadState } from './load-state.ts';
import type { View } from './view.ts';

/**
 * `#/drives`: every charity drive — its name, its dates in the Jalali calendar, whether it is
 * running, and its totals — and `#/drive/{id}`: one drive's donations (cash and in kind), its
 * distributions by kind (and by phase, where the records name one), and by province (bars and a
 * sorted table). Public figures come from `GET /drives/{id}/figures` (cached a few seconds, like
 * the province figures: every open drive page polls it); the breakdowns by province and
 * phase are summed from the drive's own records (`GET /donations?drive=`), which only signed-in
 * staff may read (an operator reads those of their provinces). Both refresh like the dashboard.
 */

/** GET /drives/{id}/figures: the drive and its figures. */
export interface DriveFiguresJson {
  donations: FiguresJson['donations'];
  distributions: FiguresJson['distributions'];
  updatedAt: string | null;
}
export type DriveWithFiguresJson = DriveJson & { figures: DriveFiguresJson };

export type DriveStatus = 'upcoming' | 'running' | 'finished';
export const DRIVE_STATUS_LABELS: Record<DriveStatus, string> = { upcoming: 'آغاز نشده', running: 'در جریان', finished: 'پایان‌یافته' };

/** Running from its first day through its last (Tehran days); finished after it; upcoming before it. */
export function driveStatus(drive: Pick<DriveJson, 'startDate' | 'endDate'>, today = tehranIsoDate()): DriveStatus {
  if (today < drive.startDate) return 'upcoming';
  if (drive.endDate !== undefined && today > drive.endDate) return 'finished';
  return 'running';
}

/** «استان همدان» for a provincial drive, «سراسری» for a national one. */
export function driveScope(drive: Pick<DriveJson, 'province'>): string {
  return drive.province ? `استان ${provinceByCode(drive.province).fa}` : 'سراسری';
}

/** Every page of a list (at most `maxPages` of 100), newest first as the API gives it. */
export async function allPages<T>(path: string, token?: string, maxPages = 20): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | undefined;
  const join = path.includes('?') ? '&' : '?';
  for (let page = 0; page < maxPages; page++) {
    const result = await getJson<ListResponse<T>>(`${path}${join}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    found.push(...result.items);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found;
}

/** `items` mapped with at most `limit` requests at a time. */
async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await map(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A money figure as the cards say it: «۱۰ میلیون تومان», the exact amount in words beneath when it is rounded. */
function moneyParts(value: bigint): (Node | string)[] {
  const { number, scale } = compactParts(value, true);
  const words = numberInWords(value);
  const rounded = words !== (scale ? `${number} ${scale}` : number);
  return [
    h('span', { class: 'value' }, number, '\u00a0', h('small', { class: 'unit' }, tomanUnit(scale))),
    rounded ? h('span', { class: 'words' }, `دقیقاً ${words}`) : '',
  ];
}

function cards(entries: { key: string; label: string; value: bigint; money?: boolean }[]): HTMLElement {
  return h(
    'dl',
    { class: 'cards' },
    entries.map((e) =>
      h(
        'div',
        { class: 'card', 'data-figure': e.key },
        h('dt', {}, e.label),
        h('dd', {}, e.money ? moneyParts(e.value) : h('span', { class: 'value' }, faNumber(e.value))),
      ),
    ),
  );
}

const tableRegion = (label: string, table: HTMLTableElement) => h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);

// ---------------------------------------------------------------------------------------------
// #/drives

export function drivesPage(): View {
  return (main) => {
    const tbody = h('tbody');
    const table = h(
      'table',
      { class: 'figures-table drives-table', 'data-testid': 'drives-table' },
      h('caption', {}, 'پویش‌ها، از تازه‌ترین؛ مبالغ به تومان'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['پویش', 'گستره', 'مرحله', 'آغاز', 'پایان', 'وضعیت', 'کمک‌ها', 'مبلغ کمک‌ها', 'بسته‌ها', 'خانوارها'].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      tbody,
    );
    const exports = exportLinks('/drives', 'فهرست پویش‌ها');
    const content = h(
      'section',
      { 'aria-labelledby': 'drives-list-title' },
      h('h2', { id: 'drives-list-title' }, 'همهٔ پویش‌ها'),
      exports.element,
      tableRegion('جدول پویش‌ها', table),
    );
    const state = loadState([content], 'فهرست پویش‌ها');
    main.append(
      h('h1', { id: 'page-title', tabindex: '-1' }, 'پویش‌ها'),
      h('p', { class: 'lead' }, 'پویش‌های کمک مردمی: کمک‌های نقدی و غیرنقدی هر پویش و بسته‌هایی که توزیع شده است؛ آمار بدون بارگذاری دوباره به‌روز می‌شود.'),
      state.element,
      content,
    );
    exports.update(new URLSearchParams());

    /** What was last drawn: a poll that brings nothing new leaves the table (and the reader's place in it) alone. */
    let drawn = '';
    return poll(
      async () => {
        const drives = await allPages<DriveJson>('/drives');
        return mapLimit(drives, 6, (d) => getJson<DriveWithFiguresJson>(`/drives/${encodeURIComponent(d.id)}/figures`));
      },
      (drives) => {
        if (drives.length === 0) {
          drawn = '';
          return state.loaded(
            h(
              'div',
              { class: 'empty-panel', 'data-testid': 'no-drives' },
              h('h2', {}, 'هنوز پویشی ثبت نشده است'),
              h('p', {}, 'کمک‌ها و توزیع‌ها هر کدام در یک پویش ثبت می‌شوند؛ مدیر سامانه نخستین پویش را ثبت می‌کند.'),
              canWriteDrives() ? h('p', {}, h('a', { href: '#/forms/drive' }, 'ثبت نخستین پویش')) : null,
            ),
          );
        }
        const today = tehranIsoDate();
        const key = JSON.stringify([today, drives.map((d) => [d.id, d.version, d.figures])]);
        if (key !== drawn) {
          drawn = key;
          replaceChildren(
            tbody,
            drives.map((d) => driveRow(d, today)),
          );
        }
        state.loaded();
      },
      (error) => state.failed(error),
      15_000,
    );
  };
}

function canWriteDrives(): boolean {
  const session = currentSession();
  return session !== undefined && can(session.principal, 'drive:write');
}

function driveRow(d: DriveWithFiguresJson, today: string): HTMLTableRowElement {
  const status = driveStatus(d, today);
  const f = d.figures;
  return h(
    'tr',
    { 'data-drive': d.id, 'data-status': status },
    h('th', { scope: 'row' }, h('a', { href: `#/drive/${encodeURIComponent(d.id)}` }, faText(d.name))),
    h('td', { 'data-column': 'scope' }, driveScope(d)),
    h('td', { 'data-column': 'phase' }, d.phase ? faText(d.phase) : '—'),
    h('td', { 'data-column': 'start' }, faDate(d.startDate)),
    h('td', { 'data-column': 'end' }, d.endDate ? faDate(d.endDate) : '—'),
    h('td', { 'data-column': 'status' }, h('span', { class: `drive-status ${status}` }, DRIVE_STATUS_LABELS[status])),
    h('td', { 'data-column': 'donations' }, faNumber(f.donations.count)),
    h('td', { 'data-column': 'donationsToman' }, faCompactMoney(toman(f.donations.totalToman))),
    h('td', { 'data-column': 'packages' }, faNumber(f.distributions.packages)),
    h('td', { 'data-column': 'households' }, faNumber(f.distributions.households)),
  );
}

// ---------------------------------------------------------------------------------------------
// #/drive/{id}

/** A place's sums from the drive's records (voided ones count nowhere). */
interface PlaceSums {
  code: PlaceCode;
  donations: bigint;
  cash: bigint;
  inKind: bigint;
  total: bigint;
  distributions: bigint;
  packages: bigint;
  households: bigint;
  value: bigint;
}

const PLACE_FIGURES = [
  { key: 'total', label: 'مبلغ کمک‌ها (تومان)', money: true },
  { key: 'donations', label: 'تعداد کمک‌ها', money: false },
  { key: 'packages', label: 'بسته‌های توزیع‌شده', money: false },
  { key: 'households', label: 'خانوارهای دریافت‌کننده', money: false },
  { key: 'value', label: 'ارزش توزیع‌ها (تومان)', money: true },
] as const satisfies readonly { key: keyof PlaceSums; label: string; money: boolean }[];
type PlaceFigureKey = (typeof PLACE_FIGURES)[number]['key'];

interface Voidable {
  voidedAt?: string;
}

export function placeName(code: PlaceCode): string {
  return isProvinceCode(code) ? provinceByCode(code).fa : NATIONAL_PLACE.fa;
}

/** Sums by province from the drive's slice of the province figures (`GET /provinces?drive=`): every place with a record. */
export function sumsFromSlice(data: ProvincesResponse): PlaceSums[] {
  return [...data.provinces, data.country]
    .filter((p) => p.donations.count > 0 || p.distributions.count > 0)
    .map((p) => ({
      code: p.province.code,
      donations: BigInt(p.donations.count),
      cash: toman(p.donations.cashToman),
      inKind: toman(p.donations.inKindToman),
      total: toman(p.donations.totalToman),
      distributions: BigInt(p.distributions.count),
      packages: BigInt(p.distributions.packages),
      households: BigInt(p.distributions.households),
      value: toman(p.distributions.valueToman),
    }));
}

/** Sums by province of the records that stand. */
export function sumByPlace(donations: readonly (DonationJson & Voidable)[], distributions: readonly (DistributionJson & Voidable)[]): PlaceSums[] {
  const sums = new Map<PlaceCode, PlaceSums>();
  const of = (code: PlaceCode) => {
    let s = sums.get(code);
    if (!s) {
      s = { code, donations: 0n, cash: 0n, inKind: 0n, total: 0n, distributions: 0n, packages: 0n, households: 0n, value: 0n };
      sums.set(code, s);
    }
    return s;
  };
  for (const d of donations) {
    if (d.voidedAt !== undefined) continue;
    const s = of(d.province);
    const amount = toman(d.amountToman);
    s.donations += 1n;
    if (d.kind === 'cash') s.cash += amount;
    else s.inKind += amount;
    s.total += amount;
  }
  for (const d of distributions) {
    if (d.voidedAt !== undefined) continue;
    const s = of(d.province);
    s.distributions += 1n;
    s.packages += BigInt(d.packages ?? 0);
    s.households += BigInt(d.households);
    s.value += toman(d.valueToman);
  }
  const rank = new Map(PLACE_CODES.map((c, i) => [c, i]));
  return [...sums.values()].sort((a, b) => rank.get(a.code)! - rank.get(b.code)!);
}

interface Lists {
  donations: (DonationJson & Voidable)[];
  distributions: (DistributionJson & Voidable)[];
}

export function drivePage(id: string, query: URLSearchParams): View {
  return (main) => {
    const session = currentSession();
    const token = session && can(session.principal, 'donation:read') ? session.token : undefined;
    const title = h('h1', { id: 'page-title', tabindex: '-1' }, 'پویش');
    const meta = h('p', { class: 'drive-meta', 'data-testid': 'drive-meta' });
    const donationsSlot = h('div', { 'data-testid': 'drive-donations' });
    const distributionsSlot = h('div', { 'data-testid': 'drive-distributions' });
    const phasesSlot = h('div', { 'data-testid': 'drive-phases' });
    const places = placesSection(query);

    const donationExports = token ? exportLinks('/donations', 'کمک‌های این پویش', () => currentSession()?.token) : undefined;
    const distributionExports = token ? exportLinks('/distributions', 'توزیع‌های این پویش', () => currentSession()?.token) : undefined;
    const recordQuery = new URLSearchParams({ drive: id });
    donationExports?.update(recordQuery);
    distributionExports?.update(recordQuery);

    const overview = h('div', {}, meta);
    const donationsSection = h(
      'section',
      { 'aria-labelledby': 'drive-donations-title' },
      h('h2', { id: 'drive-donations-title' }, 'کمک‌های مردمی'),
      donationsSlot,
      donationExports ? h('div', {}, h('h3', { class: 'exports-title' }, 'فهرست کمک‌های این پویش'), donationExports.element) : null,
    );
    const distributionsSection = h(
      'section',
      { 'aria-labelledby': 'drive-distributions-title' },
      h('h2', { id: 'drive-distributions-title' }, 'توزیع بسته‌ها'),
      distributionsSlot,
      phasesSlot,
      distributionExports ? h('div', {}, h('h3', { class: 'exports-title' }, 'فهرست توزیع‌های این پویش'), distributionExports.element) : null,
    );
    const placesElement = h('section', { 'aria-labelledby': 'drive-places-title' }, h('h2', { id: 'drive-places-title' }, 'بر پایهٔ استان'), places.element);
    const state = loadState([overview, donationsSection, distributionsSection, placesElement], 'آمار پویش');

    main.append(
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/drives' }, 'همهٔ پویش‌ها')),
      title,
      state.element,
      overview,
      donationsSection,
      distributionsSection,
      placesElement,
    );
    const everyProvince = session?.principal.provinces === '*';

    /**
     * The drive by province: the drive's slice of the province figures where the API has it
     * (public, every province); otherwise summed from the records a signed-in reader may list.
     * An answer that does not say it is this drive's slice is not taken for one.
     */
    let sliceServed: boolean | undefined;
    let slicedOnce = false;
    let listsKey = '';
    let lists: Lists | undefined;
    return poll(
      async () => {
        const drive = await getJson<DriveWithFiguresJson>(`/drives/${encodeURIComponent(id)}/figures`);
        let sliced: PlaceSums[] | undefined;
        if (sliceServed !== false) {
          try {
            const data = await getJson<ProvincesResponse>(`/provinces?drive=${encodeURIComponent(id)}`);
            sliceServed = data.slice?.drive === id;
            if (sliceServed) {
              // Taken only when it counts what the drive counts (an aggregate kept before places were added to it does not).
              const sums = sumsFromSlice(data);
              const count = (key: 'donations' | 'distributions') => sums.reduce((n, s) => n + s[key], 0n);
              const { donations, distributions } = drive.figures;
              if (count('donations') === BigInt(donations.count) && count('distributions') === BigInt(distributions.count)) sliced = sums;
            }
          } catch (error) {
            if (sliceServed) throw error;
            sliceServed = false;
          }
        }
        if (token) {
          // The records are read again only when the drive's figures moved: an idle poll is one small read.
          const key = JSON.stringify([drive.version, drive.figures]);
          if (key !== listsKey) {
            const [donations, distributions] = await Promise.all([
              allPages<DonationJson & Voidable>(`/donations?drive=${encodeURIComponent(id)}`, token, 50),
              allPages<DistributionJson & Voidable>(`/distributions?drive=${encodeURIComponent(id)}`, token, 50),
            ]);
            lists = { donations, distributions };
            listsKey = key;
          }
        }
        return { drive, lists, sliced };
      },
      ({ drive, lists, sliced }) => {
        const name = faText(drive.name);
        if (title.textContent !== name) {
          title.textContent = name;
          document.title = `${name} — آباد`;
        }
        const status = driveStatus(drive);
        replaceChildren(
          meta,
          h('span', { class: `drive-status ${status}`, 'data-testid': 'drive-status' }, DRIVE_STATUS_LABELS[status]),
          ` · ${driveScope(drive)}`,
          drive.phase ? ` · ${faText(drive.phase)}` : '',
          ` · از ${faDate(drive.startDate)}`,
          drive.endDate ? ` تا ${faDate(drive.endDate)}` : ' (بی‌پایان تعیین‌شده)',
        );
        drawDonations(donationsSlot, drive.figures);
        drawDistributions(distributionsSlot, drive.figures);
        if (lists) drawPhases(phasesSlot, lists.distributions);
        if (sliced) {
          places.update(sliced, true);
          slicedOnce = true;
        } else if (lists) places.update(sumByPlace(lists.donations, lists.distributions), everyProvince);
        // A slice a second behind the drive's own figures: the table it drew stays until the next poll.
        else if (!slicedOnce)
          places.note(
            session
              ? 'نقش شما اجازهٔ دیدن فهرست کمک‌ها و توزیع‌ها را ندارد؛ جمع پویش در بالا آمده است.'
              : 'جدول استان‌ها از فهرست کمک‌ها و توزیع‌های این پویش ساخته می‌شود که فقط کارکنانِ واردشده می‌بینند؛ جمع پویش در بالا آمده است.',
          );
        state.loaded();
      },
      (error) => state.failed(error),
    );
  };
}

function drawDonations(slot: HTMLElement, figures: DriveFiguresJson): void {
  const d = figures.donations;
  replaceChildren(
    slot,
    cards([
      { key: 'count', label: 'تعداد کمک‌ها', value: BigInt(d.count) },
      { key: 'cash', label: 'نقدی', value: toman(d.cashToman), money: true },
      { key: 'inKind', label: 'غیرنقدی (ارزش اقلام)', value: toman(d.inKindToman), money: true },
      { key: 'total', label: 'جمع کمک‌ها', value: toman(d.totalToman), money: true },
    ]),
    d.count === 0 ? h('p', { class: 'notice' }, 'هنوز کمکی برای این پویش ثبت نشده است.') : null,
  );
}

function drawDistributions(slot: HTMLElement, figures: DriveFiguresJson): void {
  const d = figures.distributions;
  const kinds = DISTRIBUTION_KINDS.filter((k) => d.byKind[k].count > 0);
  replaceChildren(
    slot,
    cards([
      { key: 'distributions', label: 'تعداد توزیع‌ها', value: BigInt(d.count) },
      { key: 'packages', label: 'بسته‌های توزیع‌شده', value: BigInt(d.packages) },
      { key: 'households', label: 'خانوارهای دریافت‌کننده', value: BigInt(d.households) },
      { key: 'value', label: 'ارزش توزیع‌ها', value: toman(d.valueToman), money: true },
    ]),
    d.uncounted > 0 ? h('p', { class: 'hint' }, `${faNumber(d.uncounted)} توزیع بی‌شمار بسته ثبت شده است و در «بسته‌ها» شمرده نمی‌شود.`) : null,
    kinds.length === 0
      ? h('p', { class: 'notice' }, 'هنوز توزیعی برای این پویش ثبت نشده است.')
      : tableRegion(
          'توزیع بر پایهٔ نوع بسته',
          h(
            'table',
            { class: 'figures-table', 'data-testid': 'kinds-table' },
            h('caption', {}, 'توزیع بر پایهٔ نوع بسته؛ ارزش به تومان'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['نوع', 'توزیع‌ها', 'بسته‌ها', 'ارزش'].map((label) => h('th', { scope: 'col' }, label)),
              ),
            ),
            h(
              'tbody',
              {},
              kinds.map((k) =>
                h(
                  'tr',
                  { 'data-kind': k },
                  h('th', { scope: 'row' }, DISTRIBUTION_KIND_LABELS[k]),
                  h('td', { 'data-column': 'count' }, faNumber(d.byKind[k].count)),
                  h('td', { 'data-column': 'packages' }, faNumber(d.byKind[k].packages)),
                  h('td', { 'data-column': 'value' }, faCompactMoney(toman(d.byKind[k].valueToman))),
                ),
              ),
            ),
          ),
        ),
  );
}

/** Distributions by the phase their records name (drives run in phases: «مرحلهٔ دوم»); nothing when none names one. */
function drawPhases(slot: HTMLElement, distributions: readonly (DistributionJson & Voidable)[]): void {
  const standing = distributions.filter((d) => d.voidedAt === undefined);
  if (!standing.some((d) => d.phase)) {
    replaceChildren(slot);
    return;
  }
  const NO_PHASE = 'بی‌مرحله';
  const byPhase = new Map<string, { count: number; packages: number; households: number; value: bigint }>();
  for (const d of standing) {
    const phase = d.phase ?? '';
    const s = byPhase.get(phase) ?? { count: 0, packages: 0, households: 0, value: 0n };
    s.count += 1;
    s.packages += d.packages ?? 0;
    s.households += d.households;
    s.value += toman(d.valueToman);
    byPhase.set(phase, s);
  }
  const phases = [...byPhase.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : comparePersian(a, b)));
  replaceChildren(
    slot,
    tableRegion(
      'توزیع بر پایهٔ مرحله',
      h(
        'table',
        { class: 'figures-table', 'data-testid': 'phases-table' },
        h('caption', {}, 'توزیع بر پایهٔ مرحله (از فهرست توزیع‌ها)؛ ارزش به تومان'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['مرحله', 'توزیع‌ها', 'بسته‌ها', 'خانوارها', 'ارزش'].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h(
          'tbody',
          {},
          phases.map((phase) => {
            const s = byPhase.get(phase)!;
            return h(
              'tr',
              { 'data-phase': phase },
              h('th', { scope: 'row' }, phase ? faText(phase) : NO_PHASE),
              h('td', {}, faNumber(s.count)),
              h('td', {}, faNumber(s.packages)),
              h('td', {}, faNumber(s.households)),
              h('td', {}, faCompactMoney(s.value)),
            );
          }),
        ),
      ),
    ),
  );
}

/** The drive by province: bars for a chosen figure and a table of every figure, both sorted by it, biggest first. */
function placesSection(query: URLSearchParams) {
  const selectId = uid('drive-figure');
  const chooser = h(
    'select',
    { id: selectId, name: 'figure' },
    PLACE_FIGURES.map((f) => h('option', { value: f.key }, f.label)),
  );
  if (PLACE_FIGURES.some((f) => f.key === query.get('figure'))) chooser.value = query.get('figure')!;
  const scopeNote = h('p', { class: 'hint', 'data-testid': 'drive-places-scope', hidden: true }, 'فقط استان‌هایی که شما در آن‌ها کار می‌کنید.');
  const bars = h('div', { 'data-testid': 'drive-place-bars' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'figures-table', 'data-testid': 'drive-place-table' },
    h('caption', {}, 'کمک‌ها و توزیع‌های پویش در هر استان؛ مبالغ به تومان'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['استان', 'کمک‌ها', 'نقدی', 'غیرنقدی', 'جمع کمک‌ها', 'توزیع‌ها', 'بسته‌ها', 'خانوارها', 'ارزش توزیع‌ها'].map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    tbody,
  );
  const note = h('p', { class: 'notice', hidden: true, 'data-testid': 'drive-places-note' });
  const controls = h('div', { class: 'field inline' }, h('label', { for: selectId }, 'شاخص استان‌ها'), chooser);
  const body = h('div', { hidden: true }, controls, scopeNote, bars, tableRegion('جدول استان‌های پویش', table));
  let latest: PlaceSums[] = [];
  let drawn = '';

  const render = () => {
    const key = chooser.value as PlaceFigureKey;
    const chosen = PLACE_FIGURES.find((f) => f.key === key)!;
    const sorted = [...latest].sort((a, b) => (a[key] === b[key] ? comparePersian(placeName(a.code), placeName(b.code)) : a[key] > b[key] ? -1 : 1));
    const shares = sharesOfMax(sorted.map((s) => s[key]));
    replaceChildren(
      bars,
      barList(
        sorted.map((s, i) => ({
          label: placeName(s.code),
          share: shares[i]!,
          text: chosen.money ? faToman(s[key]) : faNumber(s[key]),
          data: { province: s.code },
        })),
        { 'aria-label': chosen.label },
      ),
    );
    replaceChildren(
      tbody,
      sorted.map((s) =>
        h(
          'tr',
          { 'data-province': s.code },
          h('th', { scope: 'row' }, placeName(s.code)),
          h('td', { 'data-column': 'donations' }, faNumber(s.donations)),
          h('td', { 'data-column': 'cash' }, faCompactMoney(s.cash)),
          h('td', { 'data-column': 'inKind' }, faCompactMoney(s.inKind)),
          h('td', { 'data-column': 'total' }, faCompactMoney(s.total)),
          h('td', { 'data-column': 'distributions' }, faNumber(s.distributions)),
          h('td', { 'data-column': 'packages' }, faNumber(s.packages)),
          h('td', { 'data-column': 'households' }, faNumber(s.households)),
          h('td', { 'data-column': 'value' }, faCompactMoney(s.value)),
        ),
      ),
    );
  };
  chooser.addEventListener('change', () => {
    query.set('figure', chooser.value);
    replaceQuery(query);
    render();
  });

  return {
    element: h('div', {}, note, body),
    note(text: string) {
      drawn = '';
      note.textContent = text;
      note.hidden = false;
      body.hidden = true;
    },
    /** `everywhere`: the sums cover every province (not only the reader's). */
    update(sums: PlaceSums[], everywhere: boolean) {
      const key = JSON.stringify([sums, everywhere], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      if (key === drawn && (!body.hidden || sums.length === 0)) return;
      drawn = key;
      latest = sums;
      scopeNote.hidden = everywhere;
      if (sums.length === 0) {
        note.textContent = 'هنوز کمک یا توزیعی در این پویش ثبت نشده است.';
        note.hidden = false;
        body.hidden = true;
        return;
      }
      note.hidden = true;
      body.hidden = false;
      render();
    },
  };
}
