import { ROLES, type Role } from '@abad/core/auth/principal';
import { PROVINCES } from '@abad/core/places/provinces';
import { API_BASE } from '../config.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import { hostedSignInConfigured, hostedSignInControl } from '../auth/hosted-sign-in.ts';
import { ROLE_NAMES, currentSession, signIn, signOut } from '../auth/session.ts';
import type { View } from './view.ts';

/**
 * `#/sign-in`. In AWS: the identity provider's hosted sign-in (code flow with PKCE). Locally: the
 * development sign-in — pick a role and provinces and the local runtime's issuer signs a token
 * (`POST /dev/token`, served only by `npm start`, never by the deployed API).
 */
export function signInPage(next: string): View {
  return (main) => {
    main.append(h('h1', { id: 'page-title', tabindex: '-1' }, 'ورود'));
    const session = currentSession();
    if (session) {
      const out = h('button', { type: 'button', class: 'secondary' }, 'خروج');
      out.addEventListener('click', () => {
        signOut();
        location.hash = '#/';
      });
      main.append(h('p', {}, `شما با نقش «${ROLE_NAMES[session.principal.role]}» وارد شده‌اید.`), out);
      return;
    }
    if (hostedSignInConfigured) {
      main.append(hostedSignInControl(next));
      return;
    }
    main.append(devSignInForm(next));
  };
}

const ROLE_HELP: Record<Role, string> = {
  admin: 'همه‌چیز در استان‌های خود، از جمله پویش‌ها',
  editor: 'پروژه‌ها، گزارش پیشرفت، کمک‌ها و توزیع‌ها',
  operator: 'کمک‌ها و توزیع‌ها',
  viewer: 'فقط دیدن',
};

function devSignInForm(next: string): HTMLFormElement {
  const roleName = uid('role');
  const roles = ROLES.map((role, i) =>
    h(
      'label',
      { class: 'radio', for: `${roleName}-${i}` },
      h('input', { type: 'radio', id: `${roleName}-${i}`, name: roleName, value: role, checked: role === 'operator' }),
      ` ${ROLE_NAMES[role]} — ${ROLE_HELP[role]}`,
    ),
  );
  const allId = uid('all-provinces');
  const all = h('input', { type: 'checkbox', id: allId, name: 'all-provinces' });
  const boxes = PROVINCES.map((p) => {
    const id = uid('province');
    return {
      code: p.code,
      input: h('input', { type: 'checkbox', id, value: p.code }),
      label: (input: HTMLInputElement) => h('label', { for: id, class: 'check' }, input, ` ${p.fa}`),
    };
  });
  all.addEventListener('change', () => {
    for (const box of boxes) box.input.disabled = all.checked;
  });
  const status = h('div', { class: 'form-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const submit = h('button', { type: 'submit' }, 'ورود');
  const form = h(
    'form',
    { class: 'record-form', 'aria-labelledby': 'page-title' },
    h('p', { class: 'notice' }, 'ورود آزمایشی: فقط در اجرای محلی (npm start) هست. در نسخهٔ مستقر، ورود از راه سامانهٔ هویت سازمان است.'),
    h('fieldset', { class: 'group' }, h('legend', {}, 'نقش'), h('div', { class: 'radio-column' }, roles)),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'استان‌ها'),
      h('div', { class: 'field checkbox' }, h('label', { for: allId }, all, ' همهٔ استان‌ها')),
      h(
        'div',
        { class: 'check-grid' },
        boxes.map((b) => b.label(b.input)),
      ),
    ),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const role = (form.querySelector<HTMLInputElement>(`input[name="${roleName}"]:checked`)?.value ?? 'viewer') as Role;
      const provinces = all.checked ? '*' : boxes.filter((b) => b.input.checked).map((b) => b.code);
      if (provinces.length === 0) {
        replaceChildren(status, h('p', { class: 'error' }, 'دست‌کم یک استان را انتخاب کنید.'));
        status.focus();
        return;
      }
      submit.disabled = true;
      try {
        const response = await fetch(`${API_BASE}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role, provinces }),
        });
        const body = (await response.json().catch(() => ({}))) as { token?: string };
        if (!response.ok || !body.token || !signIn(body.token)) throw new Error(String(response.status));
        location.hash = next.startsWith('#/') ? next : '#/';
      } catch {
        replaceChildren(status, h('p', { class: 'error' }, 'ورود آزمایشی در دسترس نیست (فقط npm start آن را دارد).'));
        status.focus();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
