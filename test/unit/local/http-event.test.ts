import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ArrivedRequest,
  apiGatewayTime,
  cookiesOf,
  eventHeaders,
  httpApiEvent,
  isTextContentType,
  jwtAuthorizer,
  newRequestId,
  newTraceId,
  queryParameters,
  sourceIpOf,
  splitTarget,
} from '../../../infra/local/http-event.js';
import { matchRoute } from '../../../infra/local/route-match.js';

const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../../fixtures/api-gateway/staff-note.event.json',
      import.meta.url,
    ),
    'utf8',
  ),
);

const noteRoute = {
  method: 'POST',
  path: '/complaints/{reference}/notes',
  function: 'notes',
  auth: 'staff',
} as const;

/** The request the fixture's README describes, as Node hands it over. */
const noteRequest: ArrivedRequest = {
  method: 'POST',
  target: '/complaints/HC-2026-0007/notes?tag=damp&tag=urgent%20now&draft',
  rawHeaders: [
    'Host',
    '127.0.0.1:3000',
    'User-Agent',
    'Mozilla/5.0 (Hearth test)',
    'Content-Type',
    'application/json; charset=utf-8',
    'Accept',
    'application/json',
    'Authorization',
    'Bearer header.payload.signature',
    'Cookie',
    'hearth_session=abc123; theme=dark',
    'Cookie',
    'lang=en',
    'X-Custom',
    'one',
    'X-Custom',
    'two',
    'Connection',
    'keep-alive',
  ],
  body: Buffer.from('{"note":"Called the resident back"}'),
  httpVersion: '1.1',
  sourceIp: '127.0.0.1',
  localPort: 3000,
};

const received = new Date('2026-11-24T14:05:09.123Z');

function noteEvent(request: ArrivedRequest = noteRequest) {
  const match = matchRoute(
    [noteRoute],
    request.method,
    '/complaints/HC-2026-0007/notes',
  );
  if (match === undefined) throw new Error('no route');
  return httpApiEvent(request, {
    match,
    apiId: 'local',
    stage: '$default',
    requestId: 'Xq3TkhB1LPEEMvw=',
    traceId: 'Root=1-6b059995-0123456789abcdef01234567',
    received,
    claims: {
      sub: '5f1c2e9a-officer',
      'cognito:groups': ['complaints-officer', 'stage2-reviewer'],
      email_verified: true,
      exp: 1795532709,
      'custom:organisation': 'livv',
      middle_name: null,
    },
  });
}

/** Every field of AWS's documented payload 2.0 example event. */
const documentedFields = {
  event: [
    'version',
    'routeKey',
    'rawPath',
    'rawQueryString',
    'cookies',
    'headers',
    'queryStringParameters',
    'requestContext',
    'body',
    'pathParameters',
    'isBase64Encoded',
    'stageVariables',
  ],
  requestContext: [
    'accountId',
    'apiId',
    'authentication',
    'authorizer',
    'domainName',
    'domainPrefix',
    'http',
    'requestId',
    'routeKey',
    'stage',
    'time',
    'timeEpoch',
  ],
  http: ['method', 'path', 'protocol', 'sourceIp', 'userAgent'],
};

describe('the payload 2.0 event the local API Gateway builds', () => {
  it('is the event API Gateway sends for the same request, field for field', () => {
    const event = noteEvent();

    expect(event).toEqual(fixture);
  });

  it('uses only fields of the documented 2.0 event, and all it can for this API', () => {
    const event = noteEvent();

    expect(Object.keys(event).sort()).toEqual(
      documentedFields.event.filter((f) => f !== 'stageVariables').sort(),
    );
    expect(Object.keys(event.requestContext).sort()).toEqual(
      documentedFields.requestContext
        .filter((f) => f !== 'authentication')
        .sort(),
    );
    expect(Object.keys(event.requestContext.http).sort()).toEqual(
      documentedFields.http.sort(),
    );
  });

  it('omits cookies, query, path parameters and body when the request has none', () => {
    const match = matchRoute(
      [{ method: 'GET', path: '/health', function: 'x', auth: 'public' }],
      'GET',
      '/health',
    );
    if (match === undefined) throw new Error('no route');

    const event = httpApiEvent(
      {
        ...noteRequest,
        method: 'GET',
        target: '/health',
        rawHeaders: ['Host', 'localhost:3000'],
        body: Buffer.alloc(0),
      },
      {
        match,
        apiId: 'local',
        stage: '$default',
        requestId: 'r',
        traceId: 't',
        received,
      },
    );

    expect(Object.keys(event).sort()).toEqual([
      'headers',
      'isBase64Encoded',
      'rawPath',
      'rawQueryString',
      'requestContext',
      'routeKey',
      'version',
    ]);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['content-length']).toBe('0');
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.requestContext.domainPrefix).toBe('localhost');
  });

  it('base64-encodes a binary body and says so', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 255]);

    const event = noteEvent({
      ...noteRequest,
      rawHeaders: ['Content-Type', 'application/octet-stream'],
      body: bytes,
    });

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });
});

