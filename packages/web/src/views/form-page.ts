import { can } from '@abad/core/auth/principal';
import { currentSession } from '../auth/session.ts';
import { h } from '../dom.ts';
import { FORMS } from '../forms/registry.ts';
import type { View } from './view.ts';

/** `#/forms/<slug>`: the form, if the signed-in role may use it; otherwise why not. */
export function formPage(slug: string): View {
  return (main) => {
    const entry = FORMS.find((f) => f.slug === slug);
    if (!entry) {
      main.append(h('h1', { id: 'page-title', tabindex: '-1' }, 'صفحه پیدا نشد'), h('p', {}, h('a', { href: '#/' }, 'بازگشت به آمار استان‌ها')));
      return;
    }
    main.append(h('h1', { id: 'page-title', tabindex: '-1' }, entry.title));
    const session = currentSession();
    if (!session) {
      main.append(
        h('p', { class: 'notice' }, 'برای ثبت اطلاعات نخست ', h('a', { href: `#/sign-in?next=${encodeURIComponent(`#/forms/${slug}`)}` }, 'وارد شوید'), '.'),
      );
      return;
    }
    if (!can(session.principal, entry.action)) {
      main.append(h('p', { class: 'notice', 'data-testid': 'not-allowed' }, 'نقش شما اجازهٔ استفاده از این فرم را ندارد.'));
      return;
    }
    main.append(entry.build(session));
  };
}
