import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningApiGateway,
  startApiGateway,
} from '../../infra/local/api-gateway.js';
import type { ApiRoute } from '../../infra/local/route-match.js';
import { assetsCacheControl, buildAssets } from '../../infra/web-assets.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The API Gateway stand-in as the pages meet it: `/assets/*` answered as
 * CloudFront answers it from the assets bucket, and the page functions'
 * cookies and redirects carried as an HTTP API carries them.
 */
const routes: ApiRoute[] = [
  { method: 'GET', path: '/assets/{proxy+}', function: 'page', auth: 'public' },
  {
    method: 'GET',
    path: '/console/{proxy+}',
    function: 'page',
    auth: 'session',
  },
  {
    method: 'POST',
    path: '/console/{proxy+}',
    function: 'page',
    auth: 'session',
  },
];

let work: string;
let assetsDir: string;
let api: RunningApiGateway;
const events: APIGatewayProxyEventV2[] = [];

/** A page function: redirects and cookies by path, and keeps each event. */
async function page(event: APIGatewayProxyEventV2) {
  events.push(event);
  switch (event.rawPath) {
    case '/console/callback':
      return {
        statusCode: 302,
        headers: { location: '/console', 'cache-control': 'no-store' },
        cookies: [
          'hearth-session=abc.def.ghi; Path=/console; HttpOnly; Secure; SameSite=Lax',
          'hearth-sign-in=; Path=/console; Max-Age=0',
        ],
      };
    case '/console/sign-out':
      return { statusCode: 303, headers: { location: 'http://auth/logout' } };
    default:
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/html' },
        body: 'page',
      };
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'hearth-pages-'));
  assetsDir = path.join(work, 'assets');
  buildAssets(root, assetsDir);
  await writeFile(path.join(work, 'secret.txt'), 'not an asset');
  await mkdir(path.join(assetsDir, 'sub'));
  await symlink(
    path.join(work, 'secret.txt'),
    path.join(assetsDir, 'sub', 'link.txt'),
  );
  api = await startApiGateway({
    port: 0,
    routes,
    lambdas: {
      invoke: async (_name, event) => page(event as APIGatewayProxyEventV2),
    },
    assets: { dir: assetsDir },
  });
});

afterAll(async () => {
  await api?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A request sent exactly as written: fetch would tidy `..` away. */
function raw(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(api.url);
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: target, method: 'GET' },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the assets, as CloudFront serves them from the bucket', () => {
  it.each([
    ['hearth.css', 'text/css; charset=utf-8'],
    ['govuk-frontend.min.js', 'text/javascript; charset=utf-8'],
    ['init.mjs', 'text/javascript; charset=utf-8'],
    ['images/favicon.svg', 'image/svg+xml'],
    ['images/govuk-icon-180.png', 'image/png'],
    ['images/favicon.ico', 'image/x-icon'],
    ['manifest.json', 'application/json'],
  ])('serves /assets/%s as %s, cacheable', async (file, type) => {
    const response = await fetch(`${api.url}/assets/${file}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(assetsCacheControl);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('answers a matching If-None-Match with 304, and HEAD without a body', async () => {
    const first = await fetch(`${api.url}/assets/hearth.css`);
    const etag = first.headers.get('etag') ?? '';
    const css = Buffer.from(await first.arrayBuffer());

    const again = await fetch(`${api.url}/assets/hearth.css`, {
      headers: { 'if-none-match': etag },
    });
    const head = await fetch(`${api.url}/assets/hearth.css`, {
      method: 'HEAD',
    });

    expect(css.toString('utf8')).toContain('govuk-');
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(css.length));
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a missing file or a folder, before any route', async () => {
    for (const target of [
      '/assets/nope.css',
      '/assets/images',
      '/assets/images/',
      '/assets/',
    ]) {
      const response = await fetch(`${api.url}${target}`);

      expect(response.status, target).toBe(404);
    }
    expect(events).toHaveLength(0);
  });

  it('never serves a file outside the folder, however the path is spelled', async () => {
    for (const target of [
      '/assets/../secret.txt',
      '/assets/../../package.json',
      '/assets/%2e%2e/secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/..%5csecret.txt',
      '/assets/images/..%2f..%2fsecret.txt',
      '/assets/%2fetc%2fpasswd',
      '/assets/hearth.css%00.png',
      '/assets/sub/link.txt',
      '/assets/%E0%A4%A',
    ]) {
      const response = await raw(target);

      expect(response.status, target).toBe(404);
      expect(response.body, target).not.toContain('not an asset');
    }
  });
});

describe('what the page functions get and give', () => {
  it('passes the browser’s cookies in the event’s cookies', async () => {
    events.length = 0;

    await fetch(`${api.url}/console/queue`, {
      headers: { cookie: 'hearth-session=abc.def.ghi; hearth-csrf=xyz' },
    });

    expect(events[0]?.cookies).toEqual([
      'hearth-session=abc.def.ghi',
      'hearth-csrf=xyz',
    ]);
    expect(events[0]?.headers).not.toHaveProperty('cookie');
    expect(events[0]?.routeKey).toBe('GET /console/{proxy+}');
  });

  it('sends each of a result’s cookies as its own Set-Cookie, with a 302’s location', async () => {
    const response = await fetch(`${api.url}/console/callback?code=x&state=y`, {
      redirect: 'manual',
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console');
    expect(response.headers.getSetCookie()).toEqual([
      'hearth-session=abc.def.ghi; Path=/console; HttpOnly; Secure; SameSite=Lax',
      'hearth-sign-in=; Path=/console; Max-Age=0',
    ]);
  });

  it('carries a 303 See Other after a post', async () => {
    const response = await fetch(`${api.url}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://auth/logout');
  });

  it('leaves other methods on /assets to the routes', async () => {
    const response = await fetch(`${api.url}/assets/hearth.css`, {
      method: 'POST',
    });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });
});
