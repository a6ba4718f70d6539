import { dashboard } from './views/dashboard.ts';
import { drivePage, drivesPage } from './views/drives-page.ts';
import { programmePage, programmesPage } from './views/programmes-page.ts';
import { recordsPage } from './views/records-page.ts';
import { formPage } from './views/form-page.ts';
import { notFoundPage } from './views/not-found.ts';
import { projectPage } from './views/project-page.ts';
import { projectsPage } from './views/projects-page.ts';
import { provincePage } from './views/province-page.ts';
import { reportPage } from './views/report-page.ts';
import { signInPage } from './views/sign-in.ts';
import type { View } from './views/view.ts';

/**
 * Hash routes (`#/province/IR-13`, `#/projects?province=IR-13`), so no page path can collide
 * with an API path such as `/provinces` on the same origin, and any static host can serve the
 * site. A page's state (filters, sort, the chosen figure) lives in the hash's query, so a link
 * shows the same view.
 */
export interface RouteMatch {
  /** The path's `{name}` segments, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  pattern: string;
  view: (match: RouteMatch) => View;
}

/** Every page, one line each: the pattern names its segments. */
const ROUTES: Route[] = [
  { pattern: '/', view: ({ query }) => dashboard(query) },
  { pattern: '/province/{code}', view: ({ params, query }) => provincePage(params.code!, query) },
  { pattern: '/projects', view: ({ query }) => projectsPage(query) },
  { pattern: '/project/{id}', view: ({ params }) => projectPage(params.id!) },
  { pattern: '/report/{code}', view: ({ params, query }) => reportPage(params.code!, query) },
  { pattern: '/forms/{slug}', view: ({ params }) => formPage(params.slug!) },
  { pattern: '/sign-in', view: ({ query }) => signInPage(query.get('next') ?? '#/') },
  { pattern: '/drives', view: () => drivesPage() },
  { pattern: '/drive/{id}', view: ({ params, query }) => drivePage(params.id!, query) },
  { pattern: '/programmes', view: () => programmesPage() },
  { pattern: '/programme/{name}', view: ({ params }) => programmePage(params.name!) },
  { pattern: '/records', view: () => recordsPage() },
];

export function route(hash: string): View {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  for (const candidate of ROUTES) {
    const params = matchPattern(candidate.pattern, parts);
    if (params) return candidate.view({ params, query: new URLSearchParams(query) });
  }
  return notFoundPage;
}

function matchPattern(pattern: string, parts: string[]): Record<string, string> | undefined {
  const segments = pattern.split('/').filter(Boolean);
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name) {
      try {
        params[name] = decodeURIComponent(parts[i]!);
      } catch {
        return undefined;
      }
    } else if (segment !== parts[i]) return undefined;
  }
  return params;
}

/** Only `#/…` hashes are routes; `#main` (the skip link) and the like are not. */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

/** The address of the page on screen, as its view last wrote it: a link to another address (even the same page without the query) draws anew. */
let shown: string | undefined;

/** Whether `hash` is the page on screen already (a view's own `replaceQuery` fires no hashchange). */
export function isShown(hash: string): boolean {
  return hash === shown;
}

export function markShown(hash: string): void {
  shown = hash;
}

/** The current page's hash with its query replaced: how a view writes its state into the address without a new history entry. */
export function replaceQuery(query: URLSearchParams): void {
  const path = (location.hash || '#/').split('?')[0]!;
  const text = query.toString();
  const hash = `${path}${text ? `?${text}` : ''}`;
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  markShown(hash);
}
