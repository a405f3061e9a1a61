import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  apiEventSchema,
  jsonString,
} from '../../../../functions/shared/contracts/api-event.schema.js';
import { dottedPath } from '../../../../functions/shared/logger.js';

const event = {
  version: '2.0',
  routeKey: 'POST /complaints',
  rawPath: '/complaints',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'localhost',
    http: {
      method: 'POST',
      path: '/complaints',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'test',
    },
    requestId: 'r-1',
    routeKey: 'POST /complaints',
    stage: '$default',
    time: '25/Nov/2026:09:00:00 +0000',
    timeEpoch: 1_795_597_200_000,
  },
  body: '{"name":"Ana"}',
  isBase64Encoded: false,
};

const withBody = apiEventSchema.extend({
  body: jsonString(z.strictObject({ name: z.string().min(1) })),
});

describe('the API Gateway event contract', () => {
  it('parses the JSON body with its schema', () => {
    expect(withBody.parse(event).body).toEqual({ name: 'Ana' });
  });

  it('names the body field when its JSON is malformed, and stops there', () => {
    const result = withBody.safeParse({ ...event, body: '{"name":' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['body'],
        message: expect.stringMatching(/^Invalid JSON - /),
      }),
    ]);
  });

  it('keeps the field path of a body that parses but is wrong', () => {
    const result = withBody.safeParse({ ...event, body: '{"name":""}' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['body', 'name'],
    ]);
  });

  it('refuses an event without its request context', () => {
    const { requestContext: _, ...bare } = event;
    expect(apiEventSchema.safeParse(bare).success).toBe(false);
  });
});

describe('the correlation id path', () => {
  it('follows a dotted path, and gives undefined where a step is missing', () => {
    expect(dottedPath('requestContext.requestId', event)).toBe('r-1');
    expect(dottedPath('requestContext.missing.deeper', event)).toBeUndefined();
    expect(dottedPath('body.length', null)).toBeUndefined();
  });
});
