import { describe, expect, it } from 'vitest';
import { httpResponseOf } from '../../../infra/local/http-result.js';

function response(result: unknown) {
  const mapped = httpResponseOf(result);
  if (!mapped.ok) throw new Error(mapped.problem);
  return { ...mapped.response, body: mapped.response.body.toString() };
}

describe('writing a Lambda result back by the payload 2.0 rules', () => {
  it('sends a structured result as it says, each cookie a Set-Cookie header', () => {
    const written = response({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-count': 3, 'x-ok': true },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'created',
    });

    expect(written).toEqual({
      statusCode: 201,
      headers: [
        ['content-type', 'text/plain'],
        ['x-count', '3'],
        ['x-ok', 'true'],
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2'],
      ],
      body: 'created',
    });
  });

  it('decodes a base64 body', () => {
    const mapped = httpResponseOf({
      statusCode: 200,
      body: Buffer.from([1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    });

    expect(mapped.ok && [...mapped.response.body]).toEqual([1, 2, 255]);
  });

  it.each([
    [{ message: 'Hello from Lambda!' }, '{"message":"Hello from Lambda!"}'],
    ['Hello from Lambda!', 'Hello from Lambda!'],
    [[1, 2], '[1,2]'],
    [42, '42'],
    [undefined, 'null'],
    [{ body: 'no status' }, '{"body":"no status"}'],
  ])('infers 200 application/json for %j', (result, body) => {
    expect(response(result)).toEqual({
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body,
    });
  });

  it('ignores multiValueHeaders, which format 2.0 does not have, and warns', () => {
    const mapped = httpResponseOf({
      statusCode: 200,
      multiValueHeaders: { 'x-a': ['1', '2'] },
      body: '',
    });

    expect(mapped.ok && mapped.response.headers).toEqual([]);
    expect(mapped.ok && mapped.warnings).toEqual([
      expect.stringContaining('multiValueHeaders'),
    ]);
  });

  it('leaves content-length and connection headers to the gateway', () => {
    expect(
      response({
        statusCode: 204,
        headers: { 'Content-Length': '99', Connection: 'close', 'x-a': 'b' },
      }).headers,
    ).toEqual([['x-a', 'b']]);
  });

  it('reads the result as Lambda serialises it: undefined properties vanish', () => {
    expect(
      response({
        statusCode: 302,
        headers: { location: '/x', 'x-absent': undefined },
        body: undefined,
      }),
    ).toEqual({ statusCode: 302, headers: [['location', '/x']], body: '' });
  });

  it.each([
    [{ statusCode: '200' }, 'statusCode'],
    [{ statusCode: 99 }, 'statusCode'],
    [{ statusCode: 200, body: { a: 1 } }, 'body'],
    [{ statusCode: 200, headers: { a: ['x'] } }, 'header a'],
    [{ statusCode: 200, cookies: 'a=1' }, 'cookies'],
  ])('calls %j malformed (a 500), naming the fault', (result, fault) => {
    const mapped = httpResponseOf(result);

    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.problem).toContain(fault);
  });

  it('calls a result Lambda cannot serialise malformed', () => {
    const mapped = httpResponseOf({ statusCode: 200, body: 10n });

    expect(!mapped.ok && mapped.problem).toContain('JSON');
  });
});