describe('which bodies an HTTP API passes as text', () => {
  it.each([
    'text/plain',
    'text/html; charset=utf-8',
    'application/json',
    'Application/JSON; charset=UTF-8',
    'application/xml',
    'application/javascript',
  ])('passes %s as UTF-8 text', (type) => {
    expect(isTextContentType(type)).toBe(true);
  });

  it.each([
    'application/octet-stream',
    'application/pdf',
    'image/png',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/problem+json',
    undefined,
  ])('base64-encodes %s', (type) => {
    expect(isTextContentType(type)).toBe(false);
  });
});

describe('headers, cookies and query in the event', () => {
  it('lower-cases names, joins repeats with commas and drops connection headers', () => {
    const headers = eventHeaders(
      {
        rawHeaders: [
          'Accept',
          'text/html',
          'ACCEPT',
          'application/json',
          'Connection',
          'close',
          'Transfer-Encoding',
          'chunked',
        ],
        body: Buffer.from('abc'),
        sourceIp: '10.0.0.9',
        localPort: 8080,
      },
      'Root=1-x-y',
    );

    expect(headers).toEqual({
      accept: 'text/html,application/json',
      'content-length': '3',
      'x-amzn-trace-id': 'Root=1-x-y',
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-port': '8080',
      'x-forwarded-proto': 'http',
    });
  });

  it('appends the client to an x-forwarded-for it already carries', () => {
    const headers = eventHeaders(
      {
        rawHeaders: ['X-Forwarded-For', '203.0.113.7'],
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
        localPort: 3000,
      },
      't',
    );

    expect(headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
  });

  it('splits every Cookie header into one entry per cookie', () => {
    expect(
      cookiesOf(['Cookie', 'a=1; b=2;', 'Accept', '*/*', 'cookie', ' c=3 ']),
    ).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('decodes query values, joins repeats with commas, and omits an empty query', () => {
    expect(queryParameters('a=1&a=2&b=x%2By+z&flag')).toEqual({
      a: '1,2',
      b: 'x+y z',
      flag: '',
    });
    expect(queryParameters('')).toBeUndefined();
  });

  it('reports the path percent-decoded and the query string raw', () => {
    expect(splitTarget('/complaints/HC%201/notes?q=a%20b')).toEqual({
      path: '/complaints/HC 1/notes',
      query: 'q=a%20b',
    });
    expect(splitTarget('/bad%E0%A4%A').path).toBe('/bad%E0%A4%A');
  });
});

describe('the JWT authorizer block', () => {
  it('renders every claim as a string the way API Gateway does', () => {
    const block = jwtAuthorizer({
      sub: 'u1',
      groups: ['a', 'b'],
      admin: false,
      iat: 1700000000,
      address: { locality: 'Leeds' },
      gone: null,
    });

    expect(block).toEqual({
      jwt: {
        claims: {
          sub: 'u1',
          groups: '[a b]',
          admin: 'false',
          iat: '1700000000',
          address: '{"locality":"Leeds"}',
        },
        scopes: null,
      },
    });
  });
});

describe('request identifiers and times', () => {
  it('writes the time as API Gateway does, in UTC', () => {
    expect(apiGatewayTime(new Date('2020-03-12T19:03:58.390Z'))).toBe(
      '12/Mar/2020:19:03:58 +0000',
    );
    expect(apiGatewayTime(new Date('2027-01-04T00:00:00.000+01:00'))).toBe(
      '03/Jan/2027:23:00:00 +0000',
    );
  });

  it('makes request and trace ids in AWS formats', () => {
    expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(newTraceId(received)).toMatch(/^Root=1-6b059995-[0-9a-f]{24}$/);
  });

  it('reports an IPv4 client without its IPv6 mapping', () => {
    expect(sourceIpOf('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(sourceIpOf('::1')).toBe('::1');
  });
});
