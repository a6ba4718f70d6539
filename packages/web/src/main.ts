import './fonts.css';
import './styles.css';
import { completeHostedSignIn } from './auth/hosted-sign-in.ts';
import { onSessionChange } from './auth/session.ts';
import { renderHeader } from './layout.ts';
import { isRouteHash, isShown, markShown, route } from './router.ts';

/** Abad's pages: the Persian dashboard and the field forms. */
const header = document.getElementById('site-header')!;
const main = document.getElementById('main')!;
let leave: (() => void) | void;
let firstView = true;

function show(): void {
  const hash = location.hash || '#/';
  if (!isRouteHash(hash) || isShown(hash)) return;
  markShown(hash);
  leave?.();
  main.replaceChildren();
  renderHeader(header, hash.split('?')[0]!);
  leave = route(hash)(main);
  // Moving focus to the new page's heading tells keyboard and screen reader users where they are.
  if (!firstView) document.getElementById('page-title')?.focus();
  firstView = false;
  const title = document.getElementById('page-title')?.textContent;
  document.title = title ? `${title} — آباد` : 'آباد';
}

completeHostedSignIn();
window.addEventListener('hashchange', show);
onSessionChange(() => renderHeader(header, (location.hash || '#/').split('?')[0]!));
document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
show();
