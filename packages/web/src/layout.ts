import { can } from '@abad/core/auth/principal';
import { allowedProvinces, currentSession, ROLE_NAMES, signOut } from './auth/session.ts';
import { returningHere } from './auth/return-to.ts';
import { h, replaceChildren } from './dom.ts';
import { FORMS } from './forms/registry.ts';

/**
 * The header: the site's name, the dashboard, the forms the signed-in role may use (an
 * operator sees no project forms), and who is signed in. Redrawn on sign-in, sign-out and
 * navigation (for `aria-current`).
 */
export function renderHeader(header: HTMLElement, currentHash: string): void {
  const session = currentSession();
  const link = (href: string, text: string) => h('a', { href, 'aria-current': currentHash === href ? 'page' : undefined }, text);
  const forms = session ? FORMS.filter((f) => can(session.principal, f.action)) : [];
  const who = session
    ? h(
        'p',
        { class: 'who', 'data-testid': 'who' },
        `${ROLE_NAMES[session.principal.role]} · ${
          session.principal.provinces === '*'
            ? 'همهٔ استان‌ها'
            : allowedProvinces(session.principal)
                .map((p) => p.fa)
                .join('، ')
        }`,
        h('button', { type: 'button', onclick: signOutAndLeave }, 'خروج'),
      )
    : h('p', { class: 'who' }, returningHere(link('#/sign-in', 'ورود کارکنان')));
  replaceChildren(
    header,
    h('a', { class: 'brand', href: '#/' }, 'آباد'),
    h(
      'nav',
      { 'aria-label': 'پیوندهای اصلی' },
      h(
        'ul',
        {},
        h('li', {}, link('#/', 'آمار استان‌ها')),
        h('li', {}, link('#/projects', 'فهرست پروژه‌ها')),
        h('li', {}, link('#/drives', 'پویش‌ها')),
        h('li', {}, link('#/programmes', 'برنامه‌ها')),
        session && can(session.principal, 'donation:write') ? h('li', {}, link('#/records', 'ثبت‌های من')) : null,
        forms.map((f) => h('li', {}, link(`#/forms/${f.slug}`, f.title))),
      ),
    ),
    who,
  );
}

function signOutAndLeave(): void {
  signOut();
  if (location.hash.startsWith('#/forms/') || location.hash.startsWith('#/records')) location.hash = '#/';
}
