import { can } from '@abad/core/auth/principal';
import { ValidationError } from '@abad/core/errors';
import { provinceByCode, isProvinceCode, NATIONAL_PLACE } from '@abad/core/places/provinces';
import { DISTRIBUTION_KINDS, DISTRIBUTION_KIND_LABELS, distributionPatch } from '@abad/core/schemas/distribution';
import { DONATION_KIND_LABELS, donationPatch } from '@abad/core/schemas/donation';
import { voidInput } from '@abad/core/schemas/voiding';
import { parseInput } from '@abad/core/validation/parse';
import type { z } from 'zod';
import { changeJson, getJson, type FieldError, type Problem, type WriteResult } from '../api.ts';
import { currentSession, type Session } from '../auth/session.ts';
import { placeLabel } from '../catalogue.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { faDate, isoToJalali, tehranIsoDate } from '../format/dates.ts';
import { faNumber, toman, tomanInWords } from '../format/numbers.ts';
import { faText } from '../format/text.ts';
import { dateField, type DateField } from '../forms/date-field.ts';
import { amountField, countField, selectField, textField, type Field } from '../forms/fields.ts';
import { poll } from '../live/poller.ts';
import type { DistributionJson, DonationJson, DriveJson } from '../types.ts';
import { allPages } from './drives-page.ts';
import { loadState } from './load-state.ts';
import { receiptNumber } from './receipt.ts';
import type { View } from './view.ts';

/**
 * `#/records`: the donations and distributions the signed-in operator (or editor, or admin)
 * recorded, newest first — read from the lists of their provinces and kept to those whose
 * `createdBy` is their own token subject. Each can be corrected (PATCH with `If-Match`: the
 * fields the reader changed, nothing else) or voided with a reason (POST …/void); a voided record
 * is shown as voided, final. When the record changed in between (412), the page says so, shows
 * the current values, and keeps what the reader typed: nothing is lost, and a second «ثبت اصلاح»
 * applies it to the current version.
 */

interface VoidMarks {
  voidedAt?: string;
  voidedBy?: string;
  voidReason?: string;
}
type DonationRecord = DonationJson & VoidMarks;
type DistributionRecord = DistributionJson & VoidMarks;
type Entry = { type: 'donation'; record: DonationRecord } | { type: 'distribution'; record: DistributionRecord };
type RecordType = Entry['type'];

const PATHS: Record<RecordType, string> = { donation: '/donations', distribution: '/distributions' };
/** How many of the reader's own records the page reads at most per list. */
const PAGES_PER_LIST = 5;
const REFRESH_MS = 15_000;

export const CONFLICT_MESSAGE = 'این رکورد در این فاصله تغییر کرده است';

