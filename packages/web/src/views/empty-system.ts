import { currentSession } from '../auth/session.ts';
import { h } from '../dom.ts';
import type { FiguresJson } from '../types.ts';

/** Nothing counted yet: no project, donation or distribution anywhere in the scope. */
export function isEmptyFigures(figures: FiguresJson): boolean {
  return figures.projects.total === 0 && figures.donations.count === 0 && figures.distributions.count === 0 && Object.keys(figures.outputs).length === 0;
}

/** What an empty Abad shows where the figures would be: that nothing is recorded yet, and the two ways on. */
export function emptySystem(): HTMLElement {
  const signedIn = currentSession() !== undefined;
  return h(
    'div',
    { class: 'empty-panel', 'data-testid': 'empty-system' },
    h('h2', {}, 'هنوز چیزی ثبت نشده است'),
    h('p', {}, 'آمار این صفحه از پروژه‌ها، کمک‌ها و توزیع‌هایی ساخته می‌شود که دفترهای استانی ثبت می‌کنند؛ تا کنون هیچ‌کدام ثبت نشده است.'),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        signedIn
          ? h('a', { href: '#/forms/project' }, 'نخستین پروژه را ثبت کنید')
          : h('a', { href: `#/sign-in?next=${encodeURIComponent('#/forms/project')}` }, 'وارد شوید و نخستین پروژه یا کمک را ثبت کنید'),
        '.',
      ),
      h(
        'li',
        {},
        'برای دیدن آباد با داده‌های نمونه، آن را با ',
        h('code', { dir: 'ltr', lang: 'en' }, 'npm run demo'),
        ' اجرا کنید (داده‌های نمونه در پوشهٔ جداگانه‌ای می‌مانند).',
      ),
    ),
  );
}
