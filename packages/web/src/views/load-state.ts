import { ReadError } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { faTime } from '../format/dates.ts';

/**
 * The four states of what a page reads, told apart where the figures are:
 * - `loading`: nothing has arrived yet — the figures stay hidden (never a row of zeros);
 * - `ready` or `empty`: the API answered (`empty` when it holds nothing yet: the page shows what
 *   to do instead of the figures);
 * - `error`: no answer yet and the last attempt failed — says so and that it asks again;
 * - `stale`: an earlier answer is shown, marked with its time, while fresh ones fail.
 * `data-state` on the status line carries the state for tests and styles.
 */
export type LoadStatus = 'loading' | 'ready' | 'empty' | 'error' | 'stale';

export interface LoadState {
  /** The status line and the empty panel: put it where the figures are, above them. */
  element: HTMLElement;
  /** The API answered; `empty` (optional) replaces the content with what to do. */
  loaded(empty?: Node): void;
  /** The last attempt failed; the poller asks again. */
  failed(error: unknown): void;
}

export function loadState(content: readonly HTMLElement[], what = 'آمار'): LoadState {
  const line = h('p', { class: 'load-state', 'data-testid': 'load-state', 'data-state': 'loading', role: 'status' });
  const emptySlot = h('div', { class: 'empty-state', 'data-testid': 'empty-state', hidden: true });
  const element = h('div', { class: 'load-area' }, line, emptySlot);
  let lastAnswer: Date | undefined;
  const set = (status: LoadStatus, ...children: (Node | string)[]) => {
    line.dataset.state = status;
    replaceChildren(line, ...children);
  };
  const showContent = (shown: boolean) => {
    for (const part of content) {
      part.hidden = !shown;
      part.classList.remove('stale');
    }
  };
  showContent(false);
  set('loading', h('span', { class: 'spinner', 'aria-hidden': 'true' }), `در حال دریافت ${what}…`);

  return {
    element,
    loaded(empty) {
      lastAnswer = new Date();
      if (empty) {
        showContent(false);
        replaceChildren(emptySlot, empty);
        emptySlot.hidden = false;
        set('empty', `به‌روز شده در ساعت ${faTime(lastAnswer)}`);
        return;
      }
      emptySlot.hidden = true;
      showContent(true);
      set('ready', `به‌روز شده در ساعت ${faTime(lastAnswer)}`);
    },
    failed(error) {
      const why = reasonOf(error);
      if (lastAnswer && line.dataset.state !== 'error') {
        for (const part of content) part.classList.add('stale');
        set('stale', h('strong', {}, `این ${what} مربوط به ساعت ${faTime(lastAnswer)} است. `), `${why} هر چند ثانیه دوباره تلاش می‌شود.`);
        return;
      }
      showContent(false);
      emptySlot.hidden = true;
      set('error', h('strong', {}, `دریافت ${what} ممکن نشد. `), `${why} هر چند ثانیه دوباره تلاش می‌شود.`);
    },
  };
}

/** Why a read failed, as a reader can act on it. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof ReadError)) return 'پاسخ سرور خوانا نبود.';
  if (error.status === 0) return 'سرور پاسخ نداد (اتصال اینترنت یا سرور در دسترس نیست).';
  if (error.detail) return `${error.detail}.`.replace(/\.\.$/, '.');
  if (error.status >= 500) return 'سرور با خطا پاسخ داد.';
  if (error.status === 404) return 'این مورد در سرور پیدا نشد.';
  return `سرور درخواست را نپذیرفت (کد ${new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(error.status)}).`;
}
