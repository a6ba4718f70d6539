/**
 * Signing in returns to the page the user came from: every link to `#/sign-in` carries
 * `next` = the page it was followed from (its hash, query included), and both sign-ins go
 * there afterwards (the development sign-in at once; the hosted one keeps it in this tab's
 * sessionStorage, with its `state`, across the trip to the identity provider).
 */
const SIGN_IN = '#/sign-in';

/** A page to return to: a route hash of this site other than the sign-in itself; anything else is the dashboard. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('#/') || next === SIGN_IN || next.startsWith(`${SIGN_IN}?`) || next.startsWith(`${SIGN_IN}/`)) return '#/';
  return next;
}

/** The address of the sign-in for a user now on `hash`. */
export function signInHref(hash: string = location.hash || '#/'): string {
  if (hash === SIGN_IN || hash.startsWith(`${SIGN_IN}?`)) return hash;
  const next = safeNext(hash);
  return next === '#/' ? SIGN_IN : `${SIGN_IN}?next=${encodeURIComponent(next)}`;
}

/**
 * Points a sign-in link at `signInHref()` for the page it is on, and again when it is followed
 * (a page may have changed its hash's query meanwhile, e.g. a sort order). Returns the link.
 */
export function returningHere<T extends HTMLAnchorElement>(link: T): T {
  link.href = signInHref();
  link.addEventListener('click', () => {
    link.href = signInHref();
  });
  return link;
}
