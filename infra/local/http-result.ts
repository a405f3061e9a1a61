/**
 * Turns what a Lambda integration returned into the HTTP response an HTTP
 * API (payload format 2.0) sends the client.
 *
 * - A result with a `statusCode` is a structured response: `statusCode`,
 *   `headers`, `cookies` (each one a `Set-Cookie` header), `body` (a string,
 *   base64-decoded when `isBase64Encoded`).
 * - Anything else is inferred: status 200, `content-type: application/json`,
 *   and the result as the body (a string as it is, anything else as JSON).
 * - `multiValueHeaders` is not part of format 2.0: API Gateway ignores it,
 *   so the stand-in does too, and says so.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */

export interface HttpResponse {
  readonly statusCode: number;
  /** Name and value pairs; a name may repeat (`set-cookie`). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export type ResultMapping =
  | {
      readonly ok: true;
      readonly response: HttpResponse;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly problem: string };

/** Headers the gateway writes itself, whatever the function says. */
const gatewayOwned = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * Maps a Lambda result to an HTTP response, or explains why API Gateway
 * would call it malformed (a 500 to the client).
 */
export function httpResponseOf(returned: unknown): ResultMapping {
  // API Gateway gets the JSON Lambda serialised, not the object: undefined
  // properties vanish, dates become strings, a cycle is an error.
  let result: unknown;
  try {
    const json = JSON.stringify(returned);
    result = json === undefined ? null : JSON.parse(json);
  } catch (error) {
    return {
      ok: false,
      problem: `the result is not JSON-serialisable (${String(error)})`,
    };
  }
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return {
      ok: true,
      response: {
        statusCode: 200,
        headers: [['content-type', 'application/json']],
        body: Buffer.from(body, 'utf8'),
      },
      warnings: [],
    };
  }
  return structuredResponse(result);
}

function isStructured(result: unknown): result is Record<string, unknown> {
  return (
    typeof result === 'object' &&
    result !== null &&
    !Array.isArray(result) &&
    'statusCode' in result
  );
}

function structuredResponse(result: Record<string, unknown>): ResultMapping {
  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return {
      ok: false,
      problem: `statusCode ${String(statusCode)} is not an HTTP status`,
    };
  }
  const pairs: (readonly [string, string])[] = [];
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) {
      return { ok: false, problem: 'headers is not an object' };
    }
    for (const [name, value] of Object.entries(headers)) {
      if (gatewayOwned.has(name.toLowerCase())) continue;
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        return { ok: false, problem: `header ${name} is not a string` };
      }
      pairs.push([name, String(value)]);
    }
  }
  if (cookies !== undefined && cookies !== null) {
    if (
      !Array.isArray(cookies) ||
      !cookies.every((c) => typeof c === 'string')
    ) {
      return { ok: false, problem: 'cookies is not an array of strings' };
    }
    for (const cookie of cookies) pairs.push(['set-cookie', cookie]);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, problem: 'body is not a string' };
  }
  const warnings =
    'multiValueHeaders' in result
      ? [
          'multiValueHeaders is not part of payload format 2.0; API Gateway ignores it (use headers, or cookies for Set-Cookie)',
        ]
      : [];
  return {
    ok: true,
    response: {
      statusCode,
      headers: pairs,
      body: Buffer.from(
        body ?? '',
        isBase64Encoded === true ? 'base64' : 'utf8',
      ),
    },
    warnings,
  };
}
