import { dashboard } from './views/dashboard.ts';
import { formPage } from './views/form-page.ts';
import { provincePage } from './views/province-page.ts';
import { signInPage } from './views/sign-in.ts';
import type { View } from './views/view.ts';

/**
 * Hash routes (`#/province/IR-13`, `#/forms/donation`), so no page path can collide with an
 * API path such as `/provinces` on the same origin, and any static host can serve the site.
 */
export function route(hash: string): View {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'province' && parts[1]) return provincePage(decodeURIComponent(parts[1]));
  if (parts[0] === 'forms' && parts[1]) return formPage(parts[1]);
  if (parts[0] === 'sign-in') return signInPage(new URLSearchParams(query).get('next') ?? '#/');
  return dashboard;
}

/** Only `#/…` hashes are routes; `#main` (the skip link) and the like are not. */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}
