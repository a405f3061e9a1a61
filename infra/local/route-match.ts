/**
 * Route selection as an HTTP API does it: a route matches on method and on
 * every path segment, `{name}` takes one whole segment, a final
 * `{name+}` takes the rest (one segment or more), and when several routes
 * match, the most specific wins (a literal segment beats a variable, a
 * variable beats a greedy one), so `/pets/dog/1` beats `/pets/dog/{id}`
 * beats `/pets/{proxy+}`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
import type { Route } from '../routes.js';

/**
 * A route as the local API serves it. Any function name is allowed so tests
 * can route to fixture functions; `Route` from the route table fits.
 */
export type ApiRoute = Omit<Route, 'function'> & { readonly function: string };

export interface RouteMatch {
  readonly route: ApiRoute;
  /** `METHOD /path`, as API Gateway names the route in the event. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
}

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** A route's key as API Gateway writes it: `POST /complaints`. */
export function routeKey(route: Pick<ApiRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/**
 * Finds the route for a request, or undefined (API Gateway's 404).
 *
 * @param path the request path, already percent-decoded as HTTP APIs do
 */
export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const parts = splitPath(path);
  let best: { match: RouteMatch; rank: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const segments = parseRoutePath(route.path);
    const pathParameters = matchSegments(segments, parts);
    if (pathParameters === undefined) continue;
    const rank = segments.map(specificity);
    if (best === undefined || compareRank(rank, best.rank) > 0) {
      best = {
        match: { route, routeKey: routeKey(route), pathParameters },
        rank,
      };
    }
  }
  return best?.match;
}

function splitPath(path: string): string[] {
  return path.replace(/^\//, '').split('/');
}

function parseRoutePath(path: string): Segment[] {
  return splitPath(path).map((part): Segment => {
    const variable = /^\{([^{}+]+)(\+?)\}$/.exec(part);
    if (variable === null) return { kind: 'literal', value: part };
    const name = variable[1] ?? '';
    return variable[2] === '+'
      ? { kind: 'greedy', name }
      : { kind: 'variable', name };
  });
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index).join('/');
      if (index !== segments.length - 1 || rest === '') return undefined;
      parameters[segment.name] = rest;
      return parameters;
    }
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (segment.value !== part) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.name] = part;
    }
  }
  return segments.length === parts.length ? parameters : undefined;
}

function specificity(segment: Segment): number {
  return segment.kind === 'literal' ? 2 : segment.kind === 'variable' ? 1 : 0;
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
