/**
 * API Gateway's route selection for HTTP APIs: a method plus a path template whose
 * segments are literals, `{name}` (one segment) or a final `{name+}` (the rest). When several
 * routes match, the most specific wins: literals before parameters before a greedy tail.
 */
interface Template<R> {
  route: R;
  segments: { kind: 0 | 1 | 2; text: string }[]; // 0 literal, 1 {param}, 2 {greedy+}
}

export interface RouteMatch<R> {
  route: R;
  pathParameters: Record<string, string>;
}

export type Router<R> = (method: string, segments: readonly string[]) => RouteMatch<R> | undefined;

export function createRouter<R extends { method: string; path: string }>(routes: readonly R[]): Router<R> {
  const templates = routes.map(
    (route): Template<R> => ({
      route,
      segments: route.path
        .split('/')
        .slice(1)
        .map((text) => {
          const param = /^\{([\w-]+)(\+?)\}$/.exec(text);
          if (!param) return { kind: 0, text };
          return { kind: param[2] ? 2 : 1, text: param[1]! };
        }),
    }),
  );

  return (method, segments) => {
    let best: { template: Template<R>; params: Record<string, string> } | undefined;
    for (const template of templates) {
      if (template.route.method !== method) continue;
      const params = matchSegments(template, segments);
      if (params && (!best || moreSpecific(template, best.template))) best = { template, params };
    }
    return best && { route: best.template.route, pathParameters: best.params };
  };
}

/** `segments` are the request path split on `/` (without the leading empty one), decoded. */
function matchSegments<R>(template: Template<R>, segments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, part] of template.segments.entries()) {
    if (part.kind === 2) {
      const rest = segments.slice(i).join('/');
      if (rest === '') return undefined;
      params[part.text] = rest;
      return params;
    }
    const value = segments[i];
    if (value === undefined) return undefined;
    if (part.kind === 0 ? value !== part.text : value === '') return undefined;
    if (part.kind === 1) params[part.text] = value;
  }
  return segments.length === template.segments.length ? params : undefined;
}

function moreSpecific<R>(a: Template<R>, b: Template<R>): boolean {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const ka = a.segments[i]?.kind ?? 3;
    const kb = b.segments[i]?.kind ?? 3;
    if (ka !== kb) return ka < kb;
  }
  return false;
}
