import { describe, expect, it } from 'vitest';
import { type ApiRoute, matchRoute } from '../../../infra/local/route-match.js';
import { routes } from '../../../infra/routes.js';

const route = (method: ApiRoute['method'], path: string): ApiRoute => ({
  method,
  path,
  function: `${method} ${path}`,
  auth: 'public',
});

// The precedence example of AWS's "Working with routes for HTTP APIs".
const table = [
  route('GET', '/pets/{proxy+}'),
  route('GET', '/pets/dog/{id}'),
  route('GET', '/pets/dog/1'),
  route('POST', '/complaints'),
  route('GET', '/complaints/{reference}/letters/{letter}'),
];

describe('route selection', () => {
  it.each([
    ['/pets/dog/1', 'GET /pets/dog/1', {}],
    ['/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['/pets/cat/1', 'GET /pets/{proxy+}', { proxy: 'cat/1' }],
    ['/pets/dog', 'GET /pets/{proxy+}', { proxy: 'dog' }],
  ])('sends GET %s to %s', (path, routeKey, pathParameters) => {
    const match = matchRoute(table, 'GET', path);

    expect(match?.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it('names every variable of a route', () => {
    const match = matchRoute(
      table,
      'GET',
      '/complaints/HC-2026-0001/letters/ack-1',
    );

    expect(match?.pathParameters).toEqual({
      reference: 'HC-2026-0001',
      letter: 'ack-1',
    });
  });

  it.each([
    ['GET', '/complaints'],
    ['POST', '/complaints/extra'],
    ['POST', '/complaint'],
    ['GET', '/pets'],
    ['GET', '/complaints//letters/x'],
  ])('finds no route for %s %s', (method, path) => {
    expect(matchRoute(table, method, path)).toBeUndefined();
  });

  it('serves the route table by default', () => {
    expect(matchRoute(routes, 'POST', '/complaints')?.route.function).toBe(
      'intake',
    );
  });
});
