import { h } from '../dom.ts';
import type { View } from './view.ts';

/** Any address that is no page: says so, and where to go, instead of showing the dashboard. */
export const notFoundPage: View = (main) => {
  main.append(
    h('h1', { id: 'page-title', tabindex: '-1', 'data-testid': 'not-found' }, 'این صفحه پیدا نشد'),
    h('p', {}, 'نشانی‌ای که باز کرده‌اید به هیچ صفحه‌ای از آباد نمی‌رسد؛ شاید نشانی ناقص است یا صفحه جابه‌جا شده است.'),
    h('ul', {}, h('li', {}, h('a', { href: '#/' }, 'آمار استان‌ها')), h('li', {}, h('a', { href: '#/projects' }, 'فهرست پروژه‌ها'))),
  );
};