export function recordsPage(): View {
  return (main) => {
    main.append(h('h1', { id: 'page-title', tabindex: '-1' }, 'ثبت‌های من'));
    const session = currentSession();
    if (!session) {
      main.append(
        h('p', { class: 'notice' }, 'برای دیدن ثبت‌های خود نخست ', h('a', { href: `#/sign-in?next=${encodeURIComponent('#/records')}` }, 'وارد شوید'), '.'),
      );
      return;
    }
    if (!can(session.principal, 'donation:write')) {
      main.append(
        h('p', { class: 'notice', 'data-testid': 'not-allowed' }, 'نقش شما کمک یا توزیعی ثبت نمی‌کند؛ این صفحه برای اپراتورها، ویرایشگران و مدیران است.'),
      );
      return;
    }
    const list = h('ol', { class: 'records', 'data-testid': 'records' });
    const none = h(
      'p',
      { class: 'notice', 'data-testid': 'no-records', hidden: true },
      'هنوز کمک یا توزیعی ثبت نکرده‌اید. ',
      h('a', { href: '#/forms/donation' }, 'ثبت کمک مردمی'),
      '.',
    );
    const content = h('section', { 'aria-labelledby': 'records-title' }, h('h2', { id: 'records-title' }, 'کمک‌ها و توزیع‌هایی که ثبت کرده‌اید'), none, list);
    const state = loadState([content], 'ثبت‌های شما');
    main.append(
      h(
        'p',
        { class: 'lead' },
        'از تازه‌ترین. هر ثبت را می‌توانید اصلاح کنید، یا اگر به اشتباه ثبت شده با ذکر دلیل باطل کنید: ثبتِ باطل‌شده می‌ماند و خوانده می‌شود، اما در هیچ آماری شمرده نمی‌شود.',
      ),
      state.element,
      content,
    );

    const drives = allPages<DriveJson>('/drives').catch((): DriveJson[] => []);
    const cards = new Map<string, RecordCard>();
    return poll(
      async () => {
        const [entries, driveList] = await Promise.all([loadMine(session), drives]);
        return { entries, driveNames: new Map(driveList.map((d) => [d.id, d.name])) };
      },
      ({ entries, driveNames }) => {
        none.hidden = entries.length > 0;
        // Cards stay where they are (a reader's focus and typing with them); new records go in at their place, newest first.
        let next: Element | null = list.firstElementChild;
        for (const entry of entries) {
          const key = `${entry.type}:${entry.record.id}`;
          let card = cards.get(key);
          if (!card) {
            card = recordCard(entry, session, driveNames);
            cards.set(key, card);
            list.insertBefore(card.element, next);
          } else {
            card.refresh(entry, driveNames);
            next = card.element.nextElementSibling;
          }
        }
        state.loaded();
      },
      (error) => state.failed(error),
      REFRESH_MS,
    );
  };
}

