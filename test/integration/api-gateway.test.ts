import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  payloadLimitBytes,
  type RunningApiGateway,
  startApiGateway,
} from '../../infra/local/api-gateway.js';
import { LocalLambdas } from '../../infra/local/lambda-runtime.js';
import type { ApiRoute } from '../../infra/local/route-match.js';

const root = fileURLToPath(new URL('../fixtures/lambda-root', import.meta.url));

const routes: ApiRoute[] = [
  { method: 'GET', path: '/things/{id}', function: 'echo', auth: 'public' },
  { method: 'POST', path: '/things', function: 'echo', auth: 'public' },
  { method: 'GET', path: '/files/{proxy+}', function: 'echo', auth: 'public' },
  { method: 'GET', path: '/staff/things', function: 'echo', auth: 'staff' },
  { method: 'GET', path: '/results', function: 'results', auth: 'public' },
  { method: 'POST', path: '/broken', function: 'fail', auth: 'public' },
];

/** A stand-in token check: one good token, one officer. */
async function authorize(request: { headers: Record<string, string> }) {
  return request.headers.authorization === 'Bearer good-token'
    ? { sub: 'officer-1', 'cognito:groups': ['complaints-officer'], exp: 1 }
    : undefined;
}

let api: RunningApiGateway;

beforeAll(async () => {
  api = await startApiGateway({
    port: 0,
    routes,
    lambdas: new LocalLambdas({ root }),
    authorize,
    integrationTimeoutMs: 100,
  });
});

afterAll(() => api.stop());

async function echoed(response: Response) {
  expect(response.status).toBe(200);
  return (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('the local API Gateway, in front of functions run by the local runtime', () => {
  it('passes path parameters, query, cookies and headers as API Gateway does', async () => {
    const response = await fetch(`${api.url}/things/HC-7?tag=a&tag=b&q=x%20y`, {
      headers: { cookie: 'a=1; b=2', 'x-hearth': 'yes' },
    });

    const event = await echoed(response);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /things/{id}',
      rawPath: '/things/HC-7',
      rawQueryString: 'tag=a&tag=b&q=x%20y',
      pathParameters: { id: 'HC-7' },
      queryStringParameters: { tag: 'a,b', q: 'x y' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        routeKey: 'GET /things/{id}',
        stage: '$default',
        http: { method: 'GET', path: '/things/HC-7', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.headers).toMatchObject({
      'x-hearth': 'yes',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-port': String(api.port),
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(response.headers.get('apigw-requestid')).toBe(
      event.requestContext.requestId,
    );
  });

  it('gives a greedy path variable the rest of the path', async () => {
    const event = await echoed(await fetch(`${api.url}/files/2026/11/a.pdf`));

    expect(event.pathParameters).toEqual({ proxy: '2026/11/a.pdf' });
  });

  it('passes a JSON body as text', async () => {
    const event = await echoed(
      await fetch(`${api.url}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"summary":"Damp in the bedroom"}',
      }),
    );

    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('{"summary":"Damp in the bedroom"}');
  });

  it('passes an octet-stream body base64-encoded, byte for byte', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x0a]);

    const event = await echoed(
      await fetch(`${api.url}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      }),
    );

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('answers 404 Not Found for a path or method no route has', async () => {
    const unknownPath = await fetch(`${api.url}/nowhere`);
    const wrongMethod = await fetch(`${api.url}/things`);

    for (const response of [unknownPath, wrongMethod]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('refuses a staff route without a good token with 401, as the JWT authorizer does', async () => {
    const none = await fetch(`${api.url}/staff/things`);
    const bad = await fetch(`${api.url}/staff/things`, {
      headers: { authorization: 'Bearer forged' },
    });

    for (const response of [none, bad]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
  });

  it('hands a staff route the token claims as API Gateway renders them', async () => {
    const event = await echoed(
      await fetch(`${api.url}/staff/things`, {
        headers: { authorization: 'Bearer good-token' },
      }),
    );

    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: {
          sub: 'officer-1',
          'cognito:groups': '[complaints-officer]',
          exp: '1',
        },
        scopes: null,
      },
    });
  });

  it('answers 413 for a body over the 10 MB payload limit', async () => {
    const response = await fetch(`${api.url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(payloadLimitBytes + 1),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      message: 'Request Entity Too Large',
    });
  });

  it('answers 500 Internal Server Error when the function throws, and logs why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await fetch(`${api.url}/broken`, { method: 'POST' });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('POST /broken → fail threw'),
      expect.objectContaining({ message: expect.stringContaining('Fixture') }),
    );
    log.mockRestore();
  });

  it('writes a structured result back: status, headers and each cookie', async () => {
    const response = await fetch(`${api.url}/things/1`);

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual([
      'session=abc; Path=/; HttpOnly',
      'theme=dark',
    ]);
  });

  it('decodes a base64 result and keeps the function away from content-length', async () => {
    const binary = await fetch(`${api.url}/results?kind=binary`);
    const created = await fetch(`${api.url}/results?kind=created`);

    expect(binary.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/complaints/HC-1');
    expect(created.headers.get('content-length')).toBe('0');
  });

  it.each([
    ['object', '{"message":"Hello from Lambda!"}'],
    ['string', 'Hello from Lambda!'],
    ['nothing', 'null'],
    ['looks-structured', '{"headers":{"a":"b"},"body":"no status"}'],
  ])(
    'sends an unstructured %s result as 200 application/json',
    async (kind, body) => {
      const response = await fetch(`${api.url}/results?kind=${kind}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(body);
    },
  );

  it('drops multiValueHeaders, which payload 2.0 does not have, with a warning', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await fetch(`${api.url}/results?kind=multi-value`);

    expect(response.headers.get('x-single')).toBe('kept');
    expect(response.headers.get('x-multi')).toBeNull();
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('multiValueHeaders'),
    );
    log.mockRestore();
  });

  it('answers 500 for a malformed result', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await fetch(`${api.url}/results?kind=malformed`);

    expect(response.status).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('malformed'));
    log.mockRestore();
  });

  it('answers 503 when the function outlives the integration timeout', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await fetch(`${api.url}/results?kind=slow`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    log.mockRestore();
  });
});

describe('the local API Gateway with its defaults', () => {
  it('serves the route table and refuses every staff token until an issuer exists', async () => {
    const calls: string[] = [];
    const gateway = await startApiGateway({
      port: 0,
      lambdas: {
        invoke: async (name) => {
          calls.push(name);
          return { statusCode: 202 };
        },
      },
    });
    const staffOnly = await startApiGateway({
      port: 0,
      routes: [{ method: 'GET', path: '/queue', function: 'x', auth: 'staff' }],
      lambdas: { invoke: async () => ({ statusCode: 200 }) },
    });

    try {
      const posted = await fetch(`${gateway.url}/complaints`, {
        method: 'POST',
        body: '{}',
      });
      const staff = await fetch(`${staffOnly.url}/queue`, {
        headers: { authorization: 'Bearer anything' },
      });

      expect(posted.status).toBe(202);
      expect(calls).toEqual(['intake']);
      expect(staff.status).toBe(401);
    } finally {
      await gateway.stop();
      await staffOnly.stop();
    }
  });

  it('reports the port it was given and refuses one already taken', async () => {
    const first = await startApiGateway({
      port: 0,
      lambdas: { invoke: async () => null },
    });

    try {
      expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
      await expect(
        startApiGateway({
          port: first.port,
          lambdas: { invoke: async () => null },
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});