/** The reader's own records: the lists of their provinces (all of them for `*`), kept to what they created, newest first. */
async function loadMine(session: Session): Promise<Entry[]> {
  const { principal, token } = session;
  const scopes = principal.provinces === '*' ? [''] : principal.provinces.map((code) => `?province=${code}`);
  const lists = await Promise.all(
    (['donation', 'distribution'] as const).flatMap((type) =>
      scopes.map(async (scope) => {
        const items = await allPages<DonationRecord | DistributionRecord>(`${PATHS[type]}${scope}`, token, PAGES_PER_LIST);
        return items.filter((r) => r.createdBy === principal.subject).map((record) => ({ type, record }) as Entry);
      }),
    ),
  );
  const seen = new Set<string>();
  return lists
    .flat()
    .filter((e) => {
      const key = `${e.type}:${e.record.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.record.createdAt === b.record.createdAt ? b.record.id.localeCompare(a.record.id) : a.record.createdAt > b.record.createdAt ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// One record

interface RecordCard {
  element: HTMLLIElement;
  /** A newer read of the record: shown unless the reader is editing it (their edit is checked against the version they started from). */
  refresh(entry: Entry, driveNames: Map<string, string>): void;
}

function placeText(record: { province: string; county?: string | undefined }): string {
  const province = isProvinceCode(record.province) ? `استان ${provinceByCode(record.province).fa}` : NATIONAL_PLACE.fa;
  return record.province === NATIONAL_PLACE.code ? province : `${province} · ${placeLabel(record)}`;
}

function momentOf(entry: Entry): string {
  return (entry.type === 'donation' ? entry.record.receivedAt : entry.record.distributedAt) ?? entry.record.createdAt;
}

function titleOf(entry: Entry): (Node | string)[] {
  if (entry.type === 'donation') {
    const d = entry.record;
    return [`کمک ${DONATION_KIND_LABELS[d.kind]}: `, h('span', { 'data-value': 'amount' }, tomanInWords(toman(d.amountToman)))];
  }
  const d = entry.record;
  return [
    `توزیع ${DISTRIBUTION_KIND_LABELS[d.kind]}: `,
    d.packages === undefined ? '' : h('span', { 'data-value': 'packages' }, `${faNumber(d.packages)} بسته`),
    d.packages === undefined ? '' : ' میان ',
    h('span', { 'data-value': 'households' }, `${faNumber(d.households)} خانوار`),
  ];
}

function detailsOf(entry: Entry, driveNames: Map<string, string>): string {
  const drive = driveNames.get(entry.record.driveId);
  const parts = [placeText(entry.record), drive ? `پویش «${faText(drive)}»` : undefined, faDate(momentOf(entry))];
  if (entry.type === 'donation') parts.push(`محل دریافت: ${faText(entry.record.channel)}`);
  else {
    if (entry.record.phase) parts.push(faText(entry.record.phase));
    if (toman(entry.record.valueToman) > 0n) parts.push(`ارزش ${tomanInWords(toman(entry.record.valueToman))}`);
  }
  return parts.filter(Boolean).join(' · ');
}

function recordCard(initial: Entry, session: Session, initialDrives: Map<string, string>): RecordCard {
  let entry = initial;
  let driveNames = initialDrives;
  const headingId = uid('record');
  const head = h('div', { class: 'record-head' });
  const status = h('div', { class: 'record-status', role: 'status', 'aria-live': 'polite', tabindex: '-1', 'data-testid': 'record-status' });
  const actions = h('div', { class: 'record-actions' });
  const formSlot = h('div', { class: 'record-form-slot' });
  const element = h(
    'li',
    { class: 'record', 'data-record-id': initial.record.id, 'data-record-type': initial.type },
    h('article', { 'aria-labelledby': headingId }, head, actions, formSlot, status),
  );

  let open: { kind: 'correct' | 'void'; form: HTMLFormElement; onConflict(current: Entry): void } | undefined;
  const correctButton = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-describedby': headingId }, 'اصلاح');
  const voidButton = h('button', { type: 'button', class: 'danger', 'aria-expanded': 'false', 'aria-describedby': headingId }, 'باطل‌کردن');

  const draw = () => {
    const r = entry.record;
    element.dataset.state = r.voidedAt === undefined ? 'standing' : 'voided';
    element.dataset.version = String(r.version);
    replaceChildren(
      head,
      h('h3', { id: headingId }, r.voidedAt === undefined ? null : h('span', { class: 'voided-badge' }, 'باطل‌شده · '), ...titleOf(entry)),
      h('p', { class: 'meta' }, detailsOf(entry, driveNames)),
      receiptNumber(r.id),
      r.voidedAt === undefined
        ? null
        : h(
            'p',
            { class: 'voided-note', 'data-testid': 'voided-note' },
            `در ${faDate(r.voidedAt)} باطل شد؛ دلیل: «${faText(r.voidReason ?? '')}». در هیچ آماری شمرده نمی‌شود و دیگر اصلاح یا باطل نمی‌شود.`,
          ),
    );
    if (r.voidedAt !== undefined) {
      closeForm(false);
      actions.remove();
    }
  };

  const setExpanded = () => {
    correctButton.setAttribute('aria-expanded', String(open?.kind === 'correct'));
    voidButton.setAttribute('aria-expanded', String(open?.kind === 'void'));
  };
  function closeForm(returnFocus: boolean) {
    const was = open?.kind;
    open = undefined;
    formSlot.replaceChildren();
    setExpanded();
    if (returnFocus) (was === 'void' ? voidButton : correctButton).focus();
  }

  const context: EditContext = {
    session,
    current: () => entry,
    accept(next, message) {
      entry = next;
      draw();
      closeForm(false);
      say('success', message);
    },
    conflict(current, typed) {
      entry = current;
      draw();
      if (current.record.voidedAt !== undefined) {
        closeForm(false);
        say('failure', h('p', {}, `${CONFLICT_MESSAGE}: در این فاصله باطل شده است و دیگر اصلاح نمی‌شود.`));
        return;
      }
      open?.onConflict(current);
      say(
        'failure',
        h(
          'p',
          { class: 'conflict-message' },
          h('strong', {}, `${CONFLICT_MESSAGE}.`),
          ' مقدارهای کنونی در بالا و در این فهرست آمده است؛ آنچه شما نوشته‌اید در فرم مانده است. اگر هنوز درست است، دوباره بفرستید.',
        ),
        currentValues(current, typed),
      );
    },
    fail(...children) {
      say('failure', ...children);
    },
    clear() {
      status.className = 'record-status';
      status.replaceChildren();
    },
  };

  function say(kind: 'success' | 'failure', ...children: (Node | string)[]) {
    status.className = `record-status ${kind}`;
    replaceChildren(status, ...children);
    status.focus();
  }

  correctButton.addEventListener('click', () => {
    if (open?.kind === 'correct') return closeForm(true);
    context.clear();
    const editor = correctionForm(context, () => closeForm(true));
    open = { kind: 'correct', ...editor };
    formSlot.replaceChildren(editor.form);
    setExpanded();
    editor.focus();
  });
  voidButton.addEventListener('click', () => {
    if (open?.kind === 'void') return closeForm(true);
    context.clear();
    const editor = voidForm(context, () => closeForm(true));
    open = { kind: 'void', ...editor };
    formSlot.replaceChildren(editor.form);
    setExpanded();
    editor.focus();
  });
  actions.append(correctButton, voidButton);
  draw();

  return {
    element,
    refresh(next, names) {
      driveNames = names;
      if (open || next.record.version === entry.record.version) return;
      entry = next;
      draw();
    },
  };
}

/** The record's current values, as a list (the fields the reader changed marked with what they typed). */
function currentValues(current: Entry, typed: Map<string, string>): HTMLElement {
  const r = current.record;
  const rows: [string, string, string][] = [];
  if (current.type === 'donation') {
    const d = current.record;
    rows.push(['amountToman', d.kind === 'cash' ? 'مبلغ' : 'ارزش تخمینی اقلام', tomanInWords(toman(d.amountToman))]);
    rows.push(['channel', 'محل دریافت', faText(d.channel)]);
    rows.push(['receivedAt', 'تاریخ دریافت', d.receivedAt ? faDate(d.receivedAt) : '—']);
  } else {
    const d = current.record;
    rows.push(['kind', 'نوع بسته', DISTRIBUTION_KIND_LABELS[d.kind]]);
    rows.push(['packages', 'تعداد بسته', d.packages === undefined ? 'نامعلوم' : faNumber(d.packages)]);
    rows.push(['households', 'تعداد خانوار', faNumber(d.households)]);
    rows.push(['valueToman', 'ارزش کل', tomanInWords(toman(d.valueToman))]);
    rows.push(['phase', 'مرحله', d.phase ? faText(d.phase) : '—']);
    rows.push(['distributedAt', 'تاریخ توزیع', d.distributedAt ? faDate(d.distributedAt) : '—']);
  }
  return h(
    'dl',
    { class: 'current-values', 'data-testid': 'current-values', 'data-version': String(r.version) },
    rows.map(([name, label, value]) =>
      h(
        'div',
        { 'data-field': name },
        h('dt', {}, label),
        h('dd', {}, value, typed.has(name) ? h('span', { class: 'typed' }, ` (نوشتهٔ شما: ${typed.get(name)})`) : null),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Corrections and voiding

interface EditContext {
  session: Session;
  current(): Entry;
  /** The API took the change: `next` is the record now. */
  accept(next: Entry, message: Node): void;
  /** 412: `current` is the record now; `typed` what the reader changed, by field, as they typed it. */
  conflict(current: Entry, typed: Map<string, string>): void;
  fail(...children: (Node | string)[]): void;
  clear(): void;
}

interface Editor {
  form: HTMLFormElement;
  focus(): void;
  onConflict(current: Entry): void;
}

/** A control of the correction form: filled from the record, and sent only when the reader changed it. */
interface PatchField {
  field: Field;
  fill(entry: Entry): void;
  /** Whether the control differs from what it was filled with. */
  changed(): boolean;
  /** What to send for it (text as typed: the API parses it as the schema here does). */
  value(): unknown;
  /** What the reader typed, for the conflict list. */
  typed(): string;
}

function inputPatch(field: Field & { input: HTMLInputElement; value(): string | undefined }, read: (entry: Entry) => string, empty: unknown): PatchField {
  let filled = '';
  return {
    field,
    fill(entry) {
      filled = read(entry);
      field.input.value = filled;
      field.input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    changed: () => field.input.value.trim() !== filled.trim(),
    value: () => field.value() ?? empty,
    typed: () => field.input.value.trim() || '—',
  };
}

function selectPatch(field: Field & { select: HTMLSelectElement }, read: (entry: Entry) => string): PatchField {
  let filled = '';
  return {
    field,
    fill(entry) {
      filled = read(entry);
      field.select.value = filled;
    },
    changed: () => field.select.value !== filled,
    value: () => field.select.value,
    typed: () => field.select.selectedOptions[0]?.textContent ?? '',
  };
}

function datePatch(field: DateField, read: (entry: Entry) => string | undefined): PatchField {
  const selects = () => [...field.element.querySelectorAll('select')];
  const state = () =>
    selects()
      .map((s) => s.value)
      .join('-');
  let filled = '';
  return {
    field,
    fill(entry) {
      const moment = read(entry);
      const [day, month, year] = selects();
      if (moment && day && month && year) {
        const date = isoToJalali(tehranIsoDate(new Date(moment)));
        year.value = String(date.year);
        month.value = String(date.month);
        day.value = String(date.day);
      } else for (const s of selects()) s.value = '';
      for (const s of selects()) s.dispatchEvent(new Event('change'));
      filled = state();
    },
    changed: () => state() !== filled,
    value: () => field.value(),
    typed: () => {
      const v = field.value();
      return v && v !== 'invalid' ? faDate(v) : '—';
    },
  };
}

/** The correction form of a donation or distribution: the fields its patch schema takes that an operator corrects. */
function correctionForm(context: EditContext, cancel: () => void): Editor {
  const entry = context.current();
  const fields: PatchField[] = [];
  if (entry.type === 'donation') {
    const label = entry.record.kind === 'cash' ? 'مبلغ (تومان)' : 'ارزش تخمینی اقلام (تومان)';
    fields.push(
      inputPatch(amountField({ name: 'amountToman', label, required: true }), (e) => (e.type === 'donation' ? faNumber(toman(e.record.amountToman)) : ''), ''),
      inputPatch(textField({ name: 'channel', label: 'محل دریافت', required: true }), (e) => (e.type === 'donation' ? e.record.channel : ''), ''),
      datePatch(dateField({ name: 'receivedAt', label: 'تاریخ دریافت', kind: 'moment' }), (e) => (e.type === 'donation' ? e.record.receivedAt : undefined)),
    );
  } else {
    const kind = selectField({
      name: 'kind',
      label: 'نوع بسته',
      required: true,
      options: DISTRIBUTION_KINDS.map((k) => ({ value: k, label: DISTRIBUTION_KIND_LABELS[k] })),
    });
    fields.push(
      selectPatch(kind, (e) => (e.type === 'distribution' ? e.record.kind : '')),
      inputPatch(
        countField({ name: 'packages', label: 'تعداد بسته', hint: 'خالی: تعداد نامعلوم' }),
        (e) => (e.type === 'distribution' && e.record.packages !== undefined ? faNumber(e.record.packages).replace(/٬/g, '') : ''),
        null,
      ),
      inputPatch(
        countField({ name: 'households', label: 'تعداد خانوار', required: true }),
        (e) => (e.type === 'distribution' ? faNumber(e.record.households).replace(/٬/g, '') : ''),
        '',
      ),
      inputPatch(
        amountField({ name: 'valueToman', label: 'ارزش کل (تومان)' }),
        (e) => (e.type === 'distribution' ? faNumber(toman(e.record.valueToman)) : ''),
        '0',
      ),
      inputPatch(textField({ name: 'phase', label: 'مرحله', hint: 'خالی: بی‌مرحله' }), (e) => (e.type === 'distribution' ? (e.record.phase ?? '') : ''), null),
      datePatch(dateField({ name: 'distributedAt', label: 'تاریخ توزیع', kind: 'moment' }), (e) =>
        e.type === 'distribution' ? e.record.distributedAt : undefined,
      ),
    );
  }
  for (const f of fields) f.fill(entry);
  const schema: z.ZodType = entry.type === 'donation' ? donationPatch : distributionPatch;
  const submit = h('button', { type: 'submit' }, 'ثبت اصلاح');
  const form = editorForm(
    { class: 'record-form correction', 'aria-label': 'اصلاح این ثبت', 'data-testid': 'correction-form' },
    submit,
    cancel,
    fields.map((f) => f.field.element),
  );
  let busy = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    void (async () => {
      context.clear();
      for (const f of fields) f.field.setError(undefined);
      const changed = fields.filter((f) => f.changed());
      if (changed.length === 0) return context.fail(h('p', {}, 'چیزی تغییر نکرده است؛ مقدار تازه را بنویسید و دوباره بفرستید.'));
      const body = Object.fromEntries(changed.map((f) => [f.field.name, f.value()]));
      const problems = check(schema, body);
      if (problems.length) return showFieldErrors(problems, fields, context);
      const base = context.current();
      busy = true;
      submit.disabled = true;
      try {
        const result = await changeJson<DonationRecord | DistributionRecord>('PATCH', `${PATHS[base.type]}/${encodeURIComponent(base.record.id)}`, body, {
          token: context.session.token,
          version: base.record.version,
        });
        await settle(result, base, context, {
          ok: (next) => context.accept(next, h('div', {}, h('p', {}, 'اصلاح ثبت شد؛ آمار پس از چند ثانیه به‌روز می‌شود.'), receiptNumber(next.record.id))),
          typed: () => new Map(changed.map((f) => [f.field.name, f.typed()])),
          fields,
        });
      } finally {
        busy = false;
        submit.disabled = false;
      }
    })();
  });

  return {
    form,
    focus: () => fields[0]?.field.focusTarget.focus(),
    onConflict(current) {
      // What the reader did not touch shows the current value; what they changed stays as they typed it.
      for (const f of fields) if (!f.changed()) f.fill(current);
    },
  };
}

/** Voiding: a reason, then «باطل شود». */
function voidForm(context: EditContext, cancel: () => void): Editor {
  const reason = textField({ name: 'reason', label: 'دلیل باطل‌کردن', required: true, hint: 'مثلاً ثبت تکراری، پویش یا استان اشتباه، ثبت آزمایشی' });
  const submit = h('button', { type: 'submit', class: 'danger' }, 'باطل شود');
  const form = editorForm({ class: 'record-form void-form', 'aria-label': 'باطل‌کردن این ثبت', 'data-testid': 'void-form' }, submit, cancel, [
    h('p', { class: 'hint' }, 'ثبتِ باطل‌شده می‌ماند و خوانده می‌شود، اما از همهٔ آمارها کنار می‌رود؛ این کار بازگشت ندارد.'),
    reason.element,
  ]);
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    void (async () => {
      context.clear();
      reason.setError(undefined);
      const body = { reason: reason.value() ?? '' };
      const problems = check(voidInput, body);
      if (problems.length) return showFieldErrors(problems, [{ field: reason }], context);
      const base = context.current();
      busy = true;
      submit.disabled = true;
      try {
        const result = await changeJson<DonationRecord | DistributionRecord>('POST', `${PATHS[base.type]}/${encodeURIComponent(base.record.id)}/void`, body, {
          token: context.session.token,
          version: base.record.version,
        });
        await settle(result, base, context, {
          ok: (next) => context.accept(next, h('p', {}, 'این ثبت باطل شد و از آمار کنار می‌رود.')),
          typed: () => new Map(),
          fields: [{ field: reason }],
        });
      } finally {
        busy = false;
        submit.disabled = false;
      }
    })();
  });
  return { form, focus: () => reason.input.focus(), onConflict: () => {} };
}

/** The schema's mistakes in the body (Persian messages, by field). */
function check(schema: z.ZodType, body: Record<string, unknown>): FieldError[] {
  try {
    parseInput(schema, body, 'fa');
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => ({ field: p.field, message: p.message }));
  }
}

function showFieldErrors(problems: readonly FieldError[], fields: readonly { field: Field }[], context: EditContext): void {
  const unplaced: string[] = [];
  let first: Field | undefined;
  for (const problem of problems) {
    const match = fields.find((f) => problem.field === f.field.name || problem.field.startsWith(`${f.field.name}.`));
    if (!match) unplaced.push(problem.message);
    else {
      match.field.setError(problem.message);
      first ??= match.field;
    }
  }
  context.fail(
    h('p', {}, 'فرم خطا دارد؛ پیام هر خطا کنار فیلد آن آمده است.'),
    unplaced.length
      ? h(
          'ul',
          {},
          unplaced.map((m) => h('li', {}, m)),
        )
      : '',
  );
  first?.focusTarget.focus();
}

/** What the API answered to a correction or a void. */
async function settle(
  result: WriteResult<DonationRecord | DistributionRecord>,
  base: Entry,
  context: EditContext,
  on: { ok(next: Entry): void; typed(): Map<string, string>; fields: readonly { field: Field }[] },
): Promise<void> {
  if (result.ok) return on.ok({ type: base.type, record: result.body } as Entry);
  const { problem } = result;
  if (problem.status === 412 || problem.status === 409) {
    // Changed (412) or voided (409) in between: read it as it is now.
    try {
      const record = await getJson<DonationRecord | DistributionRecord>(`${PATHS[base.type]}/${encodeURIComponent(base.record.id)}`, context.session.token);
      if (problem.status === 412 || record.voidedAt !== undefined) return context.conflict({ type: base.type, record } as Entry, on.typed());
    } catch {
      return context.fail(
        h('p', {}, h('strong', {}, `${CONFLICT_MESSAGE}.`), ' خواندن مقدارهای کنونی ممکن نشد؛ آنچه نوشته‌اید در فرم مانده است. چند لحظه بعد دوباره بفرستید.'),
      );
    }
  }
  if (problem.status === 422 && problem.errors?.length) return showFieldErrors(problem.errors, on.fields, context);
  context.fail(h('p', {}, problemMessage(problem)));
}

function problemMessage(problem: Problem): string {
  if (problem.status === 0) return 'ارتباط با سرور برقرار نشد؛ آنچه نوشته‌اید در فرم مانده است. دوباره بفرستید.';
  if (problem.status === 401) return 'نشست شما پایان یافته است؛ دوباره وارد شوید.';
  if (problem.status >= 500 || problem.status === 429) return 'سرور اکنون پاسخ نمی‌دهد؛ آنچه نوشته‌اید در فرم مانده است. چند لحظه بعد دوباره بفرستید.';
  if (problem.status === 403) return problem.detail ?? 'شما اجازهٔ این کار را در این استان ندارید.';
  return problem.detail ?? 'درخواست پذیرفته نشد؛ فرم را بازبینی کنید و دوباره بفرستید.';
}

/** A correction's or a void's form: its fields, then «send» and «انصراف»; Escape cancels too. */
function editorForm(attrs: Record<string, string>, submit: HTMLButtonElement, cancel: () => void, children: HTMLElement[]): HTMLFormElement {
  const form = h(
    'form',
    { ...attrs, novalidate: true },
    children,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'انصراف')),
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel();
  });
  return form;
}
